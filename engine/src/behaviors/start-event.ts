import type { EventSubProcessElement } from '../model/types.js';
import { openEventSubProcessSubscriptions } from '../runtime/subscriptions.js';
import { interruptScope, startEventSubProcess } from '../runtime/throw.js';
import type { Behavior } from './behavior.js';

/**
 * Starts a flow. At process level it also opens the case's event subprocesses; inside an event
 * subprocess it is what its event (timer, message, signal, error, escalation) starts.
 */
export const startEventBehavior: Behavior<'startEvent'> = {
  activate(run, element, token) {
    if (element.containerId === null) {
      const failed = openEventSubProcessSubscriptions(run, run.model.eventSubProcessIds, run.state.id, token);
      if (failed) return run.raiseIncident(token, failed.message, 'activate');
    }
    const variables = run.takeTrigger(token);
    if (variables) run.setVariables(token, variables);
    run.leave(token);
  },
  triggered(run, element, subscription, variables) {
    const scopeId = subscription.ownerId;
    if (element.interrupting) interruptScope(run, scopeId);
    startEventSubProcess(run, run.element(element.containerId!) as EventSubProcessElement, scopeId, variables);
  },
};
