import type { Effect } from '../../../engine/src/index.js';
import { openedTaskRow, type TaskRow } from '../persistence/repositories/tasks.js';
import type { StepBase } from '../persistence/repositories/step-writes.js';

/** How many cases a server process keeps as it last wrote them (a few hundred bytes each). */
export const RECENT_CASES = 2000;

interface Remembered {
  instance: StepBase;
  taskIds: Set<string>;
}

/**
 * The cases this server process wrote last, as it wrote them, and the tasks they opened: completing such a
 * task steps the case from here instead of reading it and the task again (a round trip of three per step).
 *
 * Never trusted, so several server processes stay correct: a step from here is written only if the case still
 * has the row version it was stepped from, and the task is still open with the assignee it had
 * (loket_write_steps checks both); otherwise the task and its case are read and the step runs again. A task's
 * groups, users, form and name never change once it is open. Bounded: the oldest case goes first.
 */
export class RecentCases {
  private readonly cases = new Map<string, Remembered>();
  private readonly tasks = new Map<string, TaskRow>();

  constructor(private readonly capacity = RECENT_CASES) {}

  /** A case as a step just wrote it (committed), with the effects of that step. */
  remember(instance: StepBase, effects: Effect[], at: string): void {
    const earlier = this.cases.get(instance.id);
    const taskIds = earlier?.taskIds ?? new Set<string>();
    if (earlier) this.cases.delete(instance.id);
    for (const effect of effects) {
      if (effect.type === 'task-opened') {
        const { task } = effect;
        this.tasks.set(task.id, openedTaskRow(instance, task, at));
        taskIds.add(task.id);
      } else if (effect.type === 'task-closed') {
        this.tasks.delete(effect.taskId);
        taskIds.delete(effect.taskId);
      }
    }
    const { id, definition_id, process_key, row_version, state } = instance;
    this.cases.set(id, { instance: { id, definition_id, process_key, row_version, state }, taskIds });
    if (this.cases.size > this.capacity) this.forget(this.cases.keys().next().value!);
  }

  /** An open task as its case's last step here left it, with that case; undefined when not kept here. */
  taskWithCase(taskId: string): { task: TaskRow; instance: StepBase } | undefined {
    const task = this.tasks.get(taskId);
    const remembered = task && this.cases.get(task.process_instance_id);
    return remembered && { task, instance: remembered.instance };
  }

  /** A case changed in a way not kept here (stepped with other cases, in a transaction). */
  forget(caseId: string): void {
    const remembered = this.cases.get(caseId);
    if (!remembered) return;
    this.cases.delete(caseId);
    for (const taskId of remembered.taskIds) this.tasks.delete(taskId);
  }

  /** A task claimed, released or given to someone: its assignee is no longer the one kept here. */
  forgetTask(taskId: string): void {
    this.tasks.delete(taskId);
  }

  get size(): number {
    return this.cases.size;
  }
}
