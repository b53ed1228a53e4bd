import { expect } from 'chai';
import { startTestServer, type ApiClient, type TestServer } from './harness.js';
import { bpmnProcess, chain, end, flow, start } from './fixtures/definitions.js';
import { createUsers, historyOf, instanceOf, openTasksOf } from './fixtures/cases.js';

/** A user task for department `group`, via zeebe:assignmentDefinition. */
const groupTask = (id: string, group: string) =>
  `<bpmn:userTask id="${id}" name="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${group}" /></bpmn:extensionElements></bpmn:userTask>`;

/** start → behandelen → end; `name` makes a new version when it changes. */
const oneTask = (key: string, taskId: string, name?: string) =>
  bpmnProcess(key, [start(), groupTask(taskId, 'burgerzaken'), end(), chain('start', taskId, 'end')], name);

/** start → gateway without default: route "a" → taakA, route "b" → taakB; anything else is an incident. */
const routing = bpmnProcess('routering', [
  start(),
  '<bpmn:exclusiveGateway id="keuze" />',
  groupTask('taakA', 'burgerzaken'),
  groupTask('taakB', 'burgerzaken'),
  end('endA'),
  end('endB'),
  flow('f_start', 'start', 'keuze'),
  flow('f_a', 'keuze', 'taakA', '=route = "a"'),
  flow('f_b', 'keuze', 'taakB', '=route = "b"'),
  chain('taakA', 'endA'),
  chain('taakB', 'endB'),
]);

describe('server: process instances and incidents', () => {
  let server: TestServer;
  let admin: ApiClient;
  let an: ApiClient; // staff, burgerzaken
  let owner: ApiClient; // process-owner
  let cor: ApiClient; // reviewer only

  const deploy = async (name: string, content: string) => {
    const response = await admin.post('/api/deployments', { name, resources: [{ name: `${name}.bpmn`, content }] });
    expect(response.status, JSON.stringify(response.body)).to.equal(201);
    return response.body;
  };
  const startCase = async (body: Record<string, unknown>, client = an) => {
    const response = await client.post('/api/process-instances', body);
    expect(response.status, JSON.stringify(response.body)).to.equal(201);
    return response.body;
  };

  before(async () => {
    server = await startTestServer();
    admin = server.api(await server.adminToken());
    ({ an, owner, cor } = (await createUsers(server, [
      { username: 'an', roles: ['staff'], groups: ['burgerzaken'] },
      { username: 'owner', roles: ['process-owner'], groups: [] },
      { username: 'cor', roles: ['reviewer'], groups: ['college'] },
    ])) as { an: ApiClient; owner: ApiClient; cor: ApiClient });
    await deploy('aanvraag', oneTask('aanvraag', 'behandelen'));
    await deploy('versies-1', oneTask('versies', 'eerste', 'Versie een'));
    const second = await deploy('versies-2', oneTask('versies', 'tweede', 'Versie twee'));
    expect(second.processes[0].version).to.equal(2);
    await deploy('routering', routing);
  });
  after(async () => {
    await server?.close();
  });

  describe('POST /api/process-instances', () => {
    it('starts the latest version, with the variables and business key given', async () => {
      const started = await startCase({ processKey: 'versies', businessKey: 'Z-1', variables: { aanvrager: 'Jan', bedrag: 12.5, tags: ['x'] } });
      expect(started).to.include({ processKey: 'versies', version: 2, businessKey: 'Z-1', state: 'active' });
      expect(started.id).to.be.a('string');
      expect(started.trackingCode).to.be.a('string').with.length.of.at.least(8).and.not.equal(started.id);
      expect(started.variables).to.deep.equal({ aanvrager: 'Jan', bedrag: 12.5, tags: ['x'] });
      expect((await instanceOf(an, started.id)).activeElementIds).to.deep.equal(['tweede']);
    });

    it('starts an older version when `version` names it', async () => {
      const started = await startCase({ processKey: 'versies', version: 1 });
      expect(started).to.include({ version: 1, businessKey: null });
      expect(started.variables).to.deep.equal({});
      expect((await instanceOf(an, started.id)).activeElementIds).to.deep.equal(['eerste']);
    });

    it('gives every case its own tracking code', async () => {
      const a = await startCase({ processKey: 'aanvraag' });
      const b = await startCase({ processKey: 'aanvraag' });
      expect(a.trackingCode).not.to.equal(b.trackingCode);
    });

    it('answers 404 for an unknown process or version, and starts nothing', async () => {
      const countBefore = (await an.get('/api/process-instances')).body.length;
      const unknown = await an.post('/api/process-instances', { processKey: 'bestaat-niet' });
      expect(unknown.status).to.equal(404);
      expect(unknown.body.error).to.equal('not-found');
      const unknownVersion = await an.post('/api/process-instances', { processKey: 'versies', version: 3 });
      expect(unknownVersion.status).to.equal(404);
      expect((await an.get('/api/process-instances')).body.length).to.equal(countBefore);
    });

    it('answers 400 for a missing processKey or variables that are not an object', async () => {
      const missing = await an.post('/api/process-instances', { variables: {} });
      expect(missing.status).to.equal(400);
      expect(missing.body.error).to.equal('bad-request');
      expect(missing.body.details).to.be.an('array').that.is.not.empty;
      for (const variables of [[1, 2], 'tekst', 7, null]) {
        const bad = await an.post('/api/process-instances', { processKey: 'aanvraag', variables });
        expect(bad.status, JSON.stringify(variables)).to.equal(400);
      }
      expect((await an.post('/api/process-instances', { processKey: 'aanvraag', version: 0 })).status).to.equal(400);
    });

    it('answers 401 without a token and 403 for a reviewer who is not staff', async () => {
      expect((await server.request('POST', '/api/process-instances', { processKey: 'aanvraag' })).status).to.equal(401);
      const byReviewer = await cor.post('/api/process-instances', { processKey: 'aanvraag' });
      expect(byReviewer.status).to.equal(403);
      expect(byReviewer.body.error).to.equal('forbidden');
      // A process owner and an admin run cases too.
      await startCase({ processKey: 'aanvraag' }, owner);
      await startCase({ processKey: 'aanvraag' }, admin);
    });
  });

  describe('GET /api/process-instances', () => {
    it('shows one case, and answers 404 for an unknown id', async () => {
      const started = await startCase({ processKey: 'aanvraag', businessKey: 'Z-get', variables: { a: 1 } });
      const shown = await instanceOf(cor, started.id);
      expect(shown).to.include({ id: started.id, processKey: 'aanvraag', version: 1, businessKey: 'Z-get', trackingCode: started.trackingCode, state: 'active' });
      expect(shown.variables).to.deep.equal({ a: 1 });
      expect(shown.activeElementIds).to.deep.equal(['behandelen']);
      expect(shown.incidents).to.deep.equal([]);
      const unknown = await an.get('/api/process-instances/00000000-0000-4000-8000-000000000000');
      expect(unknown.status).to.equal(404);
      expect(unknown.body.error).to.equal('not-found');
      expect((await an.get('/api/process-instances/geen-id')).status).to.equal(404);
      expect((await server.request('GET', `/api/process-instances/${started.id}`)).status).to.equal(401);
    });

    it('filters the list by processKey, state and businessKey', async () => {
      const first = await startCase({ processKey: 'aanvraag', businessKey: 'FILTER-1' });
      const second = await startCase({ processKey: 'versies', businessKey: 'FILTER-1' });
      const cancelled = await startCase({ processKey: 'aanvraag', businessKey: 'FILTER-2' });
      expect((await an.post(`/api/process-instances/${cancelled.id}/cancel`)).status).to.equal(200);

      const ids = async (query: string) => {
        const response = await an.get(`/api/process-instances?${query}`);
        expect(response.status, query).to.equal(200);
        return response.body.map((i: { id: string }) => i.id) as string[];
      };
      expect(await ids('businessKey=FILTER-1')).to.have.members([first.id, second.id]).and.have.length(2);
      expect(await ids('businessKey=FILTER-1&processKey=versies')).to.deep.equal([second.id]);
      expect(await ids('businessKey=FILTER-2&state=terminated')).to.deep.equal([cancelled.id]);
      expect(await ids('businessKey=FILTER-2&state=active')).to.deep.equal([]);
      const allAanvraag = await an.get('/api/process-instances?processKey=aanvraag');
      expect(allAanvraag.body.every((i: { processKey: string }) => i.processKey === 'aanvraag')).to.equal(true);
      expect(allAanvraag.body.map((i: { id: string }) => i.id)).to.include.members([first.id, cancelled.id]);
      const terminated = await an.get('/api/process-instances?state=terminated');
      expect(terminated.body.every((i: { state: string }) => i.state === 'terminated')).to.equal(true);
      expect((await an.get('/api/process-instances?state=kapot')).status).to.equal(400);
    });
  });

  describe('GET /api/process-instances/{id}/history', () => {
    it('lists what happened, oldest first, and answers 404 for an unknown case', async () => {
      const started = await startCase({ processKey: 'aanvraag' });
      const events = await historyOf(an, started.id);
      const steps = events.filter((e) => e.type.startsWith('element-')).map((e) => `${e.type} ${e.elementId}`);
      expect(steps).to.deep.equal(['element-activated start', 'element-completed start', 'element-activated behandelen']);
      expect(events.find((e) => e.elementId === 'behandelen')).to.include({ elementType: 'userTask' });
      for (const event of events) expect(Number.isNaN(Date.parse(event.at))).to.equal(false);
      expect((await an.get('/api/process-instances/00000000-0000-4000-8000-000000000000/history')).status).to.equal(404);
    });
  });

  describe('POST /api/process-instances/{id}/cancel', () => {
    it('terminates the case, takes its tasks out of the inbox, and answers 409 the second time', async () => {
      const started = await startCase({ processKey: 'aanvraag', businessKey: 'CANCEL-1' });
      const [task] = await openTasksOf(an, started.id);
      expect(task, 'the open task').to.exist;
      expect((await cor.post(`/api/process-instances/${started.id}/cancel`)).status).to.equal(403);

      const cancelled = await an.post(`/api/process-instances/${started.id}/cancel`);
      expect(cancelled.status).to.equal(200);
      expect(cancelled.body.state).to.equal('terminated');
      const shown = await instanceOf(an, started.id);
      expect(shown.state).to.equal('terminated');
      expect(shown.activeElementIds).to.deep.equal([]);
      expect(await openTasksOf(an, started.id)).to.deep.equal([]);
      expect((await admin.get('/api/tasks')).body.map((t: { id: string }) => t.id)).not.to.include(task!.id);
      expect((await an.post(`/api/tasks/${task!.id}/complete`, { variables: {} })).status).to.equal(409);
      // Ended with its case: no longer open, so listed and shown as completed, consistently.
      const ended = await an.get(`/api/tasks?processInstanceId=${started.id}&state=completed`);
      expect(ended.body.map((t: { id: string; state: string }) => [t.id, t.state])).to.deep.equal([[task!.id, 'completed']]);
      expect((await an.get(`/api/tasks/${task!.id}`)).body.state).to.equal('completed');
      const events = await historyOf(an, started.id);
      expect(events.some((e) => e.type === 'element-terminated' && e.elementId === 'behandelen')).to.equal(true);

      const again = await an.post(`/api/process-instances/${started.id}/cancel`);
      expect(again.status).to.equal(409);
      expect(again.body.error).to.equal('conflict');
      expect((await an.post('/api/process-instances/00000000-0000-4000-8000-000000000000/cancel')).status).to.equal(404);
    });
  });

  describe('PUT /api/process-instances/{id}/variables', () => {
    it('sets variables on the case, keeping the others', async () => {
      const started = await startCase({ processKey: 'aanvraag', variables: { a: 1, b: 'twee' } });
      const response = await an.put(`/api/process-instances/${started.id}/variables`, { b: 'drie', c: { genest: [true] } });
      expect(response.status).to.equal(200);
      expect(response.body.variables).to.deep.equal({ a: 1, b: 'drie', c: { genest: [true] } });
      expect((await instanceOf(an, started.id)).variables).to.deep.equal({ a: 1, b: 'drie', c: { genest: [true] } });
      expect((await cor.put(`/api/process-instances/${started.id}/variables`, { a: 2 })).status).to.equal(403);
      expect((await an.put('/api/process-instances/00000000-0000-4000-8000-000000000000/variables', { a: 2 })).status).to.equal(404);
    });

    it('answers 400 for a body that is not an object or is empty, and changes nothing', async () => {
      const started = await startCase({ processKey: 'aanvraag', variables: { a: 1 } });
      const path = `/api/process-instances/${started.id}/variables`;
      for (const body of [[1, 2], 'tekst', 5, {}]) {
        const response = await an.put(path, body);
        expect(response.status, JSON.stringify(body)).to.equal(400);
        expect(response.body.error).to.equal('bad-request');
      }
      expect((await server.request('PUT', path, undefined, await server.login('an', 'an-wachtwoord'))).status).to.equal(400);
      expect((await instanceOf(an, started.id)).variables).to.deep.equal({ a: 1 });
    });
  });

  describe('incidents', () => {
    it('raises an incident when no gateway condition holds, and resolves it once the variables are repaired', async () => {
      const started = await startCase({ processKey: 'routering', variables: { route: 'c' } });
      expect(started.state).to.equal('incident');
      let shown = await instanceOf(an, started.id);
      expect(shown.state).to.equal('incident');
      expect(shown.incidents).to.have.length(1);
      const [incident] = shown.incidents;
      expect(incident).to.have.all.keys('id', 'elementId', 'message', 'createdAt');
      expect(incident.elementId).to.equal('keuze');
      expect(incident.message).to.be.a('string').and.contain('keuze');
      expect(Number.isNaN(Date.parse(incident.createdAt))).to.equal(false);
      expect((await an.get('/api/process-instances?state=incident')).body.map((i: { id: string }) => i.id)).to.include(started.id);
      expect((await historyOf(an, started.id)).filter((e) => e.type === 'incident-raised').map((e) => e.elementId)).to.deep.equal(['keuze']);

      // Retrying without repairing fails again: a new incident.
      expect((await cor.post(`/api/incidents/${incident.id}/resolve`)).status).to.equal(403);
      const retried = await an.post(`/api/incidents/${incident.id}/resolve`);
      expect(retried.status).to.equal(200);
      shown = await instanceOf(an, started.id);
      expect(shown.state).to.equal('incident');
      expect(shown.incidents).to.have.length(1);
      const second = shown.incidents[0];
      expect(second.id).not.to.equal(incident.id);
      expect(second.elementId).to.equal('keuze');

      // Repair and retry: the case goes on along route a.
      expect((await an.put(`/api/process-instances/${started.id}/variables`, { route: 'a' })).status).to.equal(200);
      const stillBroken = await instanceOf(an, started.id);
      expect(stillBroken.state).to.equal('incident');
      const resolved = await an.post(`/api/incidents/${second.id}/resolve`);
      expect(resolved.status).to.equal(200);
      expect(resolved.body.state).to.equal('active');
      shown = await instanceOf(an, started.id);
      expect(shown).to.include({ state: 'active' });
      expect(shown.incidents).to.deep.equal([]);
      expect(shown.activeElementIds).to.deep.equal(['taakA']);
      expect((await openTasksOf(an, started.id)).map((t) => t.elementId)).to.deep.equal(['taakA']);

      const events = await historyOf(an, started.id);
      expect(events.filter((e) => e.type === 'incident-raised')).to.have.length(2);
      const resolvedEvents = events.filter((e) => e.type === 'incident-resolved');
      expect(resolvedEvents).to.have.length(2);
      expect(resolvedEvents.at(-1)!.user).to.equal('an');
      expect(events.findIndex((e) => e.type === 'element-activated' && e.elementId === 'taakA')).to.be.greaterThan(events.lastIndexOf(resolvedEvents.at(-1)!));

      for (const done of [incident.id, second.id]) {
        const again = await an.post(`/api/incidents/${done}/resolve`);
        expect(again.status, done).to.equal(409);
        expect(again.body.error).to.equal('conflict');
      }
      expect((await an.post('/api/incidents/00000000-0000-4000-8000-000000000000/resolve')).status).to.equal(404);
      expect((await an.post('/api/incidents/geen-incident/resolve')).status).to.equal(404);
    });
  });
});
