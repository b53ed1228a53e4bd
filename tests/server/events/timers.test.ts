import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDueWork, type ApiClient, type TestServer } from '../harness.js';
import { historyOf, instanceOf, openTasksOf } from '../fixtures/cases.js';
import { HOUR, MINUTE, TestClock, bpmn, casesOf, chain, countOf, deploy, eventually, onPostgres, serverOn, signal, startCase, timer, userTask } from './helpers.js';

/** start → wait an hour → user task "na". */
const WAIT_AN_HOUR = bpmn(
  'wachten',
  `<bpmn:startEvent id="start"/>
   <bpmn:intermediateCatchEvent id="wacht">${timer('timeDuration', 'PT1H')}</bpmn:intermediateCatchEvent>
   ${userTask('na')}
   <bpmn:endEvent id="end"/>
   ${chain('start', 'wacht', 'na', 'end')}`,
);

/** The timer fired once and the case went on once, to "na". */
async function expectFiredOnce(admin: ApiClient, id: string): Promise<void> {
  const history = await historyOf(admin, id);
  expect(countOf(history, 'timer-fired'), `timer-fired events of ${id}`).to.equal(1);
  expect(countOf(history, 'element-activated', 'na'), `activations of "na" in ${id}`).to.equal(1);
  expect((await instanceOf(admin, id)).activeElementIds).to.deep.equal(['na']);
}

async function closeAll(servers: TestServer[]): Promise<void> {
  for (const server of servers.splice(0)) await server.close();
}

describe('server: an intermediate timer fires once when job runners race', () => {
  const clock = new TestClock();
  const servers: TestServer[] = [];
  before(async () => {
    servers.push(await serverOn(clock));
    // On PostgreSQL a second server on the same database, as with two processes behind a load balancer.
    if (onPostgres) servers.push(await serverOn(clock, { reset: false }));
  });
  after(() => closeAll(servers));

  it(`two rounds at once (${onPostgres ? 'two servers on one database' : 'one server'}) fire each due timer once`, async () => {
    const admin = servers[0]!.api(await servers[0]!.adminToken());
    await deploy(admin, WAIT_AN_HOUR);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await startCase(admin, 'wachten', { nummer: i })).id);
    expect(await runDueWork(servers[0]!.services)).to.equal(0);

    clock.advance(HOUR);
    const rounds = await Promise.all([runDueWork(servers[0]!.services), runDueWork(servers.at(-1)!.services)]);
    expect(rounds[0] + rounds[1]).to.equal(ids.length);
    for (const id of ids) await expectFiredOnce(admin, id);
    expect(await runDueWork(servers[0]!.services)).to.equal(0);
  });
});

describe('server: an intermediate timer fires once with job runners that poll', () => {
  const clock = new TestClock();
  const servers: TestServer[] = [];
  const logged: unknown[][] = [];
  const consoleError = console.error;
  before(async () => {
    // The runner reports a round that went wrong on console.error and carries on; the test wants to see it.
    console.error = (...args: unknown[]) => void logged.push(args);
    servers.push(await serverOn(clock, { jobPollMs: 20 }));
    if (onPostgres) servers.push(await serverOn(clock, { reset: false, jobPollMs: 20 }));
  });
  after(async () => {
    await closeAll(servers);
    console.error = consoleError;
  });

  it(`${onPostgres ? 'two servers polling one database' : 'a polling server'} fire each timer once, on their own`, async () => {
    const admin = servers[0]!.api(await servers[0]!.adminToken());
    await deploy(admin, WAIT_AN_HOUR);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await startCase(admin, 'wachten')).id);
    clock.advance(HOUR);
    await eventually('every timer to fire', async () => {
      const waiting = await Promise.all(ids.map(async (id) => (await instanceOf(admin, id)).activeElementIds[0] === 'wacht'));
      return !waiting.includes(true);
    });
    // A few more polls of every runner: none may fire a timer again.
    await new Promise((resolve) => setTimeout(resolve, 150));
    for (const id of ids) await expectFiredOnce(admin, id);
    expect(logged).to.deep.equal([]);
  });
});

describe('server: a timer that came due while no server ran', () => {
  const clock = new TestClock();
  let dataDir: string | undefined;
  let server: TestServer | undefined;
  before(async () => {
    if (!onPostgres) dataDir = await mkdtemp(join(tmpdir(), 'loket-timers-'));
  });
  after(async () => {
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it(`fires in the first round of the next start (${onPostgres ? 'PostgreSQL' : 'PGlite data folder'}), once`, async function () {
    this.timeout(30_000);
    server = await serverOn(clock, dataDir ? { dataDir } : {});
    const before = server.api(await server.adminToken());
    await deploy(before, WAIT_AN_HOUR);
    const { id } = await startCase(before, 'wachten');
    await server.close();
    server = undefined;

    clock.advance(3 * HOUR);
    server = await serverOn(clock, dataDir ? { dataDir } : { reset: false });
    const admin = server.api(await server.adminToken());
    // No runDueWork: the runner's round at start is what fires it.
    await eventually('the startup round to fire the timer', async () => (await instanceOf(admin, id)).activeElementIds[0] === 'na');
    await expectFiredOnce(admin, id);
    const fired = (await historyOf(admin, id)).find((event) => event.type === 'timer-fired')!;
    expect(Date.parse(fired.at)).to.equal(clock.ms);
    expect(await runDueWork(server.services)).to.equal(0);
  });
});

describe('server: a timer boundary event on a user task', () => {
  const clock = new TestClock();
  let server: TestServer;
  before(async () => {
    server = await serverOn(clock);
  });
  after(() => server?.close());

  it('closes the task when it fires and takes the boundary path', async () => {
    const admin = server.api(await server.adminToken());
    await deploy(
      admin,
      bpmn(
        'termijn',
        `<bpmn:startEvent id="start"/>
         ${userTask('behandelen')}
         <bpmn:boundaryEvent id="te-laat" attachedToRef="behandelen">${timer('timeDuration', 'P2D')}</bpmn:boundaryEvent>
         ${userTask('rappel')}
         <bpmn:endEvent id="klaar"/>
         <bpmn:endEvent id="end"/>
         ${chain('start', 'behandelen', 'klaar')}${chain('te-laat', 'rappel', 'end')}`,
      ),
    );
    const { id } = await startCase(admin, 'termijn');
    const [task] = await openTasksOf(admin, id);
    expect(task!.elementId).to.equal('behandelen');

    clock.advance(47 * HOUR);
    expect(await runDueWork(server.services)).to.equal(0);
    clock.advance(HOUR);
    expect(await runDueWork(server.services)).to.equal(1);

    expect((await openTasksOf(admin, id)).map((t) => t.elementId)).to.deep.equal(['rappel']);
    expect((await admin.get('/api/tasks')).body.map((t: { id: string }) => t.id)).not.to.include(task!.id);
    expect((await admin.post(`/api/tasks/${task!.id}/complete`, { variables: {} })).status).to.equal(409);
    const history = await historyOf(admin, id);
    expect(countOf(history, 'timer-fired', 'te-laat')).to.equal(1);
    expect(countOf(history, 'element-terminated', 'behandelen')).to.equal(1);
  });
});

describe('server: a timer whose step fails', () => {
  const clock = new TestClock();
  let server: TestServer;
  const logged: unknown[][] = [];
  const consoleError = console.error;
  before(async () => {
    console.error = (...args: unknown[]) => void logged.push(args);
    server = await serverOn(clock);
  });
  after(async () => {
    await server?.close();
    console.error = consoleError;
  });

  it('is put off, written in the history and the log, and does not hold up the timers after it', async function () {
    this.timeout(30_000);
    const admin = server.api(await server.adminToken());
    const ping = signal('ping', 'ping');
    await deploy(admin, [
      // The timer sets off a signal that starts "echo", which throws it again: a loop the server stops.
      {
        name: 'eerst.bpmn',
        content: bpmn(
          'eerst',
          `<bpmn:startEvent id="start"/>
           <bpmn:intermediateCatchEvent id="wacht">${timer('timeDuration', 'PT1H')}</bpmn:intermediateCatchEvent>
           <bpmn:intermediateThrowEvent id="roep"><bpmn:signalEventDefinition signalRef="ping"/></bpmn:intermediateThrowEvent>
           <bpmn:endEvent id="end"/>
           ${chain('start', 'wacht', 'roep', 'end')}`,
          ping,
        ),
      },
      {
        name: 'echo.bpmn',
        content: bpmn(
          'echo',
          `<bpmn:startEvent id="gehoord"><bpmn:signalEventDefinition signalRef="ping"/></bpmn:startEvent>
           <bpmn:intermediateThrowEvent id="terug"><bpmn:signalEventDefinition signalRef="ping"/></bpmn:intermediateThrowEvent>
           <bpmn:endEvent id="end"/>
           ${chain('gehoord', 'terug', 'end')}`,
          ping,
        ),
      },
      { name: 'wachten.bpmn', content: WAIT_AN_HOUR.replace('PT1H', 'PT2H') },
    ]);
    const looping = await startCase(admin, 'eerst');
    const later = await startCase(admin, 'wachten');

    clock.advance(3 * HOUR);
    expect(await runDueWork(server.services)).to.equal(2);
    expect((await instanceOf(admin, later.id)).activeElementIds).to.deep.equal(['na']);
    expect((await instanceOf(admin, looping.id)).activeElementIds).to.deep.equal(['wacht']);
    expect(await casesOf(admin, 'echo')).to.deep.equal([]);
    const failures = (await historyOf(admin, looping.id)).filter((event) => event.type === 'job-failed');
    expect(failures).to.have.length(1);
    expect(failures[0]!.elementId).to.equal('wacht');
    expect(failures[0]!.data?.message).to.match(/could not fire: .*more than 64 steps/);
    expect(failures[0]!.data?.retryAt).to.equal(new Date(clock.ms + MINUTE).toISOString());
    expect(logged).to.have.length(1);

    clock.advance(MINUTE - 1);
    expect(await runDueWork(server.services)).to.equal(0);
    // Cancelled, the case no longer waits for its timer.
    expect((await admin.post(`/api/process-instances/${looping.id}/cancel`)).status).to.equal(200);
    clock.advance(HOUR);
    expect(await runDueWork(server.services)).to.equal(0);
  });
});

describe('server: a timer start event', () => {
  // Deploying schedules start timers by the wall clock, not by the server's clock (see deployments.ts), so
  // this clock starts at the wall clock and the tests move it relative to the due time that was stored.
  const clock = new TestClock(Date.now());
  let server: TestServer;
  let admin: ApiClient;
  beforeEach(async () => {
    clock.ms = Date.now();
    server = await serverOn(clock);
    admin = server.api(await server.adminToken());
  });
  afterEach(() => server?.close());

  const everyHour = (key: string, cycle: string, name = key) =>
    bpmn(
      key,
      `<bpmn:startEvent id="elk-uur" name="${name}">${timer('timeCycle', cycle)}</bpmn:startEvent>
       ${userTask('controleren')}
       <bpmn:endEvent id="end"/>
       ${chain('elk-uur', 'controleren', 'end')}`,
    );

  /** The open start timers of a process: version and due time (ms). */
  async function startTimers(key: string): Promise<{ version: number; dueAt: number }[]> {
    const rows: { version: number; due_at: Date | string }[] = await server.services.dataSource.query(
      `SELECT d.version, j.due_at FROM jobs j JOIN process_definitions d ON d.id = j.definition_id
        WHERE d.key = $1 AND j.kind = 'timer' AND j.closed_at IS NULL ORDER BY j.due_at`,
      [key],
    );
    return rows.map((row) => ({ version: Number(row.version), dueAt: new Date(row.due_at).getTime() }));
  }

  /** Deploys and answers the due time of the one start timer it scheduled, checked to be `after` from the deployment. */
  async function deployScheduled(xml: string, key: string, after: number, version = 1): Promise<number> {
    const before = Math.min(Date.now(), clock.ms);
    await deploy(admin, xml);
    const latest = Math.max(Date.now(), clock.ms);
    const timers = await startTimers(key);
    expect(timers.map((t) => t.version)).to.deep.equal([version]);
    expect(timers[0]!.dueAt - after).to.be.within(before, latest);
    return timers[0]!.dueAt;
  }

  it('R2/PT1H: deploying schedules it; it starts a case when due, again an hour later, then no more', async () => {
    const due = await deployScheduled(everyHour('per-uur', 'R2/PT1H'), 'per-uur', HOUR);
    clock.ms = due - 1;
    expect(await runDueWork(server.services)).to.equal(0);

    clock.ms = due;
    expect(await runDueWork(server.services)).to.equal(1);
    const first = await casesOf(admin, 'per-uur');
    expect(first).to.have.length(1);
    expect(first[0]).to.include({ state: 'active', version: 1 });
    expect(first[0].activeElementIds).to.deep.equal(['controleren']);
    expect(await startTimers('per-uur')).to.deep.equal([{ version: 1, dueAt: due + HOUR }]);

    clock.ms = due + 30 * MINUTE;
    expect(await runDueWork(server.services)).to.equal(0);
    clock.ms = due + HOUR;
    expect(await runDueWork(server.services)).to.equal(1);
    expect(await casesOf(admin, 'per-uur')).to.have.length(2);

    clock.ms = due + 2 * HOUR;
    expect(await runDueWork(server.services)).to.equal(0);
    clock.ms = due + 26 * HOUR;
    expect(await runDueWork(server.services)).to.equal(0);
    expect(await casesOf(admin, 'per-uur')).to.have.length(2);
    expect(await startTimers('per-uur')).to.deep.equal([]);
  });

  it('a new version replaces the start timer of the old one', async () => {
    const firstDue = await deployScheduled(everyHour('vervangen', 'R2/PT1H'), 'vervangen', HOUR);
    const secondDue = await deployScheduled(everyHour('vervangen', 'R1/PT2H', 'om de twee uur'), 'vervangen', 2 * HOUR, 2);

    clock.ms = firstDue; // when version 1 would have started a case
    expect(await runDueWork(server.services)).to.equal(0);
    expect(await casesOf(admin, 'vervangen')).to.deep.equal([]);

    clock.ms = secondDue;
    expect(await runDueWork(server.services)).to.equal(1);
    expect((await casesOf(admin, 'vervangen')).map((c) => c.version)).to.deep.equal([2]);
    clock.ms = secondDue + 10 * HOUR;
    expect(await runDueWork(server.services)).to.equal(0);
  });

  it('a cycle that fell behind starts one case for what it missed and still ends when its repetitions are used up', async () => {
    const due = await deployScheduled(everyHour('inhalen', 'R3/PT1H'), 'inhalen', HOUR);
    // Due at due, due+1h and due+2h; nothing ran until due+1h30.
    clock.ms = due + 90 * MINUTE;
    expect(await runDueWork(server.services)).to.equal(1);
    expect(await startTimers('inhalen')).to.deep.equal([{ version: 1, dueAt: due + 2 * HOUR }]);
    clock.ms = due + 2 * HOUR;
    expect(await runDueWork(server.services)).to.equal(1);
    clock.ms = due + 3 * HOUR;
    expect(await runDueWork(server.services)).to.equal(0);
    expect(await casesOf(admin, 'inhalen')).to.have.length(2);
    expect(await startTimers('inhalen')).to.deep.equal([]);
  });
});
