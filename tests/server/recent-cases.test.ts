import { expect } from 'chai';
import { UNLIMITED } from '../../engine/src/index.js';
import { CaseSteps } from '../../server/src/services/case-steps.js';
import { Catalog } from '../../server/src/services/catalog.js';
import { deploy } from '../../server/src/services/deployments.js';
import { Forms } from '../../server/src/services/forms.js';
import { InstanceService } from '../../server/src/services/instances.js';
import { RecentCases } from '../../server/src/services/recent-cases.js';
import { TaskService, type Actor } from '../../server/src/services/tasks.js';
import type { StepBase } from '../../server/src/persistence/repositories/step-writes.js';
import { bpmnProcess, chain, end, start, twoTasksAtOnce } from './fixtures/definitions.js';
import { startTestServer, type TestServer } from './harness.js';

const groupTask = (id: string, name = id) =>
  `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="burgerzaken" /></bpmn:extensionElements></bpmn:userTask>`;
const ONE_TASK = (name: string) => bpmnProcess('melding', [start(), groupTask('behandelen', name), end(), chain('start', 'behandelen', 'end')]);
const TWO_AT_ONCE = twoTasksAtOnce('tegelijk', groupTask);

const AN = { username: 'an', roles: ['staff'], groups: ['burgerzaken'] } satisfies Actor;
const BART = { username: 'bart', roles: ['staff'], groups: ['burgerzaken'] } satisfies Actor;

describe(`server: a server process steps the cases it wrote last from memory, and the write checks it (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let server: TestServer;
  /** A second server process on the same database: its own caches, nothing shared in memory. */
  let other: { instances: InstanceService; tasks: TaskService };
  const query = (sql: string, values: unknown[] = []) => server.services.dataSource.query(sql, values);
  const openTasks = async (caseId: string): Promise<{ id: string; element_id: string }[]> =>
    query(`SELECT id, element_id FROM tasks WHERE process_instance_id = $1 AND state = 'open' ORDER BY element_id`, [caseId]);
  const completions = async (caseId: string) =>
    (await query(`SELECT element_id FROM history_events WHERE process_instance_id = $1 AND type = 'task-completed' ORDER BY element_id`, [caseId])).map(
      (row: { element_id: string }) => row.element_id,
    );

  before(async () => {
    server = await startTestServer();
    const { dataSource } = server.services;
    await deploy(dataSource, { name: 'melding', resources: [{ name: 'melding.bpmn', content: ONE_TASK('Behandelen') }] }, 'test');
    await deploy(dataSource, { name: 'tegelijk', resources: [{ name: 'tegelijk.bpmn', content: TWO_AT_ONCE }] }, 'test');
    const catalog = new Catalog();
    const steps = new CaseSteps(dataSource, catalog, () => new Date(), UNLIMITED);
    const forms = new Forms();
    other = { instances: new InstanceService(dataSource, steps, catalog, forms), tasks: new TaskService(dataSource, steps, forms) };
  });
  after(async () => {
    await server?.close();
  });

  it('keeps the task a start opened, and the next one its completion opened', async () => {
    const { recent } = server.services.steps;
    const started = await server.services.instances.start({ processKey: 'tegelijk' });
    const [links, rechts] = await openTasks(started.id);
    expect(recent.taskWithCase(links!.id)?.instance.row_version).to.equal(1);
    await server.services.tasks.complete(AN, links!.id, {});
    expect(recent.taskWithCase(links!.id)).to.equal(undefined);
    expect(recent.taskWithCase(rechts!.id)?.instance.row_version).to.equal(2);
    await server.services.tasks.complete(AN, rechts!.id, {});
    expect((await server.services.instances.get(started.id)).state).to.equal('completed');
    expect(await completions(started.id)).to.deep.equal(['links', 'rechts']);
  });

  it('refuses a task that another server process completed meanwhile, and steps the case once', async () => {
    const started = await server.services.instances.start({ processKey: 'melding' });
    const [task] = await openTasks(started.id);
    await other.tasks.complete(BART, task!.id, {});
    let refused: { status?: number; message?: string } = {};
    await server.services.tasks.complete(AN, task!.id, {}).catch((err) => (refused = err));
    expect(refused.status).to.equal(409);
    expect(refused.message).to.match(/no longer open/);
    expect(await completions(started.id)).to.deep.equal(['behandelen']);
  });

  it('refuses a task that a colleague claimed through another server process meanwhile', async () => {
    const started = await server.services.instances.start({ processKey: 'melding' });
    const [task] = await openTasks(started.id);
    await other.tasks.claim(BART, task!.id);
    let refused: { status?: number; message?: string } = {};
    await server.services.tasks.complete(AN, task!.id, {}).catch((err) => (refused = err));
    expect(refused.status).to.equal(403);
    expect(refused.message).to.match(/claimed by bart/);
    expect((await server.services.instances.get(started.id)).state).to.equal('active');
    await server.services.tasks.complete(BART, task!.id, {});
    expect((await server.services.instances.get(started.id)).state).to.equal('completed');
  });

  it('does not undo a branch that another server process completed after this one last wrote the case', async () => {
    const started = await server.services.instances.start({ processKey: 'tegelijk' });
    const [links, rechts] = await openTasks(started.id);
    await other.tasks.complete(BART, links!.id, {});
    // Kept here: the case as started, with both branches waiting; stepping from that alone would reopen `links`.
    expect(server.services.steps.recent.taskWithCase(rechts!.id)?.instance.row_version).to.equal(1);
    await server.services.tasks.complete(AN, rechts!.id, {});
    expect((await server.services.instances.get(started.id)).state).to.equal('completed');
    expect(await completions(started.id)).to.deep.equal(['links', 'rechts']);
    expect(await openTasks(started.id)).to.deep.equal([]);
  });

  it('starts on the version that another server process deployed after this one last started a case', async () => {
    expect((await server.services.instances.start({ processKey: 'melding' })).version).to.equal(1);
    await deploy(server.services.dataSource, { name: 'melding', resources: [{ name: 'melding.bpmn', content: ONE_TASK('Melding behandelen') }] }, 'elders');
    const started = await server.services.instances.start({ processKey: 'melding' });
    expect(started.version).to.equal(2);
    const names = await query('SELECT name FROM tasks WHERE process_instance_id = $1', [started.id]);
    expect(names).to.deep.equal([{ name: 'Melding behandelen' }]);
  });
});

describe('server: the cases kept in memory are bounded', () => {
  const caseNamed = (id: string): StepBase => ({ id, definition_id: 'd', process_key: 'p', row_version: 1, state: { id } as StepBase['state'] });
  const opened = (taskId: string) => ({
    type: 'task-opened' as const,
    task: { id: taskId, elementId: 'e', name: 'E', candidateGroups: [], candidateUsers: [], assignee: null, dueDate: null, formKey: null },
  });

  it('forgets the case written longest ago, with its tasks', () => {
    const recent = new RecentCases(2);
    const at = '2026-12-03T10:00:00.000Z';
    recent.remember(caseNamed('a'), [opened('ta')], at);
    recent.remember(caseNamed('b'), [opened('tb')], at);
    recent.remember(caseNamed('a'), [], at);
    recent.remember(caseNamed('c'), [opened('tc')], at);
    expect(recent.size).to.equal(2);
    expect(recent.taskWithCase('tb')).to.equal(undefined);
    expect(recent.taskWithCase('ta')?.task.created_at.toISOString()).to.equal(at);
    expect(recent.taskWithCase('tc')?.instance.id).to.equal('c');
  });
});
