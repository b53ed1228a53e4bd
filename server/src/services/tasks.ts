import type { DataSource, EntityManager } from 'typeorm';
import type { Variables } from '../../../engine/src/index.js';
import { COLLEGE_GROUP } from '../config.js';
import { ApiError } from '../http/errors.js';
import { query } from '../persistence/prepared.js';
import { colleagueNamed } from '../persistence/repositories/users.js';
import { latestFormDefinition } from '../persistence/repositories/definitions.js';
import { findInstance, insertHistory, rootVariables, type RecordedEvent } from '../persistence/repositories/instances.js';
import { findTask, findTaskWithCase, listTasks, setAssignee, type TaskFilter, type TaskRow } from '../persistence/repositories/tasks.js';
import type { StepBase } from '../persistence/repositories/step-writes.js';
import type { CaseSteps, Loaded, Loader } from './case-steps.js';
import type { Forms } from './forms.js';

/** Who is asking: enough to decide what they may see and do. */
export interface Actor {
  username: string;
  roles: string[];
  groups: string[];
}

export interface TaskView {
  id: string;
  processInstanceId: string;
  processKey: string;
  elementId: string;
  name: string;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
  dueDate: string | null;
  formKey: string | null;
  state: 'open' | 'completed';
  createdAt: string;
  completedAt?: string;
  completedBy?: string;
}

/** A task just completed, with the tasks its completion opened in the case that the actor may see. */
export interface CompletedView extends TaskView {
  openedTasks: TaskView[];
}

/** The rule named in the details of the 403 that four eyes gives. */
export const FOUR_EYES = 'four-eyes';

export function isAdmin(actor: Actor): boolean {
  return actor.roles.includes('admin');
}

/** A task is for an actor who is in one of its groups, named as a candidate, or its assignee. */
export function isCandidate(actor: Actor, task: Pick<TaskRow, 'assignee' | 'candidate_users' | 'candidate_groups'>): boolean {
  return (
    isAdmin(actor) ||
    task.assignee === actor.username ||
    task.candidate_users.includes(actor.username) ||
    task.candidate_groups.some((group) => actor.groups.includes(group))
  );
}

/** What a step opened, as GET /api/tasks would show it to the actor: the tasks for her, oldest first. */
export function openedFor(actor: Actor, opened: TaskRow[]): TaskView[] {
  return opened
    .filter((task) => isCandidate(actor, task))
    .sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(toView);
}

export class TaskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly steps: CaseSteps,
    private readonly forms: Forms,
  ) {}

  async list(actor: Actor, filter: Omit<TaskFilter, 'visibleTo'>): Promise<TaskView[]> {
    const visibleTo = isAdmin(actor) ? undefined : { username: actor.username, groups: actor.groups };
    const rows = await listTasks(this.dataSource.manager, { ...filter, ...(visibleTo ? { visibleTo } : {}) });
    return rows.map(toView);
  }

  async get(actor: Actor, id: string): Promise<TaskView & { variables: Variables; form: object | null }> {
    const em = this.dataSource.manager;
    const task = await this.visibleTask(em, actor, id);
    const instance = await findInstance(em, task.process_instance_id);
    const form = task.form_key ? await latestFormDefinition(em, task.form_key) : undefined;
    return { ...toView(task), variables: (instance ? rootVariables(instance.state) : {}) as Variables, form: form?.schema ?? null };
  }

  async claim(actor: Actor, id: string): Promise<TaskView> {
    return this.dataSource.transaction(async (em) => {
      // Locked: two simultaneous claims would otherwise both see the task free and both take it.
      const task = await this.openTask(em, actor, id, { forUpdate: true });
      if (task.assignee && task.assignee !== actor.username) {
        throw new ApiError(409, 'conflict', `task ${id} is already claimed by ${task.assignee}`);
      }
      if (task.assignee !== actor.username) {
        this.steps.recent.forgetTask(id);
        await setAssignee(em, id, actor.username);
        await this.recordHistory(em, task, 'task-claimed', actor.username);
      }
      return toView((await findTask(em, id))!);
    });
  }

  async unclaim(actor: Actor, id: string): Promise<TaskView> {
    return this.dataSource.transaction(async (em) => {
      const task = await this.openTask(em, actor, id, { forUpdate: true });
      if (task.assignee && task.assignee !== actor.username && !isAdmin(actor)) {
        throw new ApiError(403, 'forbidden', `task ${id} is claimed by ${task.assignee}; only they or an administrator can release it`);
      }
      if (task.assignee) {
        this.steps.recent.forgetTask(id);
        await setAssignee(em, id, null);
        await this.recordHistory(em, task, 'task-unclaimed', actor.username);
      }
      return toView((await findTask(em, id))!);
    });
  }

  async complete(actor: Actor, id: string, variables: Variables): Promise<CompletedView> {
    let completed: TaskRow | undefined;
    const check = async (em: EntityManager, found: { task: TaskRow; instance: StepBase } | undefined): Promise<Loaded> => {
      const task = this.checkOpen(actor, id, found?.task);
      if (task.assignee && task.assignee !== actor.username) {
        throw new ApiError(403, 'forbidden', `task ${id} is claimed by ${task.assignee}`);
      }
      await this.checkFourEyes(em, actor, task);
      if (task.form_key) {
        const form = await latestFormDefinition(em, task.form_key);
        const problems = form ? this.forms.check(form.id, form.schema, variables) : [];
        if (problems.length > 0) {
          throw new ApiError(400, 'bad-request', `the variables do not fill in form "${task.form_key}" correctly`, problems);
        }
      }
      completed = task;
      // The write checks that nobody claimed or completed the task since this read.
      return { instance: found!.instance, guard: { taskId: id, assignee: task.assignee } };
    };
    const load: Loader = async (em) => check(em, await findTaskWithCase(em, id));
    // A task this process opened is completed from the case as written here; any doubt, and it is read.
    const recent = this.steps.recent.taskWithCase(id);
    const seen = recent && (await check(this.dataSource.manager, recent).catch(() => undefined));
    const { at, opened } = await this.steps.run(load, { type: 'complete-task', taskId: id, variables, user: actor.username }, seen);
    return {
      ...toView({ ...completed!, state: 'completed', completed_at: new Date(at), completed_by: actor.username }),
      openedTasks: openedFor(actor, opened),
    };
  }

  /**
   * Four eyes: who worked on a case before does not decide on it in the college. The names of the steps she
   * completed, empty when she may.
   */
  async earlierStepsBy(em: EntityManager, actor: Actor, task: TaskRow): Promise<string[]> {
    if (!task.candidate_groups.includes(COLLEGE_GROUP)) return [];
    const rows = await query<{ name: string }>(
      em,
      // The college's own earlier decision on the case (rejected, prepared again) is no preparation.
      `SELECT DISTINCT name FROM tasks WHERE process_instance_id = $1 AND completed_by = $2 AND NOT candidate_groups ? $3 ORDER BY name`,
      [task.process_instance_id, actor.username, COLLEGE_GROUP],
    );
    return rows.map((row) => row.name);
  }

  private async checkFourEyes(em: EntityManager, actor: Actor, task: TaskRow): Promise<void> {
    const steps = await this.earlierStepsBy(em, actor, task);
    if (steps.length > 0) {
      throw new ApiError(403, 'forbidden', `four eyes: you worked on this case before (${steps.join(', ')}), so another member of ${COLLEGE_GROUP} decides on task ${task.id}`, [
        { rule: FOUR_EYES, steps },
      ]);
    }
  }

  /** The form a task asks to fill in, as deployed (its latest version). */
  async formOf(task: Pick<TaskView, 'formKey'>): Promise<{ id: string; schema: Record<string, unknown> } | undefined> {
    if (!task.formKey) return undefined;
    const form = await latestFormDefinition(this.dataSource.manager, task.formKey);
    return form && { id: form.id, schema: form.schema as Record<string, unknown> };
  }

  private async visibleTask(em: EntityManager, actor: Actor, id: string): Promise<TaskRow> {
    const task = await findTask(em, id);
    if (!task) throw new ApiError(404, 'not-found', `task ${id} does not exist`);
    if (!isCandidate(actor, task)) {
      throw new ApiError(403, 'forbidden', `task ${id} belongs to ${describeCandidates(task)}, not to you`);
    }
    return task;
  }

  private async openTask(em: EntityManager, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<TaskRow> {
    return this.checkOpen(actor, id, await findTask(em, id, options));
  }

  /** The checks every change to a task makes, in the order the API promises: 404, then 409, then 403. */
  private checkOpen(actor: Actor, id: string, task: TaskRow | undefined): TaskRow {
    if (!task) throw new ApiError(404, 'not-found', `task ${id} does not exist`);
    if (task.state !== 'open') throw new ApiError(409, 'conflict', `task ${id} is no longer open (${task.state})`);
    if (!actor.roles.some((role) => role === 'staff' || role === 'reviewer' || role === 'admin')) {
      throw new ApiError(403, 'forbidden', 'only staff and college reviewers work on tasks');
    }
    if (!isCandidate(actor, task)) throw new ApiError(403, 'forbidden', `task ${id} belongs to ${describeCandidates(task)}, not to you`);
    return task;
  }

  private async recordHistory(em: EntityManager, task: TaskRow, type: RecordedEvent['type'], user: string, data: Record<string, string | null> = {}): Promise<void> {
    const event: RecordedEvent = { type, elementId: task.element_id, elementType: 'userTask', at: new Date().toISOString(), user, data: { taskId: task.id, ...data } };
    await insertHistory(em, task.process_instance_id, [event]);
  }

  /** A department head (of one of the task's departments) or an administrator gives an open task to a colleague. */
  async assign(actor: Actor, id: string, to: string): Promise<TaskView> {
    return this.dataSource.transaction(async (em) => {
      const task = await findTask(em, id, { forUpdate: true });
      if (!task) throw new ApiError(404, 'not-found', `task ${id} does not exist`);
      if (task.state !== 'open') throw new ApiError(409, 'conflict', `task ${id} is no longer open (${task.state})`);
      const heads = actor.roles.includes('department-head') && task.candidate_groups.some((group) => actor.groups.includes(group));
      if (!isAdmin(actor) && !heads) {
        throw new ApiError(403, 'forbidden', `only a department head of ${describeCandidates(task)} or an administrator gives task ${id} to someone`);
      }
      await this.checkTaker(em, task, to);
      if (task.assignee !== to) {
        this.steps.recent.forgetTask(id);
        await setAssignee(em, id, to);
        await this.recordHistory(em, task, 'task-reassigned', actor.username, { from: task.assignee, to });
      }
      return toView((await findTask(em, id))!);
    });
  }

  /**
   * While she is away: every open task she holds goes to a colleague who may work on it (of the same
   * department); a task the colleague may not work on stays with her. All or nothing.
   */
  async handOver(actor: Actor, to: string): Promise<{ handed: TaskView[]; kept: TaskView[] }> {
    if (to === actor.username) throw new ApiError(400, 'bad-request', 'hand your tasks to someone else than yourself');
    return this.dataSource.transaction(async (em) => {
      const colleague = await this.worker(em, to);
      if (!colleague.groups.some((group) => actor.groups.includes(group))) {
        throw new ApiError(400, 'bad-request', `${to} works in no department of yours`);
      }
      const held = await query<TaskRow>(em, `SELECT * FROM tasks WHERE state = 'open' AND assignee = $1 ORDER BY created_at, id FOR UPDATE`, [actor.username]);
      const handed: TaskView[] = [];
      const kept: TaskView[] = [];
      for (const task of held) {
        if (!isCandidate(colleague, { ...task, assignee: null })) {
          kept.push(toView(task));
          continue;
        }
        this.steps.recent.forgetTask(task.id);
        await setAssignee(em, task.id, to);
        await this.recordHistory(em, task, 'task-reassigned', actor.username, { from: actor.username, to });
        handed.push(toView({ ...task, assignee: to }));
      }
      return { handed, kept };
    });
  }

  /** The user a task is given to: she exists, works on tasks, and may work on this one. */
  private async checkTaker(em: EntityManager, task: TaskRow, to: string): Promise<void> {
    const colleague = await this.worker(em, to);
    if (!isCandidate(colleague, { ...task, assignee: null })) {
      throw new ApiError(400, 'bad-request', `${to} may not work on task ${task.id}: it belongs to ${describeCandidates(task)}`);
    }
  }

  private async worker(em: EntityManager, username: string): Promise<Actor> {
    const colleague = await colleagueNamed(em, username);
    if (!colleague) throw new ApiError(400, 'bad-request', `there is no user ${username}`);
    if (!colleague.roles.some((role) => role === 'staff' || role === 'reviewer')) {
      throw new ApiError(400, 'bad-request', `${username} does not work on tasks (roles: ${colleague.roles.join(', ') || 'none'})`);
    }
    return { username: colleague.username, roles: colleague.roles, groups: colleague.groups };
  }
}

function describeCandidates(task: TaskRow): string {
  const who = [...task.candidate_groups.map((g) => `department ${g}`), ...task.candidate_users];
  return who.length > 0 ? who.join(', ') : 'nobody in particular';
}

export function toView(task: TaskRow): TaskView {
  return {
    id: task.id,
    processInstanceId: task.process_instance_id,
    processKey: task.process_key,
    elementId: task.element_id,
    name: task.name,
    candidateGroups: task.candidate_groups,
    candidateUsers: task.candidate_users,
    assignee: task.assignee,
    dueDate: task.due_date ? new Date(task.due_date).toISOString() : null,
    formKey: task.form_key,
    // A task ended by cancelling the case is no longer open; the contract knows only open and completed.
    state: task.state === 'open' ? 'open' : 'completed',
    createdAt: new Date(task.created_at).toISOString(),
    ...(task.completed_at ? { completedAt: new Date(task.completed_at).toISOString() } : {}),
    ...(task.completed_by ? { completedBy: task.completed_by } : {}),
  };
}
