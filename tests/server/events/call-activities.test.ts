import { expect } from 'chai';
import type { ApiClient, TestServer } from '../harness.js';
import { completeTask, historyOf, instanceOf, openTasksOf } from '../fixtures/cases.js';
import { TestClock, bpmn, casesOf, chain, countOf, deploy, serverOn, startCase, userTask } from './helpers.js';

/** start → call activity of `called` → user task "afronden" → end. */
const caller = (key: string, called: string) =>
  bpmn(
    key,
    `<bpmn:startEvent id="start"/>
     <bpmn:callActivity id="aanroep"><bpmn:extensionElements><zeebe:calledElement processId="${called}"/></bpmn:extensionElements></bpmn:callActivity>
     ${userTask('afronden')}
     <bpmn:endEvent id="end"/>
     ${chain('start', 'aanroep', 'afronden', 'end')}`,
  );

const CHILD = bpmn('deelzaak', `<bpmn:startEvent id="start"/>${userTask('beoordelen')}<bpmn:endEvent id="end"/>${chain('start', 'beoordelen', 'end')}`);

describe('server: call activities', () => {
  let server: TestServer;
  let admin: ApiClient;
  before(async () => {
    server = await serverOn(new TestClock());
    admin = server.api(await server.adminToken());
    await deploy(admin, [
      { name: 'hoofdzaak.bpmn', content: caller('hoofdzaak', 'deelzaak') },
      { name: 'deelzaak.bpmn', content: CHILD },
      { name: 'wees.bpmn', content: caller('wees', 'niet-gepubliceerd') },
    ]);
  });
  after(() => server?.close());

  /** Starts a parent case and answers it with the one child case it called. */
  async function parentAndChild(variables: Record<string, unknown>) {
    const parent = await startCase(admin, 'hoofdzaak', variables);
    const children = (await casesOf(admin, 'deelzaak')).filter((c) => c.parentInstanceId === parent.id);
    expect(children).to.have.length(1);
    return { parent, child: children[0] };
  }

  it('starts the called process as a case of its own; when it completes the caller moves on with its variables', async () => {
    const { parent, child } = await parentAndChild({ aanvrager: 'Els', bedrag: 300 });
    expect(child).to.deep.include({ state: 'active', activeElementIds: ['beoordelen'], variables: { aanvrager: 'Els', bedrag: 300 } });
    expect((await instanceOf(admin, parent.id)).activeElementIds).to.deep.equal(['aanroep']);

    const [task] = await openTasksOf(admin, child.id);
    await completeTask(admin, task!.id, { advies: 'toekennen' });
    expect((await instanceOf(admin, child.id)).state).to.equal('completed');
    const moved = await instanceOf(admin, parent.id);
    expect(moved).to.deep.include({ state: 'active', activeElementIds: ['afronden'] });
    expect(moved.variables).to.deep.equal({ aanvrager: 'Els', bedrag: 300, advies: 'toekennen' });
    expect(countOf(await historyOf(admin, parent.id), 'element-completed', 'aanroep')).to.equal(1);
  });

  it('a call of a process that is not deployed is an incident of the caller that names it', async () => {
    const parent = await startCase(admin, 'wees');
    const stuck = await instanceOf(admin, parent.id);
    expect(stuck.state).to.equal('incident');
    expect(stuck.incidents).to.have.length(1);
    expect(stuck.incidents[0].elementId).to.equal('aanroep');
    expect(stuck.incidents[0].message).to.include('niet-gepubliceerd');
    expect(await casesOf(admin, 'niet-gepubliceerd')).to.deep.equal([]);
  });

  it('cancelling the caller terminates the called case and closes its task', async () => {
    const { parent, child } = await parentAndChild({ aanvrager: 'Piet' });
    const [task] = await openTasksOf(admin, child.id);

    expect((await admin.post(`/api/process-instances/${parent.id}/cancel`)).status).to.equal(200);
    expect((await instanceOf(admin, parent.id)).state).to.equal('terminated');
    expect((await instanceOf(admin, child.id)).state).to.equal('terminated');
    expect(await openTasksOf(admin, child.id)).to.deep.equal([]);
    expect((await admin.post(`/api/tasks/${task!.id}/complete`, { variables: {} })).status).to.equal(409);
    expect((await admin.post(`/api/process-instances/${child.id}/cancel`)).status).to.equal(409);
  });
});
