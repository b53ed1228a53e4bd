import { leaveByBoundary } from '../runtime/throw.js';
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
    leaveByBoundary(run, element, run.token(subscription.ownerId)!, element.interrupting, variables);
  },
};
