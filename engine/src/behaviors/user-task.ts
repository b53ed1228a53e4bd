import { FeelError, type JsonValue } from '../expressions/feel.js';
import type { UserTaskElement, ValueSource } from '../model/types.js';
import type { Execution } from '../runtime/execution.js';
import type { OpenedTask, Token } from '../runtime/types.js';
import { deadlineAfter } from '../timers/deadline.js';
import type { Behavior } from './behavior.js';

/** Work for a person: the task goes to its candidate groups (else its lane's department) and waits. */
export const userTaskBehavior: Behavior<'userTask'> = {
  activate(run, element, token) {
    const task = openTask(run, element, token);
    if (task instanceof FeelError) return run.raiseIncident(token, task.message, 'activate');
    run.wait(token);
    run.effects.push({ type: 'task-opened', task });
    run.history('task-created', element, { data: { taskId: task.id, candidateGroups: task.candidateGroups } });
  },
  complete(run, element, token, variables, user) {
    run.setVariables(token, variables);
    run.effects.push({ type: 'task-closed', taskId: token.id, reason: 'completed', ...(user ? { user } : {}) });
    // What was filled in belongs to the case file: who entered which values, at which step.
    run.history('task-completed', element, { ...(user ? { user } : {}), data: { taskId: token.id, values: variables as JsonValue } });
    run.leave(token);
  },
  terminate(run, _element, token) {
    // A multi-instance body has no task of its own, and a task stuck on an incident was never opened.
    if (token.body || token.state !== 'waiting') return;
    run.effects.push({ type: 'task-closed', taskId: token.id, reason: 'terminated' });
  },
};

function openTask(run: Execution, element: UserTaskElement, token: Token): OpenedTask | FeelError {
  const { assignment } = element;
  const groups = resolveList(run, token, assignment.candidateGroups, 'the candidate groups');
  if (groups instanceof FeelError) return groups;
  const users = resolveList(run, token, assignment.candidateUsers, 'the candidate users');
  if (users instanceof FeelError) return users;
  const assignee = resolveText(run, token, assignment.assignee, 'the assignee');
  if (assignee instanceof FeelError) return assignee;
  // A due date the model computes (zeebe:taskSchedule) comes first; else the deadline the process owner set.
  const scheduled = resolveDueDate(run, token, assignment.dueDate);
  if (scheduled instanceof FeelError) return scheduled;
  const dueDate = scheduled ?? (assignment.deadline ? deadlineAfter(run.now, assignment.deadline, run.context.holidays) : null);
  const laneGroups = element.laneDepartment ? [element.laneDepartment] : [];
  return {
    id: token.id,
    elementId: element.id,
    name: element.name,
    candidateGroups: assignment.candidateGroups ? groups : laneGroups,
    candidateUsers: users,
    assignee,
    dueDate,
    formKey: element.formKey ?? null,
  };
}

function resolve(run: Execution, token: Token, source: ValueSource, what: string): JsonValue | FeelError {
  return source.kind === 'literal' ? source.value : run.evaluate(token, source.expression, what);
}

/** A literal "a, b" or a FEEL list or comma-separated string → trimmed, non-empty names. */
function resolveList(run: Execution, token: Token, source: ValueSource | undefined, what: string): string[] | FeelError {
  if (!source) return [];
  const value = resolve(run, token, source, what);
  if (value instanceof FeelError) return value;
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value === null ? [] : [value];
  if (items.some((item) => typeof item !== 'string')) {
    return new FeelError(`${what} of ${token.elementId} must be text or a list of texts, not ${JSON.stringify(value)}`, '');
  }
  return (items as string[]).map((item) => item.trim()).filter((item) => item !== '');
}

function resolveText(run: Execution, token: Token, source: ValueSource | undefined, what: string): string | null | FeelError {
  if (!source) return null;
  const value = resolve(run, token, source, what);
  if (value instanceof FeelError || value === null) return value;
  if (typeof value !== 'string') return new FeelError(`${what} of ${token.elementId} must be text, not ${JSON.stringify(value)}`, '');
  return value.trim() === '' ? null : value.trim();
}

function resolveDueDate(run: Execution, token: Token, source: ValueSource | undefined): string | null | FeelError {
  const value = resolveText(run, token, source, 'the due date');
  if (value === null || value instanceof FeelError) return value;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return new FeelError(`the due date of ${token.elementId} is not a date and time: "${value}"`, '');
  return new Date(time).toISOString();
}
