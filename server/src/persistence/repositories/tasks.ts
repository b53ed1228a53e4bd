import type { EntityManager } from 'typeorm';
import type { OpenedTask } from '../../../../engine/src/index.js';
import type { TaskEntityRow } from '../entities.js';
import { query } from '../prepared.js';
import { caseColumns, splitCase, type StepBase, type WithCase } from './step-writes.js';

export type TaskRow = TaskEntityRow;

/** The row a step's task-opened effect writes (loket_write_steps's open-task), built without reading it back. */
export function openedTaskRow(instance: { id: string; process_key: string }, task: OpenedTask, at: string): TaskRow {
  return {
    id: task.id,
    process_instance_id: instance.id,
    process_key: instance.process_key,
    element_id: task.elementId,
    name: task.name,
    candidate_groups: task.candidateGroups,
    candidate_users: task.candidateUsers,
    assignee: task.assignee,
    due_date: task.dueDate ? new Date(task.dueDate) : null,
    form_key: task.formKey,
    state: 'open',
    created_at: new Date(at),
    completed_at: null,
    completed_by: null,
  };
}

export interface TaskFilter {
  processInstanceId?: string;
  candidateGroup?: string;
  assignee?: string;
  state?: 'open' | 'completed';
  /** Only tasks this user may see: of one of these groups, for this user, or assigned to them. */
  visibleTo?: { username: string; groups: string[] };
}

export async function findTask(em: EntityManager, id: string, { forUpdate = false } = {}): Promise<TaskRow | undefined> {
  const rows = await query<TaskRow>(em, `SELECT * FROM tasks WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

/** A task with the state of its case, in one round trip: what completing it needs. */
export async function findTaskWithCase(em: EntityManager, id: string): Promise<{ task: TaskRow; instance: StepBase } | undefined> {
  const rows = await query<WithCase<TaskRow>>(
    em,
    `SELECT t.*, ${caseColumns('p')} FROM tasks t JOIN process_instances p ON p.id = t.process_instance_id WHERE t.id = $1`,
    [id],
  );
  if (!rows[0]) return undefined;
  const { row: task, instance } = splitCase(rows[0]);
  return { task, instance: instance! };
}

export async function listTasks(em: EntityManager, filter: TaskFilter): Promise<TaskRow[]> {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  // The contract knows open and completed; a task ended by cancelling its case is no longer open, so it counts as completed.
  conditions.push((filter.state ?? 'open') === 'open' ? `state = 'open'` : `state <> 'open'`);
  if (filter.processInstanceId !== undefined) conditions.push(`process_instance_id = ${param(filter.processInstanceId)}`);
  if (filter.candidateGroup !== undefined) conditions.push(`candidate_groups ? ${param(filter.candidateGroup)}`);
  if (filter.assignee !== undefined) conditions.push(`assignee = ${param(filter.assignee)}`);
  if (filter.visibleTo) {
    const { username, groups } = filter.visibleTo;
    conditions.push(
      `(candidate_groups ?| ${param(groups)}::text[] OR candidate_users ? ${param(username)} OR assignee = ${param(username)})`,
    );
  }
  // The filters make a few shapes of this statement, each prepared once.
  return query<TaskRow>(em, `SELECT * FROM tasks WHERE ${conditions.join(' AND ')} ORDER BY created_at, id LIMIT 1000`, values);
}

export async function setAssignee(em: EntityManager, id: string, assignee: string | null): Promise<void> {
  await em.query('UPDATE tasks SET assignee = $1 WHERE id = $2', [assignee, id]);
}
