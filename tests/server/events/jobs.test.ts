import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { ApiClient, TestServer } from '../harness.js';
import { createUsers, historyOf, instanceOf } from '../fixtures/cases.js';
import { MINUTE, TestClock, bpmn, chain, countOf, deploy, serverOn, serviceTask, startCase, userTask } from './helpers.js';

const ERRORS = '<bpmn:error id="err_unknown" name="Onbekend dossier" errorCode="DOSSIER-ONBEKEND"/>';

/** start → service task of `type` → user task "controleren" → end; an error boundary DOSSIER-ONBEKEND leads to "handmatig". */
const withJob = (key: string, type: string, headers: Record<string, string> = {}) =>
  bpmn(
    key,
    `<bpmn:startEvent id="start"/>
     ${serviceTask('archiveren', type, headers)}
     <bpmn:boundaryEvent id="onbekend" attachedToRef="archiveren"><bpmn:errorEventDefinition errorRef="err_unknown"/></bpmn:boundaryEvent>
     ${userTask('controleren')}
     ${userTask('handmatig')}
     <bpmn:endEvent id="end"/>
     <bpmn:endEvent id="end2"/>
     ${chain('start', 'archiveren', 'controleren', 'end')}${chain('onbekend', 'handmatig', 'end2')}`,
    ERRORS,
  );

/** start → service task → end: the case completes when the job does. */
const onlyJob = (key: string, type: string) =>
  bpmn(key, `<bpmn:startEvent id="start"/>${serviceTask('verwerken', type)}<bpmn:endEvent id="end"/>${chain('start', 'verwerken', 'end')}`);

describe('server: the jobs API for external workers', () => {
  const clock = new TestClock();
  let server: TestServer;
  let admin: ApiClient;
  let robot: ApiClient;
  let staff: ApiClient;
  before(async () => {
    server = await serverOn(clock);
    admin = server.api(await server.adminToken());
    ({ robot, staff } = (await createUsers(server, [
      { username: 'robot', roles: ['worker'], groups: [] },
      { username: 'staff', roles: ['staff'], groups: ['burgerzaken'] },
    ])) as { robot: ApiClient; staff: ApiClient });
    await deploy(admin, [
      { name: 'archief.bpmn', content: withJob('archief', 'archief', { bewaartermijn: '20j', afdeling: 'dms' }) },
      { name: 'lock.bpmn', content: withJob('lock', 'lock') },
      { name: 'retry.bpmn', content: withJob('retry', 'retry') },
      { name: 'incident.bpmn', content: onlyJob('incident', 'incident') },
      { name: 'fout.bpmn', content: withJob('fout', 'fout') },
      { name: 'ongevangen.bpmn', content: onlyJob('ongevangen', 'ongevangen') },
    ]);
  });
  after(() => server?.close());

  const activate = (client: ApiClient, body: Record<string, unknown>) => client.post('/api/jobs/activate', body);

  it('activates a job for one worker, with its variables and headers; completing it moves the case on, once', async () => {
    const { id } = await startCase(admin, 'archief', { dossier: 'D-1', pagina: 12 });
    const activated = await activate(robot, { type: 'archief', worker: 'robot-1', maxJobs: 5, lockMs: 60_000 });
    expect(activated.status).to.equal(200);
    expect(activated.body).to.have.length(1);
    const [job] = activated.body;
    expect(job).to.deep.include({
      type: 'archief',
      processInstanceId: id,
      elementId: 'archiveren',
      variables: { dossier: 'D-1', pagina: 12 },
      retries: 3,
      customHeaders: { bewaartermijn: '20j', afdeling: 'dms' },
    });
    expect(job.id).to.be.a('string');
    expect((await activate(robot, { type: 'archief', worker: 'robot-2' })).body).to.deep.equal([]);

    const completed = await robot.post(`/api/jobs/${job.id}/complete`, { variables: { archiefnummer: 'A-77' }, worker: 'robot-1' });
    expect(completed.status, JSON.stringify(completed.body)).to.equal(200);
    const moved = await instanceOf(admin, id);
    expect(moved.activeElementIds).to.deep.equal(['controleren']);
    expect(moved.variables).to.deep.equal({ dossier: 'D-1', pagina: 12, archiefnummer: 'A-77' });

    const again = await robot.post(`/api/jobs/${job.id}/complete`, { variables: { archiefnummer: 'A-78' } });
    expect(again.status).to.equal(409);
    expect(again.body.error).to.equal('conflict');
    expect((await robot.post(`/api/jobs/${job.id}/fail`, { retries: 1, errorMessage: 'te laat' })).status).to.equal(409);
    expect((await instanceOf(admin, id)).variables.archiefnummer).to.equal('A-77');
    expect(countOf(await historyOf(admin, id), 'element-completed', 'archiveren')).to.equal(1);
    expect((await activate(robot, { type: 'archief', worker: 'robot-2' })).body).to.deep.equal([]);
  });

  it('answers maxJobs at most and 404 for an unknown job', async () => {
    for (let i = 0; i < 3; i++) await startCase(admin, 'archief', { dossier: `M-${i}` });
    const first = await activate(robot, { type: 'archief', worker: 'robot-1', maxJobs: 2 });
    expect(first.body).to.have.length(2);
    const rest = await activate(robot, { type: 'archief', worker: 'robot-2', maxJobs: 2 });
    expect(rest.body).to.have.length(1);
    expect(new Set([...first.body, ...rest.body].map((job: { id: string }) => job.id)).size).to.equal(3);

    const unknown = randomUUID();
    for (const action of ['complete', 'fail', 'bpmn-error']) {
      const body = action === 'fail' ? { retries: 0, errorMessage: 'x' } : action === 'bpmn-error' ? { errorCode: 'X' } : {};
      const response = await robot.post(`/api/jobs/${unknown}/${action}`, body);
      expect(response.status, action).to.equal(404);
      expect(response.body.error).to.equal('not-found');
    }
  });

  it('hands each job to one of two workers activating at once, and completes it once when completed twice at once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await startCase(admin, 'lock', { dossier: `C-${i}` })).id);
    const [one, two] = await Promise.all([
      activate(robot, { type: 'lock', worker: 'robot-1', maxJobs: 4 }),
      activate(robot, { type: 'lock', worker: 'robot-2', maxJobs: 4 }),
    ]);
    const all = [...one.body, ...two.body].map((job: { processInstanceId: string }) => job.processInstanceId);
    expect(all.sort()).to.deep.equal([...ids].sort());

    const [job, worker] = one.body.length > 0 ? [one.body[0], 'robot-1'] : [two.body[0], 'robot-2'];
    const answers = await Promise.all([1, 2].map((n) => robot.post(`/api/jobs/${job.id}/complete`, { worker, variables: { poging: n } })));
    expect(answers.map((answer) => answer.status).sort()).to.deep.equal([200, 409]);
    expect(countOf(await historyOf(admin, job.processInstanceId), 'element-completed', 'archiveren')).to.equal(1);
    // Leave no open jobs of this type for the next test.
    for (const other of [...one.body, ...two.body].filter((j: { id: string }) => j.id !== job.id)) {
      expect((await robot.post(`/api/jobs/${other.id}/complete`, {})).status).to.equal(200);
    }
  });

  it('refuses completion by another worker and after the lock expired; then another worker may take the job', async () => {
    const { id } = await startCase(admin, 'lock', { dossier: 'L-1' });
    const [job] = (await activate(robot, { type: 'lock', worker: 'robot-1', lockMs: 60_000 })).body;
    expect((await robot.post(`/api/jobs/${job.id}/complete`, { worker: 'robot-2' })).status).to.equal(409);

    clock.advance(MINUTE + 1);
    const late = await robot.post(`/api/jobs/${job.id}/complete`, { worker: 'robot-1', variables: { x: 1 } });
    expect(late.status).to.equal(409);
    expect((await robot.post(`/api/jobs/${job.id}/complete`, {})).status).to.equal(409);
    expect((await robot.post(`/api/jobs/${job.id}/fail`, { retries: 0, errorMessage: 'te laat' })).status).to.equal(409);
    expect((await robot.post(`/api/jobs/${job.id}/bpmn-error`, { errorCode: 'DOSSIER-ONBEKEND' })).status).to.equal(409);
    expect((await instanceOf(admin, id)).activeElementIds).to.deep.equal(['archiveren']);

    const retaken = await activate(robot, { type: 'lock', worker: 'robot-2', lockMs: 60_000 });
    expect(retaken.body.map((j: { id: string }) => j.id)).to.deep.equal([job.id]);
    expect((await robot.post(`/api/jobs/${job.id}/complete`, { worker: 'robot-1' })).status).to.equal(409);
    expect((await robot.post(`/api/jobs/${job.id}/complete`, { worker: 'robot-2' })).status).to.equal(200);
    expect((await instanceOf(admin, id)).activeElementIds).to.deep.equal(['controleren']);
  });

  it('a failure with retries left offers the job again only after the backoff', async () => {
    const { id } = await startCase(admin, 'retry', { dossier: 'R-1' });
    const [job] = (await activate(robot, { type: 'retry', worker: 'robot-1' })).body;
    const failed = await robot.post(`/api/jobs/${job.id}/fail`, { retries: 2, errorMessage: 'DMS tijdelijk onbereikbaar', retryBackoffMs: 30_000 });
    expect(failed.status).to.equal(200);
    expect((await instanceOf(admin, id)).state).to.equal('active');

    expect((await activate(robot, { type: 'retry', worker: 'robot-1' })).body).to.deep.equal([]);
    clock.advance(29_000);
    expect((await activate(robot, { type: 'retry', worker: 'robot-2' })).body).to.deep.equal([]);
    clock.advance(1_000);
    const again = (await activate(robot, { type: 'retry', worker: 'robot-2' })).body;
    expect(again.map((j: { id: string; retries: number }) => [j.id, j.retries])).to.deep.equal([[job.id, 2]]);
    const failures = (await historyOf(admin, id)).filter((event) => event.type === 'job-failed');
    expect(failures.map((event) => event.data)).to.deep.equal([{ jobId: job.id, message: 'DMS tijdelijk onbereikbaar', retriesLeft: 2 }]);
    expect((await robot.post(`/api/jobs/${job.id}/complete`, {})).status).to.equal(200);
  });

  it('a failure without retries raises an incident; resolving it offers the job again and the case completes', async () => {
    const { id } = await startCase(admin, 'incident');
    const [job] = (await activate(robot, { type: 'incident', worker: 'robot-1' })).body;
    expect((await robot.post(`/api/jobs/${job.id}/fail`, { retries: 0, errorMessage: 'Zaaksysteem weigert het dossier' })).status).to.equal(200);

    const stuck = await instanceOf(admin, id);
    expect(stuck.state).to.equal('incident');
    expect(stuck.incidents).to.have.length(1);
    expect(stuck.incidents[0].elementId).to.equal('verwerken');
    expect(stuck.incidents[0].message).to.include('Zaaksysteem weigert het dossier');
    expect((await activate(robot, { type: 'incident', worker: 'robot-1' })).body).to.deep.equal([]);
    expect((await robot.post(`/api/jobs/${job.id}/complete`, {})).status).to.equal(409);

    expect((await admin.post(`/api/incidents/${stuck.incidents[0].id}/resolve`)).status).to.equal(200);
    const offered = (await activate(robot, { type: 'incident', worker: 'robot-1' })).body;
    expect(offered).to.have.length(1);
    expect(offered[0].retries).to.be.greaterThan(0);
    expect((await robot.post(`/api/jobs/${offered[0].id}/complete`, { variables: { opnieuw: true } })).status).to.equal(200);
    const done = await instanceOf(admin, id);
    expect(done).to.deep.include({ state: 'completed', incidents: [], variables: { opnieuw: true } });
    expect(countOf(await historyOf(admin, id), 'incident-resolved')).to.equal(1);
  });

  it('a BPMN error is caught by the error boundary on the service task; an uncaught one is an incident', async () => {
    const caught = await startCase(admin, 'fout', { dossier: 'F-1' });
    const [job] = (await activate(robot, { type: 'fout', worker: 'robot-1' })).body;
    const thrown = await robot.post(`/api/jobs/${job.id}/bpmn-error`, { errorCode: 'DOSSIER-ONBEKEND', errorMessage: 'niet in het DMS' });
    expect(thrown.status, JSON.stringify(thrown.body)).to.equal(200);
    const handled = await instanceOf(admin, caught.id);
    expect(handled).to.deep.include({ state: 'active', activeElementIds: ['handmatig'], incidents: [] });
    expect((await robot.post(`/api/jobs/${job.id}/complete`, {})).status).to.equal(409);

    const uncaught = await startCase(admin, 'ongevangen');
    const [other] = (await activate(robot, { type: 'ongevangen', worker: 'robot-1' })).body;
    expect((await robot.post(`/api/jobs/${other.id}/bpmn-error`, { errorCode: 'DOSSIER-ONBEKEND', errorMessage: 'niet in het DMS' })).status).to.equal(200);
    const stuck = await instanceOf(admin, uncaught.id);
    expect(stuck.state).to.equal('incident');
    expect(stuck.incidents).to.have.length(1);
    expect(stuck.incidents[0].elementId).to.equal('verwerken');
    expect(stuck.incidents[0].message).to.include('DOSSIER-ONBEKEND');
  });

  it('lets only workers and admins call it, and refuses bad bodies with 400', async () => {
    expect((await activate(staff, { type: 'archief', worker: 'w' })).status).to.equal(403);
    expect((await staff.post(`/api/jobs/${randomUUID()}/complete`, {})).status).to.equal(403);
    expect((await server.request('POST', '/api/jobs/activate', { type: 'archief', worker: 'w' })).status).to.equal(401);

    const jobId = randomUUID();
    const bad: [string, Record<string, unknown>][] = [
      ['/api/jobs/activate', { type: 'archief', worker: 'w', maxJobs: 0 }],
      ['/api/jobs/activate', { type: 'archief' }],
      ['/api/jobs/activate', { type: 'archief', worker: '' }],
      ['/api/jobs/activate', { worker: 'w' }],
      ['/api/jobs/activate', { type: 'archief', worker: 'w', lockMs: 'lang' }],
      [`/api/jobs/${jobId}/fail`, { retries: -1, errorMessage: 'x' }],
      [`/api/jobs/${jobId}/fail`, { errorMessage: 'x' }],
      [`/api/jobs/${jobId}/fail`, { retries: 1 }],
      [`/api/jobs/${jobId}/fail`, { retries: 1, errorMessage: 'x', retryBackoffMs: -5 }],
      [`/api/jobs/${jobId}/bpmn-error`, {}],
      [`/api/jobs/${jobId}/complete`, { variables: [1, 2] }],
    ];
    for (const [path, body] of bad) {
      const response = await robot.post(path, body);
      expect(response.status, `${path} ${JSON.stringify(body)}`).to.equal(400);
      expect(response.body.error).to.equal('bad-request');
    }
  });
});
