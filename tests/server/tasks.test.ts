import { expect } from 'chai';
import { startTestServer, type ApiClient, type TestServer } from './harness.js';
import { bpmnProcess, chain, end, start } from './fixtures/definitions.js';
import { createUsers, historyOf, instanceOf, openTasksOf, type TaskSummary } from './fixtures/cases.js';

/** start → one user task with these zeebe:assignmentDefinition attributes (and form) → end. */
function oneTaskProcess(key: string, taskId: string, assignment: Record<string, string>, formId?: string): string {
  const attributes = Object.entries(assignment).map(([name, value]) => `${name}="${value}"`).join(' ');
  const form = formId ? `<zeebe:formDefinition formId="${formId}" />` : '';
  const task =
    `<bpmn:userTask id="${taskId}" name="Taak ${taskId}"><bpmn:extensionElements>` +
    `<zeebe:assignmentDefinition ${attributes} />${form}</bpmn:extensionElements></bpmn:userTask>`;
  return bpmnProcess(key, [start(), task, end(), chain('start', taskId, 'end')]);
}

const MELDING_FORM = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Melding registreren',
  type: 'object',
  required: ['geregistreerd'],
  properties: { geregistreerd: { type: 'boolean' }, notitie: { type: 'string', maxLength: 20 } },
};

/** start → fork → two tasks of burgerzaken → join → end. */
const PARALLEL = bpmnProcess('parallel', [
  start(),
  '<bpmn:parallelGateway id="splitsen" />',
  '<bpmn:userTask id="links" name="Links"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="burgerzaken" /></bpmn:extensionElements></bpmn:userTask>',
  '<bpmn:userTask id="rechts" name="Rechts"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="burgerzaken" /></bpmn:extensionElements></bpmn:userTask>',
  '<bpmn:parallelGateway id="samenvoegen" />',
  end(),
  chain('start', 'splitsen', 'links', 'samenvoegen', 'end'),
  chain('splitsen', 'rechts', 'samenvoegen'),
]);

/** start → a task of burgerzaken → a task of financien → end. */
const OPVOLGING = bpmnProcess('opvolging', [
  start(),
  '<bpmn:userTask id="eerste" name="Eerste"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="burgerzaken" /></bpmn:extensionElements></bpmn:userTask>',
  '<bpmn:userTask id="tweede" name="Tweede"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="financien" /></bpmn:extensionElements></bpmn:userTask>',
  end(),
  chain('start', 'eerste', 'tweede', 'end'),
]);

/** Throws a signal (a step that reaches other cases, so written in a transaction) before each of its two tasks. */
const SEINEN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs_seinen" targetNamespace="http://loket.test">
  <bpmn:signal id="sein" name="niemand-luistert" />
  <bpmn:process id="seinen" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:intermediateThrowEvent id="roep"><bpmn:signalEventDefinition signalRef="sein" /></bpmn:intermediateThrowEvent>
    <bpmn:userTask id="voor" name="Voor"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="burgerzaken" /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:intermediateThrowEvent id="nogmaals"><bpmn:signalEventDefinition signalRef="sein" /></bpmn:intermediateThrowEvent>
    <bpmn:userTask id="na" name="Na"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="burgerzaken" /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="end" />
    ${chain('start', 'roep', 'voor', 'nogmaals', 'na', 'end')}
  </bpmn:process>
</bpmn:definitions>`;

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('server: user tasks', () => {
  let server: TestServer;
  let admin: ApiClient;
  let an: ApiClient; // staff, burgerzaken
  let bert: ApiClient; // staff, burgerzaken
  let fien: ApiClient; // staff, financien
  let piet: ApiClient; // staff, no department
  let cor: ApiClient; // reviewer, college

  const startCase = async (processKey: string, variables: Record<string, unknown> = {}) => {
    const response = await an.post('/api/process-instances', { processKey, variables });
    expect(response.status, JSON.stringify(response.body)).to.equal(201);
    return response.body.id as string;
  };
  /** The one open task of a case, as admin sees it. */
  const taskOf = async (instanceId: string): Promise<TaskSummary> => {
    const tasks = await openTasksOf(admin, instanceId);
    expect(tasks).to.have.length(1);
    return tasks[0]!;
  };
  const ids = (tasks: { id: string }[]) => tasks.map((t) => t.id);

  before(async () => {
    server = await startTestServer();
    admin = server.api(await server.adminToken());
    ({ an, bert, fien, piet, cor } = (await createUsers(server, [
      { username: 'an', roles: ['staff'], groups: ['burgerzaken'] },
      { username: 'bert', roles: ['staff'], groups: ['burgerzaken'] },
      { username: 'fien', roles: ['staff'], groups: ['financien'] },
      { username: 'piet', roles: ['staff'], groups: [] },
      { username: 'cor', roles: ['reviewer'], groups: ['college'] },
    ])) as Record<'an' | 'bert' | 'fien' | 'piet' | 'cor', ApiClient>);
    const deployment = await admin.post('/api/deployments', {
      name: 'taken',
      resources: [
        { name: 'melding.form.json', content: JSON.stringify(MELDING_FORM) },
        { name: 'balie.bpmn', content: oneTaskProcess('balie', 'registreren', { candidateGroups: 'burgerzaken' }, 'melding') },
        { name: 'boekhouding.bpmn', content: oneTaskProcess('boekhouding', 'boeken', { candidateGroups: 'financien' }) },
        { name: 'persoonlijk.bpmn', content: oneTaskProcess('persoonlijk', 'nakijken', { candidateUsers: 'piet, fien' }) },
        { name: 'parallel.bpmn', content: PARALLEL },
        { name: 'opvolging.bpmn', content: OPVOLGING },
        { name: 'seinen.bpmn', content: SEINEN },
        { name: 'toegewezen.bpmn', content: oneTaskProcess('toegewezen', 'tekenen', { candidateGroups: 'financien', assignee: '=behandelaar' }) },
      ],
    });
    expect(deployment.status, JSON.stringify(deployment.body)).to.equal(201);
  });
  after(async () => {
    await server?.close();
  });

  describe('GET /api/tasks', () => {
    let balie: string;
    let boekhouding: string;
    let persoonlijk: string;
    let toegewezen: string;
    before(async () => {
      balie = await startCase('balie');
      boekhouding = await startCase('boekhouding');
      persoonlijk = await startCase('persoonlijk');
      toegewezen = await startCase('toegewezen', { behandelaar: 'an' });
    });

    it('shows a staff member the tasks of their departments and those assigned to them', async () => {
      const balieTask = await taskOf(balie);
      const boekTask = await taskOf(boekhouding);
      const persoonlijkTask = await taskOf(persoonlijk);
      const toegewezenTask = await taskOf(toegewezen);
      expect(toegewezenTask).to.include({ assignee: 'an' });
      expect(toegewezenTask.candidateGroups).to.deep.equal(['financien']);

      const anSees = ids((await an.get('/api/tasks')).body);
      expect(anSees).to.include.members([balieTask.id, toegewezenTask.id]);
      expect(anSees).not.to.include.members([boekTask.id]);
      expect(anSees).not.to.include(persoonlijkTask.id);
      const fienSees = ids((await fien.get('/api/tasks')).body);
      expect(fienSees).to.include.members([boekTask.id, toegewezenTask.id, persoonlijkTask.id]);
      expect(fienSees).not.to.include(balieTask.id);
      expect(ids((await piet.get('/api/tasks')).body)).to.deep.equal([persoonlijkTask.id]);
      expect(ids((await cor.get('/api/tasks')).body)).to.deep.equal([]);
      const adminSees = ids((await admin.get('/api/tasks')).body);
      expect(adminSees).to.include.members([balieTask.id, boekTask.id, persoonlijkTask.id, toegewezenTask.id]);
    });

    it('gives a task with candidateUsers to those users only, with no department', async () => {
      const task = await taskOf(persoonlijk);
      expect(task.candidateUsers).to.deep.equal(['piet', 'fien']);
      expect(task.candidateGroups).to.deep.equal([]);
      expect((await an.get(`/api/tasks/${task.id}`)).status).to.equal(403);
      expect((await an.post(`/api/tasks/${task.id}/claim`)).status).to.equal(403);
      const byPiet = await piet.post(`/api/tasks/${task.id}/complete`, {});
      expect(byPiet.status, JSON.stringify(byPiet.body)).to.equal(200);
      expect((await instanceOf(admin, persoonlijk)).state).to.equal('completed');
    });

    it('filters by processInstanceId, candidateGroup, assignee and state', async () => {
      const balieTask = await taskOf(balie);
      const toegewezenTask = await taskOf(toegewezen);
      expect(ids((await an.get(`/api/tasks?processInstanceId=${balie}`)).body)).to.deep.equal([balieTask.id]);
      expect(ids((await an.get(`/api/tasks?processInstanceId=${boekhouding}`)).body)).to.deep.equal([]);

      const financien = (await admin.get('/api/tasks?candidateGroup=financien')).body as TaskSummary[];
      expect(financien.length).to.be.greaterThan(0);
      expect(financien.every((t) => t.candidateGroups.includes('financien'))).to.equal(true);
      expect(ids(financien)).to.include(toegewezenTask.id);
      // A filter narrows what one may see; it never widens it.
      expect(ids((await an.get('/api/tasks?candidateGroup=financien')).body)).to.deep.equal([toegewezenTask.id]);

      const assignedToAn = (await admin.get('/api/tasks?assignee=an')).body as TaskSummary[];
      expect(ids(assignedToAn)).to.deep.equal([toegewezenTask.id]);

      const done = (await piet.get('/api/tasks?state=completed')).body as TaskSummary[];
      expect(done.map((t) => [t.elementId, t.state])).to.deep.equal([['nakijken', 'completed']]);
      expect((await piet.get('/api/tasks')).body).to.deep.equal([]);
      expect((await an.get('/api/tasks?state=gesloten')).status).to.equal(400);
      expect((await server.request('GET', '/api/tasks')).status).to.equal(401);
    });
  });

  describe('GET /api/tasks/{id}', () => {
    it("shows the task with its case's variables and its form", async () => {
      const instanceId = await startCase('balie', { melder: 'Mevrouw Peeters', straat: 'Kerkstraat' });
      const { id } = await taskOf(instanceId);
      const response = await an.get(`/api/tasks/${id}`);
      expect(response.status).to.equal(200);
      expect(response.body).to.include({ id, processInstanceId: instanceId, processKey: 'balie', elementId: 'registreren', name: 'Taak registreren', formKey: 'melding', state: 'open', assignee: null });
      expect(response.body.candidateGroups).to.deep.equal(['burgerzaken']);
      expect(response.body.variables).to.deep.equal({ melder: 'Mevrouw Peeters', straat: 'Kerkstraat' });
      expect(response.body.form).to.deep.equal(MELDING_FORM);
      expect(Number.isNaN(Date.parse(response.body.createdAt))).to.equal(false);
    });

    it('has a null form for a task without one, 403 for another department and 404 for an unknown id', async () => {
      const { id } = await taskOf(await startCase('boekhouding', { bedrag: 10 }));
      const forFien = await fien.get(`/api/tasks/${id}`);
      expect(forFien.status).to.equal(200);
      expect(forFien.body.form).to.equal(null);
      expect(forFien.body.variables).to.deep.equal({ bedrag: 10 });
      const forAn = await an.get(`/api/tasks/${id}`);
      expect(forAn.status).to.equal(403);
      expect(forAn.body.error).to.equal('forbidden');
      expect(forAn.body).not.to.have.property('variables');
      expect((await admin.get(`/api/tasks/${id}`)).status).to.equal(200);
      expect((await an.get(`/api/tasks/${UNKNOWN_ID}`)).status).to.equal(404);
    });
  });

  describe('what a start and a completion opened', () => {
    it('answers a start with the tasks it opened, as the task list shows them to the starter', async () => {
      const started = await an.post('/api/process-instances', { processKey: 'parallel' });
      expect(started.status).to.equal(201);
      expect(started.body.openedTasks.map((t: TaskSummary) => t.elementId).sort()).to.deep.equal(['links', 'rechts']);
      expect(started.body.openedTasks).to.deep.equal(await openTasksOf(an, started.body.id));
      // Fien is not of burgerzaken: her start opens a task she may not see, so none comes back.
      const byFien = await fien.post('/api/process-instances', { processKey: 'opvolging' });
      expect(byFien.status).to.equal(201);
      expect(byFien.body.openedTasks).to.deep.equal([]);
      expect((await an.get(`/api/tasks?processInstanceId=${byFien.body.id}`)).body.map((t: TaskSummary) => t.elementId)).to.deep.equal(['eerste']);
    });

    it('answers a completion with the tasks it opened in the case that the completer may see', async () => {
      const started = await an.post('/api/process-instances', { processKey: 'opvolging' });
      const [eerste] = started.body.openedTasks as TaskSummary[];
      expect(eerste).to.include({ elementId: 'eerste', state: 'open' });
      // An completes the first step; the next is financien's, so hers lists nothing, while fien finds it.
      const completed = await an.post(`/api/tasks/${eerste!.id}/complete`, { variables: {} });
      expect(completed.status).to.equal(200);
      expect(completed.body).to.include({ id: eerste!.id, state: 'completed', completedBy: 'an' });
      expect(completed.body.openedTasks).to.deep.equal([]);
      const [tweede] = await openTasksOf(fien, started.body.id);
      expect(tweede).to.include({ elementId: 'tweede' });

      const again = await admin.post('/api/process-instances', { processKey: 'opvolging' });
      const next = await admin.post(`/api/tasks/${again.body.openedTasks[0].id}/complete`, { variables: {} });
      expect(next.body.openedTasks).to.deep.equal(await openTasksOf(admin, again.body.id));
      expect(next.body.openedTasks.map((t: TaskSummary) => t.elementId)).to.deep.equal(['tweede']);
      const last = await admin.post(`/api/tasks/${next.body.openedTasks[0].id}/complete`, { variables: {} });
      expect(last.body.openedTasks).to.deep.equal([]);
      expect((await instanceOf(admin, again.body.id)).state).to.equal('completed');
    });

    it('answers so too when the step reaches other cases and is written in a transaction', async () => {
      const started = await an.post('/api/process-instances', { processKey: 'seinen' });
      expect(started.status, JSON.stringify(started.body)).to.equal(201);
      expect(started.body.openedTasks.map((t: TaskSummary) => t.elementId)).to.deep.equal(['voor']);
      expect(started.body.openedTasks).to.deep.equal(await openTasksOf(an, started.body.id));
      const completed = await an.post(`/api/tasks/${started.body.openedTasks[0].id}/complete`, { variables: {} });
      expect(completed.body.openedTasks.map((t: TaskSummary) => t.elementId)).to.deep.equal(['na']);
      expect(completed.body.openedTasks).to.deep.equal(await openTasksOf(an, started.body.id));
    });
  });

  describe('claim, unclaim and complete', () => {
    it('assigns a claimed task, keeps others of the department off it, and records who claimed it', async () => {
      const instanceId = await startCase('balie');
      const { id } = await taskOf(instanceId);

      const claimed = await an.post(`/api/tasks/${id}/claim`);
      expect(claimed.status).to.equal(200);
      expect(claimed.body).to.include({ id, assignee: 'an', state: 'open' });
      expect((await an.get(`/api/tasks/${id}`)).body.assignee).to.equal('an');
      expect(ids((await bert.get('/api/tasks?assignee=an')).body)).to.include(id);
      // Claiming again by the holder changes nothing.
      expect((await an.post(`/api/tasks/${id}/claim`)).status).to.equal(200);

      const byBert = await bert.post(`/api/tasks/${id}/claim`);
      expect(byBert.status).to.equal(409);
      expect(byBert.body.error).to.equal('conflict');
      expect((await fien.post(`/api/tasks/${id}/claim`)).status).to.equal(403);
      expect((await an.post(`/api/tasks/${UNKNOWN_ID}/claim`)).status).to.equal(404);

      // Only the holder may complete it or give it back.
      const completeByBert = await bert.post(`/api/tasks/${id}/complete`, { variables: { geregistreerd: true } });
      expect(completeByBert.status).to.equal(403);
      expect(completeByBert.body.error).to.equal('forbidden');
      expect((await bert.post(`/api/tasks/${id}/unclaim`)).status).to.equal(403);
      expect((await an.get(`/api/tasks/${id}`)).body).to.include({ assignee: 'an', state: 'open' });

      const events = await historyOf(an, instanceId);
      const claims = events.filter((e) => e.type === 'task-claimed');
      expect(claims).to.have.length(1);
      expect(claims[0]).to.include({ elementId: 'registreren', user: 'an' });
      expect(events.filter((e) => e.type === 'task-completed')).to.deep.equal([]);
    });

    it('gives a task back on unclaim, after which another member completes it', async () => {
      const instanceId = await startCase('balie');
      const { id } = await taskOf(instanceId);
      expect((await an.post(`/api/tasks/${id}/claim`)).status).to.equal(200);
      const released = await an.post(`/api/tasks/${id}/unclaim`);
      expect(released.status).to.equal(200);
      expect(released.body.assignee).to.equal(null);

      expect((await bert.post(`/api/tasks/${id}/claim`)).status).to.equal(200);
      const done = await bert.post(`/api/tasks/${id}/complete`, { variables: { geregistreerd: true } });
      expect(done.status).to.equal(200);
      expect(done.body).to.include({ state: 'completed' });
      expect((await an.post(`/api/tasks/${id}/unclaim`)).status).to.equal(409);
      expect((await bert.post(`/api/tasks/${id}/claim`)).status).to.equal(409);

      const events = await historyOf(an, instanceId);
      const taskEvents = events.filter((e) => e.type.startsWith('task-') && e.type !== 'task-created').map((e) => `${e.type} ${e.user}`);
      expect(taskEvents).to.deep.equal(['task-claimed an', 'task-unclaimed an', 'task-claimed bert', 'task-completed bert']);
      expect((await instanceOf(an, instanceId)).state).to.equal('completed');
      const completed = (await an.get(`/api/tasks?processInstanceId=${instanceId}&state=completed`)).body as TaskSummary[];
      expect(completed.map((t) => [t.id, t.state, t.assignee])).to.deep.equal([[id, 'completed', 'bert']]);
    });

    it('refuses a reviewer outside the department and a completion that breaks the form', async () => {
      const { id } = await taskOf(await startCase('balie'));
      expect((await cor.post(`/api/tasks/${id}/complete`, { variables: { geregistreerd: true } })).status).to.equal(403);
      const tooLong = await an.post(`/api/tasks/${id}/complete`, { variables: { geregistreerd: true, notitie: 'x'.repeat(21) } });
      expect(tooLong.status).to.equal(400);
      expect(tooLong.body.details).to.be.an('array').with.length(1);
      expect((await an.post(`/api/tasks/${id}/complete`, { variables: 'geen object' })).status).to.equal(400);
      expect((await an.get(`/api/tasks/${id}`)).body.state).to.equal('open');
      expect((await an.post(`/api/tasks/${UNKNOWN_ID}/complete`, {})).status).to.equal(404);
    });
  });

  describe('at the same time', () => {
    it('lets exactly one of two simultaneous completions through', async () => {
      const instanceId = await startCase('balie');
      const { id } = await taskOf(instanceId);
      const answers = await Promise.all([
        an.post(`/api/tasks/${id}/complete`, { variables: { geregistreerd: true, notitie: 'an' } }),
        bert.post(`/api/tasks/${id}/complete`, { variables: { geregistreerd: true, notitie: 'bert' } }),
      ]);
      expect(answers.map((a) => a.status).sort()).to.deep.equal([200, 409]);
      const winner = answers[0]!.status === 200 ? 'an' : 'bert';
      const events = await historyOf(an, instanceId);
      const completions = events.filter((e) => e.type === 'task-completed');
      expect(completions).to.have.length(1);
      expect(completions[0]!.user).to.equal(winner);
      expect(events.filter((e) => e.type === 'element-completed' && e.elementId === 'end')).to.have.length(1);
      const instance = await instanceOf(an, instanceId);
      expect(instance.state).to.equal('completed');
      expect(instance.variables.notitie).to.equal(winner);
    });

    it('completes two tasks of one case at the same time, both, one after the other', async () => {
      const instanceId = await startCase('parallel');
      const tasks = await openTasksOf(an, instanceId);
      expect(tasks.map((t) => t.elementId).sort()).to.deep.equal(['links', 'rechts']);
      const answers = await Promise.all([
        an.post(`/api/tasks/${tasks[0]!.id}/complete`, { variables: { [tasks[0]!.elementId]: true } }),
        bert.post(`/api/tasks/${tasks[1]!.id}/complete`, { variables: { [tasks[1]!.elementId]: true } }),
      ]);
      expect(answers.map((a) => a.status)).to.deep.equal([200, 200]);
      const instance = await instanceOf(an, instanceId);
      expect(instance.state).to.equal('completed');
      expect(instance.variables).to.deep.equal({ links: true, rechts: true });
      const events = await historyOf(an, instanceId);
      expect(events.filter((e) => e.type === 'task-completed')).to.have.length(2);
      expect(events.filter((e) => e.type === 'element-completed' && e.elementId === 'samenvoegen')).to.have.length(1);
    });

    it('gives a task to exactly one of two simultaneous claims', async () => {
      const instanceId = await startCase('balie');
      const { id } = await taskOf(instanceId);
      const answers = await Promise.all([an.post(`/api/tasks/${id}/claim`), bert.post(`/api/tasks/${id}/claim`)]);
      expect(answers.map((a) => a.status).sort()).to.deep.equal([200, 409]);
      const winner = answers[0]!.status === 200 ? 'an' : 'bert';
      expect((await an.get(`/api/tasks/${id}`)).body.assignee).to.equal(winner);
      expect((await historyOf(an, instanceId)).filter((e) => e.type === 'task-claimed').map((e) => e.user)).to.deep.equal([winner]);
    });
  });
});
