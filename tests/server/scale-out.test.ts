import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bpmnProcess, chain, end, start } from './fixtures/definitions.js';
import { requestAt, resetPostgres } from './harness.js';

const MAIN = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));
const ADMIN = 'scale-out-admin-wachtwoord';
const CASES = 40;

/** user task → timer (1 s) → message keyed by the case's own key → end: a task, a timer and a message per case. */
const MIXED = bpmnProcess('schaal', [
  start(),
  '<bpmn:userTask id="behandelen" name="Behandelen"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="burgerzaken" /></bpmn:extensionElements></bpmn:userTask>',
  '<bpmn:intermediateCatchEvent id="wachten"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
  '<bpmn:intermediateCatchEvent id="bevestigd"><bpmn:messageEventDefinition messageRef="m_bevestiging" /></bpmn:intermediateCatchEvent>',
  end(),
  chain('start', 'behandelen', 'wachten', 'bevestigd', 'end'),
]).replace(
  '</bpmn:definitions>',
  '<bpmn:message id="m_bevestiging" name="bevestiging"><bpmn:extensionElements><zeebe:subscription correlationKey="=sleutel" /></bpmn:extensionElements></bpmn:message>\n</bpmn:definitions>',
);

interface Instance {
  url: string;
  child: ChildProcess;
}

/** A real server process (`node server/src/main.ts`), on the shared PostgreSQL, polling for timers every 20 ms. */
function startProcess(databaseUrl: string, processesDir: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', LOKET_ADMIN_PASSWORD: ADMIN, LOKET_JOB_POLL_MS: '20', LOKET_PROCESSES_DIR: processesDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /Loket draait op http:\/\/localhost:(\d+)/.exec(output);
      if (match) resolve({ url: `http://127.0.0.1:${match[1]}`, child });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
    child.on('exit', (code) => reject(new Error(`server process ended (${code}) before it was ready:\n${output}`)));
  });
}

async function stopProcess(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await exited;
}

// Several server processes share one database only on PostgreSQL: the embedded PGlite lives in one process.
(process.env.DATABASE_URL ? describe : describe.skip)('server: three processes on one PostgreSQL behave as one', function () {
  this.timeout(180_000);
  const databaseUrl = process.env.DATABASE_URL!;
  const servers: Instance[] = [];
  let folder: string;

  before(async () => {
    await resetPostgres(databaseUrl);
    folder = mkdtempSync(join(tmpdir(), 'loket-scale-'));
    mkdirSync(join(folder, 'schaal'));
    writeFileSync(join(folder, 'schaal', 'schaal.bpmn'), MIXED);
    // The first one migrates the empty database; the other two then start beside it, deploying the same files.
    servers.push(await startProcess(databaseUrl, folder));
    servers.push(...(await Promise.all([startProcess(databaseUrl, folder), startProcess(databaseUrl, folder)])));
  });
  after(async () => {
    await Promise.all(servers.map(stopProcess));
    rmSync(folder, { recursive: true, force: true });
  });

  it('completes each task once, fires each timer once and delivers each message once under a mixed load on all three', async () => {
    const on = (i: number) => servers[i % servers.length]!.url;
    const login = async (url: string, username: string, password: string) =>
      (await requestAt<{ token: string }>(url, 'POST', '/api/auth/login', { username, password })).body.token;
    const admin = await login(on(0), 'admin', ADMIN);
    const created = await requestAt(on(0), 'POST', '/api/users', { username: 'an', password: 'an-wachtwoord', roles: ['staff'], groups: ['burgerzaken'] }, admin);
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const tokens = await Promise.all(servers.map((s) => login(s.url, 'an', 'an-wachtwoord')));
    const definitions = await requestAt<{ key: string; version: number }[]>(on(1), 'GET', '/api/process-definitions', undefined, admin);
    expect(definitions.body.filter((d) => d.key === 'schaal').map((d) => d.version)).to.deep.equal([1]);

    // Cases started on every server, in parallel.
    const cases = await Promise.all(
      Array.from({ length: CASES }, async (_, i) => {
        const response = await requestAt<{ id: string }>(on(i), 'POST', '/api/process-instances', { processKey: 'schaal', variables: { sleutel: `zaak-${i}` } }, tokens[i % 3]);
        expect(response.status, JSON.stringify(response.body)).to.equal(201);
        return { id: response.body.id, key: `zaak-${i}` };
      }),
    );

    // Every task completed twice at the same moment, through two different servers: one wins, one hears 409.
    const outcomes = await Promise.all(
      cases.map(async ({ id }, i) => {
        const [task] = (await requestAt<{ id: string }[]>(on(i + 1), 'GET', `/api/tasks?processInstanceId=${id}`, undefined, tokens[(i + 1) % 3])).body;
        const attempts = await Promise.all(
          [i, i + 2].map((n) => requestAt(on(n), 'POST', `/api/tasks/${task!.id}/complete`, { variables: { door: `server ${n % 3}` } }, tokens[n % 3])),
        );
        return attempts.map((a) => a.status).sort();
      }),
    );
    for (const statuses of outcomes) expect(statuses).to.deep.equal([200, 409]);

    // The timers (1 s) fire on whichever runner takes them first.
    const waitingForMessage = async () => {
      const list = await requestAt<{ id: string; activeElementIds: string[] }[]>(on(2), 'GET', '/api/process-instances?processKey=schaal', undefined, admin);
      return list.body.filter((c) => c.activeElementIds.includes('bevestigd')).length;
    };
    const deadline = Date.now() + 30_000;
    while ((await waitingForMessage()) < CASES && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await waitingForMessage()).to.equal(CASES);

    // Each message published twice at once, through two servers: it reaches its case once.
    const deliveries = await Promise.all(
      cases.map(async ({ key }, i) => {
        const sent = await Promise.all(
          [i, i + 1].map((n) => requestAt<{ correlated: number }>(on(n), 'POST', '/api/messages', { name: 'bevestiging', correlationKey: key }, admin)),
        );
        return sent.map((s) => s.body.correlated).reduce((a, b) => a + b, 0);
      }),
    );
    expect(deliveries).to.deep.equal(cases.map(() => 1));

    for (const [i, { id }] of cases.entries()) {
      const instance = await requestAt<{ state: string }>(on(i), 'GET', `/api/process-instances/${id}`, undefined, admin);
      expect(instance.body.state, id).to.equal('completed');
      const history = await requestAt<{ events: { type: string; elementId: string }[] }>(on(i + 1), 'GET', `/api/process-instances/${id}/history`, undefined, admin);
      const count = (type: string) => history.body.events.filter((e) => e.type === type).length;
      expect([count('task-completed'), count('timer-fired'), count('message-correlated')], id).to.deep.equal([1, 1, 1]);
    }
  });
});
