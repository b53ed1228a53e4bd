import { expect } from 'chai';
import type { Effect, HistoryEvent } from '../../engine/src/index.js';
import { findInstance, type InstanceRow } from '../../server/src/persistence/repositories/instances.js';
import { GuardFailed, StepWriter, writeStep } from '../../server/src/persistence/repositories/step-writes.js';
import { findTaskWithCase } from '../../server/src/persistence/repositories/tasks.js';
import { deploy } from '../../server/src/services/deployments.js';
import { bpmnProcess, chain, end, start, twoTasksAtOnce, userTask } from './fixtures/definitions.js';
import { startTestServer, type TestServer } from './harness.js';

const ONE_TASK = bpmnProcess('schrijven', [start(), userTask('nakijken'), end(), chain('start', 'nakijken', 'end')]);
const TWO_AT_ONCE = twoTasksAtOnce('tegelijk');

const note = (at: string): Effect & { type: 'history' } => ({
  type: 'history',
  event: { type: 'variables-updated', elementId: null, elementType: 'process', at, user: 'test', data: { note: 'x' } } satisfies HistoryEvent,
});

describe(`server: one step, one write (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let server: TestServer;
  const em = () => server.services.dataSource.manager;
  const query = (sql: string, values: unknown[] = []) => server.services.dataSource.query(sql, values);
  const startCase = async (): Promise<InstanceRow> => {
    const view = await server.services.instances.start({ processKey: 'schrijven' });
    return (await findInstance(em(), view.id))!;
  };
  const historyCount = async (id: string) => Number((await query('SELECT count(*) AS n FROM history_events WHERE process_instance_id = $1', [id]))[0].n);

  before(async () => {
    server = await startTestServer();
    await deploy(server.services.dataSource, { name: 'schrijven', resources: [{ name: 'schrijven.bpmn', content: ONE_TASK }] }, 'test');
    await deploy(server.services.dataSource, { name: 'tegelijk', resources: [{ name: 'tegelijk.bpmn', content: TWO_AT_ONCE }] }, 'test');
  });
  after(async () => {
    await server?.close();
  });

  it('writes the state, bumps the row version and appends the history in one call', async () => {
    const instance = await startCase();
    const before = await historyCount(instance.id);
    const now = new Date().toISOString();
    const written = await writeStep(em(), { case: instance, next: instance.state, effects: [note(now)], now });
    expect(written?.row_version).to.equal(instance.row_version + 1);
    expect(await historyCount(instance.id)).to.equal(before + 1);
  });

  it('writes nothing when another step of the case was written since it was read', async () => {
    const instance = await startCase();
    const now = new Date().toISOString();
    await writeStep(em(), { case: instance, next: instance.state, effects: [note(now)], now });
    const before = await historyCount(instance.id);
    const stale = await writeStep(em(), { case: instance, next: instance.state, effects: [note(now)], now });
    expect(stale).to.equal(undefined);
    expect(await historyCount(instance.id)).to.equal(before);
    expect((await findInstance(em(), instance.id))!.row_version).to.equal(instance.row_version + 1);
  });

  it('refuses, writing nothing, when a task it relied on was claimed since it was read', async () => {
    const instance = await startCase();
    const { task } = (await findTaskWithCase(em(), (await query('SELECT id FROM tasks WHERE process_instance_id = $1', [instance.id]))[0].id))!;
    await query('UPDATE tasks SET assignee = $1 WHERE id = $2', ['iemand-anders', task.id]);
    const before = await historyCount(instance.id);
    const now = new Date().toISOString();
    let failure: unknown;
    try {
      await writeStep(em(), { case: instance, next: instance.state, effects: [note(now)], now, guard: { taskId: task.id, assignee: null } });
    } catch (err) {
      failure = err;
    }
    expect(failure).to.be.instanceOf(GuardFailed);
    expect(await historyCount(instance.id)).to.equal(before);
    expect((await findInstance(em(), instance.id))!.row_version).to.equal(instance.row_version);
  });

  it('still writes a step through loket_write_step, as a server of the version before calls it during a rolling upgrade', async () => {
    const instance = await startCase();
    const before = await historyCount(instance.id);
    const now = new Date().toISOString();
    const step = (expectedVersion: number) =>
      query('SELECT id, row_version FROM loket_write_step($1::jsonb)', [
        JSON.stringify({ id: instance.id, expectedVersion, now, status: 'active', state: instance.state, variables: {}, guard: null, ops: [], history: [note(now).event] }),
      ]);
    expect(await step(instance.row_version)).to.deep.equal([{ id: instance.id, row_version: instance.row_version + 1 }]);
    // A stale version writes nothing and gives no row, as before.
    expect(await step(instance.row_version)).to.deep.equal([]);
    expect(await historyCount(instance.id)).to.equal(before + 1);
  });

  describe('steps written together (group commit)', () => {
    it('writes steps that are ready at the same moment in one statement, each with its own answer', async () => {
      const cases = await Promise.all([startCase(), startCase(), startCase(), startCase()]);
      const before = await Promise.all(cases.map((c) => historyCount(c.id)));
      // Steps ready in one turn of the event loop go together.
      const writer = new StepWriter(em(), 1);
      const now = new Date().toISOString();
      const written = await Promise.all(cases.map((c) => writer.write({ case: c, next: c.state, effects: [note(now)], now })));
      expect(written.map((w) => w?.id)).to.deep.equal(cases.map((c) => c.id));
      expect(written.map((w) => w?.row_version)).to.deep.equal(cases.map((c) => c.row_version + 1));
      expect(await Promise.all(cases.map((c) => historyCount(c.id)))).to.deep.equal(before.map((n) => n + 1));
      // Steps of one commit share its transaction id: they were written by one statement.
      const xmins = await query('SELECT xmin::text AS x FROM process_instances WHERE id = ANY($1)', [cases.map((c) => c.id)]);
      expect(new Set(xmins.map((r: { x: string }) => r.x)).size).to.equal(1);
    });

    it('holds steps that become ready while a group is on its way, and sends them together after it (PostgreSQL)', async function () {
      // PGlite runs in this thread: a group there is written before another step can become ready.
      if (!process.env.DATABASE_URL) this.skip();
      const [first, second, third] = await Promise.all([startCase(), startCase(), startCase()]);
      const writer = new StepWriter(em(), 1);
      const now = new Date().toISOString();
      const step = (c: InstanceRow) => writer.write({ case: c, next: c.state, effects: [note(now)], now });
      const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
      // Another transaction holds the first case's row, so the first group stays on its way until it lets go.
      const blocker = server.services.dataSource.createQueryRunner();
      await blocker.startTransaction();
      await blocker.query('SELECT id FROM process_instances WHERE id = $1 FOR UPDATE', [first!.id]);
      const alone = step(first!);
      await nextTurn();
      const held = step(second!);
      await nextTurn();
      const alsoHeld = step(third!);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await blocker.commitTransaction();
      await blocker.release();
      await Promise.all([alone, held, alsoHeld]);
      const xmins = await query('SELECT id, xmin::text AS x FROM process_instances WHERE id = ANY($1)', [[first!.id, second!.id, third!.id]]);
      const xminOf = (id: string) => xmins.find((r: { id: string }) => r.id === id).x;
      expect(xminOf(second!.id)).to.equal(xminOf(third!.id));
      expect(xminOf(first!.id)).not.to.equal(xminOf(second!.id));
    });

    it('answers undefined for a case stepped since it was read, and writes the others of its group', async () => {
      const [first, second, third] = await Promise.all([startCase(), startCase(), startCase()]);
      const now = new Date().toISOString();
      await writeStep(em(), { case: second!, next: second!.state, effects: [note(now)], now });
      const writer = new StepWriter(em(), 1);
      const written = await Promise.all([first!, second!, third!].map((c) => writer.write({ case: c, next: c.state, effects: [note(now)], now })));
      expect(written.map((w) => w?.row_version)).to.deep.equal([first!.row_version + 1, undefined, third!.row_version + 1]);
      expect((await findInstance(em(), second!.id))!.row_version).to.equal(second!.row_version + 1);
    });

    it('refuses only the step whose guard failed; the others of its group are written', async () => {
      const cases = await Promise.all([startCase(), startCase(), startCase()]);
      const { task } = (await findTaskWithCase(em(), (await query('SELECT id FROM tasks WHERE process_instance_id = $1', [cases[1]!.id]))[0].id))!;
      await query('UPDATE tasks SET assignee = $1 WHERE id = $2', ['iemand-anders', task.id]);
      const before = await Promise.all(cases.map((c) => historyCount(c.id)));
      const writer = new StepWriter(em(), 1);
      const now = new Date().toISOString();
      const outcomes = await Promise.allSettled(
        cases.map((c, i) => writer.write({ case: c, next: c.state, effects: [note(now)], now, ...(i === 1 ? { guard: { taskId: task.id, assignee: null } } : {}) })),
      );
      expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).to.be.instanceOf(GuardFailed);
      expect(await Promise.all(cases.map((c) => historyCount(c.id)))).to.deep.equal([before[0]! + 1, before[1], before[2]! + 1]);
      expect((await findInstance(em(), cases[1]!.id))!.row_version).to.equal(cases[1]!.row_version);
    });
  });

  it('applies what the engine asked in its order: a job closed and opened again in one step stays open', async () => {
    const instance = await startCase();
    const now = new Date().toISOString();
    const job = { id: `job-${instance.id}`, elementId: 'nakijken', type: 'test', retries: 3, headers: {} };
    await writeStep(em(), { case: instance, next: instance.state, effects: [{ type: 'job-created', job }], now });
    const again = (await findInstance(em(), instance.id))!;
    await writeStep(em(), {
      case: again,
      next: again.state,
      effects: [{ type: 'job-closed', jobId: job.id }, { type: 'job-created', job: { ...job, retries: 1 } }],
      now,
    });
    const [row] = await query('SELECT closed_at, retries FROM jobs WHERE id = $1', [job.id]);
    expect(row).to.deep.equal({ closed_at: null, retries: 1 });
  });

  it('gives the task back to the optimistic loop when its guard fails, and the retry completes it once', async () => {
    const instance = await startCase();
    const [{ id: taskId }] = await query('SELECT id FROM tasks WHERE process_instance_id = $1', [instance.id]);
    let loads = 0;
    const stepped = await server.services.steps.run(
      async (manager) => {
        const found = (await findTaskWithCase(manager, taskId))!;
        loads++;
        // Someone claims it between this read and the write: the first write must be refused.
        if (loads === 1) await query('UPDATE tasks SET assignee = $1 WHERE id = $2', ['test', taskId]);
        return { instance: found.instance, guard: { taskId, assignee: found.task.assignee } };
      },
      { type: 'complete-task', taskId, variables: {}, user: 'test' },
    );
    expect(loads).to.equal(2);
    expect(stepped.instance.status).to.equal('completed');
    const completions = await query(`SELECT count(*) AS n FROM history_events WHERE process_instance_id = $1 AND type = 'element-completed' AND element_id = 'nakijken'`, [instance.id]);
    expect(Number(completions[0].n)).to.equal(1);
  });

  it('steps from a case the caller read before, and reads it again when another step came first', async () => {
    const view = await server.services.instances.start({ processKey: 'tegelijk' });
    const seen = (await findInstance(em(), view.id))!;
    const tasks: { id: string; element_id: string }[] = await query('SELECT id, element_id FROM tasks WHERE process_instance_id = $1', [view.id]);
    const taskOf = (element: string) => tasks.find((t) => t.element_id === element)!.id;
    // The other branch is completed after `seen` was read: stepping from `seen` alone would undo it.
    await server.services.steps.run(view.id, { type: 'complete-task', taskId: taskOf('links'), variables: {}, user: 'test' });
    const stepped = await server.services.steps.run(view.id, { type: 'complete-task', taskId: taskOf('rechts'), variables: {}, user: 'test' }, { instance: seen });
    expect(stepped.instance.status).to.equal('completed');
    const completed = await query(`SELECT element_id FROM history_events WHERE process_instance_id = $1 AND type = 'element-completed' AND element_id IN ('links', 'rechts') ORDER BY element_id`, [view.id]);
    expect(completed.map((row: { element_id: string }) => row.element_id)).to.deep.equal(['links', 'rechts']);
  });
});
