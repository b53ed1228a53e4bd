import type { JsonValue, Variables } from '../expressions/feel.js';
import type { CompiledDecision } from '../decisions/types.js';
import type { ElementKind } from '../model/types.js';

export type InstanceStatus = 'active' | 'completed' | 'terminated' | 'incident';

/** A variable scope: the process instance itself, or an element instance with local variables. */
export interface Scope {
  id: string;
  parentId: string | null;
  variables: Variables;
}

export type TokenState = 'waiting' | 'incident';

/** An element instance that is waiting (user task, joining gateway) or stuck on an incident. */
export interface Token {
  id: string;
  elementId: string;
  /** The scope the element's own variable scope hangs under (the instance scope for now). */
  parentScopeId: string;
  /** The element's local scope, when it has input mappings. */
  scopeId?: string;
  state: TokenState;
  /** For a token that arrived at a joining parallel gateway: the flow it came in by. */
  arrivedBy?: string;
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
  incidents: Incident[];
}

export type Command =
  | { type: 'start'; instanceId: string; variables?: Variables; startEventId?: string }
  | { type: 'complete-task'; taskId: string; variables?: Variables; user?: string }
  | { type: 'set-variables'; variables: Variables; user?: string }
  | { type: 'resolve-incident'; incidentId: string; user?: string }
  | { type: 'cancel'; user?: string };

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
  | 'variables-updated'
  | 'incident-raised'
  | 'incident-resolved';

export interface HistoryEvent {
  type: HistoryEventType;
  elementId: string | null;
  elementType: ElementKind | 'process' | 'sequenceFlow' | null;
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
  | { type: 'history'; event: HistoryEvent };

export interface StepContext {
  /** The moment of this step, ISO-8601 UTC; the engine has no clock of its own. */
  now: string;
  /** Looks up a deployed decision by id (latest version), or undefined. */
  decision(decisionId: string): CompiledDecision | undefined;
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
