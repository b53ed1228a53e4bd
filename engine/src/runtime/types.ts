import type { JsonValue, Variables } from '../expressions/feel.js';
import type { DecisionVersion } from '../decisions/in-force.js';
import type { Budget } from '../expressions/budget.js';
import type { ElementKind } from '../model/types.js';
import type { TimerSchedule } from '../timers/index.js';
import type { HolidayCalendar } from '../timers/holidays.js';

export type InstanceStatus = 'active' | 'completed' | 'terminated' | 'incident';

/** A variable scope: the process instance itself, or an element instance with local variables. */
export interface Scope {
  id: string;
  parentId: string | null;
  variables: Variables;
}

export type TokenState = 'waiting' | 'incident';

/**
 * An element instance that is waiting (a task, a catch event, a joining gateway, a subprocess with
 * children) or stuck on an incident. Its flow scope is `parentScopeId`: the instance id at process level,
 * else the id of the subprocess (or multi-instance body) token it runs in.
 */
export interface Token {
  id: string;
  elementId: string;
  parentScopeId: string;
  /** The element's local scope, when it has one (input mappings, subprocesses, multi-instance). */
  scopeId?: string;
  state: TokenState;
  /** For a token that arrived at a joining gateway: the flow it came in by. */
  arrivedBy?: string;
  /** A multi-instance body: how far its inner instances got. */
  body?: MultiInstanceProgress;
  /** An inner instance of a multi-instance body: its 1-based position in the input collection. */
  loopCounter?: number;
}

export interface MultiInstanceProgress {
  items: JsonValue[];
  completed: number;
  /** Inner instances started so far (sequential bodies start them one at a time). */
  started: number;
}

/**
 * Something an element instance waits for from outside: a timer, a message or a signal. The owner is the
 * waiting token (a catch event, receive task, event-based gateway, or the activity a boundary event sits
 * on), or for an event subprocess start the scope it can start in.
 */
export interface Subscription {
  id: string;
  kind: 'timer' | 'message' | 'signal';
  /** The event (or receive task) that catches it. */
  elementId: string;
  ownerId: string;
  interrupting: boolean;
  /** Message or signal name. */
  name?: string;
  correlationKey?: string;
  dueAt?: string;
  schedule?: TimerSchedule;
  /** How often this timer fired before (cycles). */
  fired?: number;
}

/** A unit of work for a job worker (service task, send task, message throw event). */
export interface OpenedJob {
  id: string;
  elementId: string;
  type: string;
  retries: number;
  headers: { [key: string]: string };
}

export interface Incident {
  id: string;
  elementId: string;
  tokenId: string;
  message: string;
  createdAt: string;
  /** What resolving retries: activating the element, or leaving it (its output mappings). */
  retry: 'activate' | 'leave';
}

/** Everything the engine needs to know of a running case. Plain JSON so it can be stored as is. */
export interface InstanceState {
  id: string;
  processKey: string;
  status: InstanceStatus;
  /** Counter for ids made inside this instance (element instances, incidents). */
  seq: number;
  scopes: { [scopeId: string]: Scope };
  tokens: Token[];
  subscriptions: Subscription[];
  incidents: Incident[];
  /** The call activity that started this case, if another case called it. */
  parent?: { instanceId: string; tokenId: string };
  /** When the case started (ISO 8601 UTC): the moment the application was received. Absent in cases stored before it was kept. */
  startedAt?: string;
}

export type Command =
  | { type: 'start'; instanceId: string; variables?: Variables; startEventId?: string; parent?: InstanceState['parent'] }
  | { type: 'complete-task'; taskId: string; variables?: Variables; user?: string }
  /** A timer is due, a message was correlated, or a signal broadcast to this subscription. */
  | { type: 'trigger'; subscriptionId: string; variables?: Variables }
  | { type: 'complete-job'; jobId: string; variables?: Variables }
  /** The job's retries ran out: the element gets an incident; resolving it opens a new job. */
  | { type: 'fail-job'; jobId: string; message: string }
  | { type: 'throw-error'; jobId: string; errorCode: string; message?: string; variables?: Variables }
  /** The case a call activity started has completed (its variables) or ended otherwise. */
  | { type: 'child-completed'; tokenId: string; variables: Variables }
  | { type: 'child-error'; tokenId: string; errorCode: string; message?: string }
  | { type: 'child-terminated'; tokenId: string }
  /** The called process could not be started (e.g. it is not deployed). */
  | { type: 'child-failed'; tokenId: string; message: string }
  | { type: 'set-variables'; variables: Variables; user?: string }
  | { type: 'resolve-incident'; incidentId: string; user?: string }
  /** `byParent`: the calling case ended, so there is no one to tell. */
  | { type: 'cancel'; user?: string; byParent?: boolean };

export type HistoryEventType =
  | 'instance-started'
  | 'instance-completed'
  | 'instance-terminated'
  | 'element-activated'
  | 'element-completed'
  | 'element-terminated'
  | 'sequence-flow-taken'
  | 'task-created'
  | 'task-completed'
  | 'decision-evaluated'
  | 'message-correlated'
  | 'signal-received'
  | 'timer-fired'
  | 'error-thrown'
  | 'escalation-thrown'
  | 'signal-thrown'
  | 'job-created'
  | 'job-completed'
  | 'job-failed'
  | 'variables-updated'
  | 'incident-raised'
  | 'incident-resolved'
  /** Written by the host for a `notify` effect: the mail is in the outbox, or why it could not be. */
  | 'notification-queued'
  | 'notification-failed';

export interface HistoryEvent {
  type: HistoryEventType;
  elementId: string | null;
  elementType: ElementKind | 'multiInstanceBody' | 'process' | 'sequenceFlow' | null;
  at: string;
  user?: string;
  data?: { [key: string]: JsonValue };
}

/** A user task as the outside world keeps it (the inbox). */
export interface OpenedTask {
  id: string;
  elementId: string;
  name: string;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
  dueDate: string | null;
  formKey: string | null;
}

export type Effect =
  | { type: 'task-opened'; task: OpenedTask }
  | { type: 'task-closed'; taskId: string; reason: 'completed' | 'terminated'; user?: string }
  | { type: 'job-created'; job: OpenedJob }
  | { type: 'job-closed'; jobId: string }
  | { type: 'subscription-opened'; subscription: Subscription }
  | { type: 'subscription-closed'; subscriptionId: string; kind: Subscription['kind'] }
  /** Broadcast to every waiting signal subscription, this case's included, after this step. */
  | { type: 'signal-thrown'; name: string; variables: Variables }
  /** Start the called process as a child case of this token. */
  | { type: 'child-requested'; tokenId: string; processId: string; variables: Variables }
  | { type: 'child-cancelled'; tokenId: string }
  /** This case was called and has ended; its parent must hear of it. */
  | { type: 'parent-notified'; parent: NonNullable<InstanceState['parent']>; outcome: ChildOutcome }
  /** The case reached a step with a notification: the host renders it and queues the mail with this step. */
  | { type: 'notify'; tokenId: string; elementId: string; template: string; subject: string }
  | { type: 'history'; event: HistoryEvent };

export type ChildOutcome =
  | { type: 'completed'; variables: Variables }
  | { type: 'error'; errorCode: string; message?: string }
  | { type: 'terminated' };

export interface StepContext {
  /** The moment of this step, ISO-8601 UTC; the engine has no clock of its own. */
  now: string;
  /** The version of a deployed decision in force at an instant (ISO 8601 UTC), or undefined when none is. */
  decision(decisionId: string, at: string): DecisionVersion | undefined;
  /** How long an expression that can loop, or a decision, may run (the host's clock); unlimited when absent. */
  budget?: Budget;
  /** Whose public holidays a deadline in working days passes over; none when absent. */
  holidays?: HolidayCalendar;
}

export interface StepResult {
  state: InstanceState;
  effects: Effect[];
}

/** A command the engine refuses; the state is unchanged. The server maps `code` to an HTTP status. */
export class CommandRejected extends Error {
  constructor(
    readonly code: 'not-found' | 'conflict' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'CommandRejected';
  }
}
