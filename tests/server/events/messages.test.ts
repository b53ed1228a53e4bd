import { expect } from 'chai';
import type { ApiClient, TestServer } from '../harness.js';
import { completeTask, historyOf, instanceOf, openTasksOf } from '../fixtures/cases.js';
import { TestClock, bpmn, casesOf, chain, countOf, deploy, message, serverOn, signal, startCase, userTask } from './helpers.js';

/** start → wait for "stukken-ontvangen" keyed by `dossier` → user task "beoordelen". */
const WAIT_FOR_DOCUMENTS = bpmn(
  'stukken',
  `<bpmn:startEvent id="start"/>
   <bpmn:intermediateCatchEvent id="wacht"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
   ${userTask('beoordelen')}
   <bpmn:endEvent id="end"/>
   ${chain('start', 'wacht', 'beoordelen', 'end')}`,
  message('m', 'stukken-ontvangen', '=dossier'),
);

/** A case started by the message "melding-binnen". */
const STARTED_BY_MESSAGE = bpmn(
  'melding',
  `<bpmn:startEvent id="binnen"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>
   ${userTask('registreren')}
   <bpmn:endEvent id="end"/>
   ${chain('binnen', 'registreren', 'end')}`,
  message('m', 'melding-binnen'),
);

/** A user task with a non-interrupting message boundary: an addition to the file opens a task beside it. */
const ADDITIONS = bpmn(
  'aanvullingen',
  `<bpmn:startEvent id="start"/>
   ${userTask('behandelen')}
   <bpmn:boundaryEvent id="aanvulling" attachedToRef="behandelen" cancelActivity="false"><bpmn:messageEventDefinition messageRef="m"/></bpmn:boundaryEvent>
   ${userTask('aanvulling-verwerken')}
   <bpmn:endEvent id="klaar"/>
   <bpmn:endEvent id="verwerkt"/>
   ${chain('start', 'behandelen', 'klaar')}${chain('aanvulling', 'aanvulling-verwerken', 'verwerkt')}`,
  message('m', 'aanvulling-ontvangen', '=dossier'),
);

describe('server: messages', () => {
  let server: TestServer;
  let admin: ApiClient;
  before(async () => {
    server = await serverOn(new TestClock());
    admin = server.api(await server.adminToken());
    await deploy(admin, [
      { name: 'stukken.bpmn', content: WAIT_FOR_DOCUMENTS },
      { name: 'melding.bpmn', content: STARTED_BY_MESSAGE },
      { name: 'aanvullingen.bpmn', content: ADDITIONS },
    ]);
  });
  after(() => server?.close());

  it('reaches nothing with another correlation key; with the right one it moves the case on with its variables', async () => {
    const { id } = await startCase(admin, 'stukken', { dossier: 'D-100' });
    const other = await startCase(admin, 'stukken', { dossier: 'D-200' });

    const wrong = await admin.post('/api/messages', { name: 'stukken-ontvangen', correlationKey: 'D-999', variables: { bijlagen: 9 } });
    expect(wrong.status).to.equal(200);
    expect(wrong.body).to.include({ correlated: 0 });
    expect((await admin.post('/api/messages', { name: 'iets-anders', correlationKey: 'D-100' })).body.correlated).to.equal(0);
    expect((await instanceOf(admin, id)).activeElementIds).to.deep.equal(['wacht']);

    const right = await admin.post('/api/messages', { name: 'stukken-ontvangen', correlationKey: 'D-100', variables: { bijlagen: 3 } });
    expect(right.status).to.equal(200);
    expect(right.body).to.deep.equal({ correlated: 1, processInstanceIds: [id] });
    const moved = await instanceOf(admin, id);
    expect(moved.activeElementIds).to.deep.equal(['beoordelen']);
    expect(moved.variables).to.deep.equal({ dossier: 'D-100', bijlagen: 3 });
    const correlated = (await historyOf(admin, id)).filter((event) => event.type === 'message-correlated');
    expect(correlated.map((event) => event.elementId)).to.deep.equal(['wacht']);

    // Delivered once: the same message again reaches nothing, and the other case still waits.
    expect((await admin.post('/api/messages', { name: 'stukken-ontvangen', correlationKey: 'D-100' })).body.correlated).to.equal(0);
    expect((await instanceOf(admin, other.id)).activeElementIds).to.deep.equal(['wacht']);
    expect((await instanceOf(admin, other.id)).variables).to.deep.equal({ dossier: 'D-200' });
  });

  it('two copies of a message sent at once are delivered once', async () => {
    const { id } = await startCase(admin, 'stukken', { dossier: 'D-300' });
    const answers = await Promise.all(
      [1, 2].map((copy) => admin.post('/api/messages', { name: 'stukken-ontvangen', correlationKey: 'D-300', variables: { copy } })),
    );
    expect(answers.map((answer) => answer.status)).to.deep.equal([200, 200]);
    expect(answers.map((answer) => answer.body.correlated).sort()).to.deep.equal([0, 1]);
    expect(countOf(await historyOf(admin, id), 'message-correlated')).to.equal(1);
    expect((await instanceOf(admin, id)).activeElementIds).to.deep.equal(['beoordelen']);
  });

  it('compares a numeric correlation key as text', async () => {
    const { id } = await startCase(admin, 'stukken', { dossier: 4711 });
    const response = await admin.post('/api/messages', { name: 'stukken-ontvangen', correlationKey: 4711 });
    expect(response.body).to.deep.equal({ correlated: 1, processInstanceIds: [id] });
  });

  it('starts a case of a process with a message start event, the correlation key as its business key', async () => {
    const response = await admin.post('/api/messages', { name: 'melding-binnen', correlationKey: 'M-7', variables: { melder: 'Els' } });
    expect(response.status).to.equal(200);
    expect(response.body.correlated).to.equal(1);
    const cases = await casesOf(admin, 'melding');
    expect(cases).to.have.length(1);
    expect(cases[0]).to.include({ id: response.body.processInstanceIds[0], businessKey: 'M-7', state: 'active' });
    expect(cases[0].variables).to.deep.equal({ melder: 'Els' });
    expect(cases[0].activeElementIds).to.deep.equal(['registreren']);
  });

  it('a non-interrupting message boundary on a user task opens its path beside the task, as often as it comes', async () => {
    const { id } = await startCase(admin, 'aanvullingen', { dossier: 'A-1' });
    const publish = () => admin.post('/api/messages', { name: 'aanvulling-ontvangen', correlationKey: 'A-1', variables: { laatsteAanvulling: 'paspoort' } });

    expect((await publish()).body.correlated).to.equal(1);
    expect((await openTasksOf(admin, id)).map((task) => task.elementId).sort()).to.deep.equal(['aanvulling-verwerken', 'behandelen']);
    expect((await publish()).body.correlated).to.equal(1);
    const tasks = await openTasksOf(admin, id);
    expect(tasks.map((task) => task.elementId).sort()).to.deep.equal(['aanvulling-verwerken', 'aanvulling-verwerken', 'behandelen']);
    expect((await instanceOf(admin, id)).variables).to.deep.equal({ dossier: 'A-1', laatsteAanvulling: 'paspoort' });

    // Once the task is done the boundary no longer listens.
    await completeTask(admin, tasks.find((task) => task.elementId === 'behandelen')!.id);
    expect((await publish()).body.correlated).to.equal(0);
    expect((await openTasksOf(admin, id)).map((task) => task.elementId)).to.deep.equal(['aanvulling-verwerken', 'aanvulling-verwerken']);
    expect(countOf(await historyOf(admin, id), 'message-correlated', 'aanvulling')).to.equal(2);
  });

  it('refuses a bad body with 400 and a call without a token with 401', async () => {
    for (const body of [{}, { name: '' }, { name: 7 }, { name: 'x', variables: [1] }, { name: 'x', correlationKey: { a: 1 } }, { name: 'x', onbekend: true }]) {
      const response = await admin.post('/api/messages', body);
      expect(response.status, JSON.stringify(body)).to.equal(400);
      expect(response.body.error).to.equal('bad-request');
    }
    const broken = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await server.adminToken()}` },
      body: '{"name": ',
    });
    expect(broken.status).to.equal(400);
    expect((await server.request('POST', '/api/messages', { name: 'stukken-ontvangen', correlationKey: 'D-1' })).status).to.equal(401);
    expect((await server.request('POST', '/api/signals', { name: 'x' })).status).to.equal(401);
  });
});

/** start → wait for the signal "regeling-gestopt" → user task "afronden". */
const WAIT_FOR_SIGNAL = bpmn(
  'regeling',
  `<bpmn:startEvent id="start"/>
   <bpmn:intermediateCatchEvent id="wacht"><bpmn:signalEventDefinition signalRef="s"/></bpmn:intermediateCatchEvent>
   ${userTask('afronden')}
   <bpmn:endEvent id="end"/>
   ${chain('start', 'wacht', 'afronden', 'end')}`,
  signal('s', 'regeling-gestopt'),
);

const STARTED_BY_SIGNAL = bpmn(
  'stopzetting',
  `<bpmn:startEvent id="gestopt"><bpmn:signalEventDefinition signalRef="s"/></bpmn:startEvent>
   ${userTask('berichten')}
   <bpmn:endEvent id="end"/>
   ${chain('gestopt', 'berichten', 'end')}`,
  signal('s', 'regeling-gestopt'),
);

/** After its task, throws "besluit-genomen" from an intermediate throw event. */
const THROWER = bpmn(
  'zender',
  `<bpmn:startEvent id="start"/>
   ${userTask('besluiten')}
   <bpmn:intermediateThrowEvent id="melden"><bpmn:signalEventDefinition signalRef="s"/></bpmn:intermediateThrowEvent>
   <bpmn:endEvent id="end"/>
   ${chain('start', 'besluiten', 'melden', 'end')}`,
  signal('s', 'besluit-genomen'),
);

const CATCHER = bpmn(
  'ontvanger',
  `<bpmn:startEvent id="start"/>
   <bpmn:intermediateCatchEvent id="wacht"><bpmn:signalEventDefinition signalRef="s"/></bpmn:intermediateCatchEvent>
   ${userTask('verwerken')}
   <bpmn:endEvent id="end"/>
   ${chain('start', 'wacht', 'verwerken', 'end')}`,
  signal('s', 'besluit-genomen'),
);

describe('server: signals', () => {
  let server: TestServer;
  let admin: ApiClient;
  before(async () => {
    server = await serverOn(new TestClock());
    admin = server.api(await server.adminToken());
    await deploy(admin, [
      { name: 'regeling.bpmn', content: WAIT_FOR_SIGNAL },
      { name: 'stopzetting.bpmn', content: STARTED_BY_SIGNAL },
      { name: 'zender.bpmn', content: THROWER },
      { name: 'ontvanger.bpmn', content: CATCHER },
    ]);
  });
  after(() => server?.close());

  it('one signal reaches the cases waiting for it and starts a case of the process it starts', async () => {
    const first = await startCase(admin, 'regeling', { nummer: 1 });
    const second = await startCase(admin, 'regeling', { nummer: 2 });
    const response = await admin.post('/api/signals', { name: 'regeling-gestopt', variables: { reden: 'budget op' } });
    expect(response.status).to.equal(200);
    expect(response.body.triggered).to.equal(3);

    const started = await casesOf(admin, 'stopzetting');
    expect(started).to.have.length(1);
    expect(started[0].variables).to.deep.equal({ reden: 'budget op' });
    expect(started[0].activeElementIds).to.deep.equal(['berichten']);
    expect([...response.body.processInstanceIds].sort()).to.deep.equal([first.id, second.id, started[0].id].sort());
    for (const [{ id }, nummer] of [[first, 1], [second, 2]] as const) {
      const moved = await instanceOf(admin, id);
      expect(moved.activeElementIds).to.deep.equal(['afronden']);
      expect(moved.variables).to.deep.equal({ nummer, reden: 'budget op' });
      expect(countOf(await historyOf(admin, id), 'signal-received', 'wacht')).to.equal(1);
    }

    // The waiting cases heard it; a second signal only starts another case.
    expect((await admin.post('/api/signals', { name: 'regeling-gestopt' })).body.triggered).to.equal(1);
    expect((await admin.post('/api/signals', { name: 'niemand-luistert' })).body).to.deep.equal({ triggered: 0, processInstanceIds: [] });
  });

  it('a signal thrown by one case reaches another case in the same request', async () => {
    const catcher = await startCase(admin, 'ontvanger');
    const thrower = await startCase(admin, 'zender');
    const [task] = await openTasksOf(admin, thrower.id);
    await completeTask(admin, task!.id);

    expect((await instanceOf(admin, thrower.id)).state).to.equal('completed');
    expect((await instanceOf(admin, catcher.id)).activeElementIds).to.deep.equal(['verwerken']);
    expect(countOf(await historyOf(admin, catcher.id), 'signal-received', 'wacht')).to.equal(1);
  });

  it('refuses a bad body with 400', async () => {
    for (const body of [{}, { name: '' }, { name: ['x'] }, { name: 'x', variables: 'veel' }, { name: 'x', correlationKey: 'k' }]) {
      const response = await admin.post('/api/signals', body);
      expect(response.status, JSON.stringify(body)).to.equal(400);
      expect(response.body.error).to.equal('bad-request');
    }
  });
});
