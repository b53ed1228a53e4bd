import type { Token } from '../runtime/types.js';
import type { Behavior } from './behavior.js';

/**
 * Sits on an activity. When its timer, message or signal comes (errors and escalations are caught in
 * runtime/throw.ts), an interrupting one ends the activity; either way a token leaves by the boundary's flows.
 */
export const boundaryEventBehavior: Behavior<'boundaryEvent'> = {
  activate(run, _element, token) {
    run.leave(token);
  },
  triggered(run, element, subscription, variables) {
    const host = run.token(subscription.ownerId)!;
    if (element.interrupting) run.terminate(host);
    const token: Token = { id: run.nextId(), elementId: element.id, parentScopeId: host.parentScopeId, state: 'waiting' };
    run.history('element-activated', element);
    run.setVariables(token, variables);
    run.leave(token);
  },
};
