import type { Variables } from '../expressions/feel.js';
import type { ElementByKind, ElementKind } from '../model/types.js';
import type { Execution } from '../runtime/execution.js';
import type { Subscription, Token } from '../runtime/types.js';

/**
 * What one BPMN element kind does. An activation ends in exactly one of: `run.leave` (done),
 * `run.wait` (a wait state), or `run.raiseIncident` (stuck until someone resolves it).
 */
export interface Behavior<K extends ElementKind> {
  /**
   * Called when a token arrives by a sequence flow, before the element is activated. Returning false
   * keeps the token waiting there (a joining gateway waiting for its other flows).
   */
  arrive?(run: Execution, element: ElementByKind[K], token: Token): boolean;
  activate(run: Execution, element: ElementByKind[K], token: Token): void;
  /** A waiting element is completed from outside: a user task by a civil servant, a job by its worker. */
  complete?(run: Execution, element: ElementByKind[K], token: Token, variables: Variables, user: string | undefined): void;
  /** The element is ended without completing (the case is cancelled, a boundary event interrupted it). */
  terminate?(run: Execution, element: ElementByKind[K], token: Token): void;
  /** An event this element catches happened (timer due, message correlated, signal received). */
  triggered?(run: Execution, element: ElementByKind[K], subscription: Subscription, variables: Variables): void;
}

export type BehaviorRegistry = { readonly [K in ElementKind]: Behavior<K> };
