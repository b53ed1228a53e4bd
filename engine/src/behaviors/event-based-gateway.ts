import type { Behavior } from './behavior.js';
import { openSubscription } from '../runtime/subscriptions.js';

/** Waits for whichever of the events after it happens first (see catch-events.ts for the race's end). */
export const eventBasedGatewayBehavior: Behavior<'eventBasedGateway'> = {
  activate(run, element, token) {
    for (const flowId of element.outgoing) {
      const target = run.element(run.model.flows.get(flowId)!.targetId);
      if (target.kind !== 'intermediateCatchEvent' && target.kind !== 'receiveTask') continue;
      const failed = openSubscription(run, target, target.event, token.id, token, true);
      if (failed) return run.raiseIncident(token, failed.message, 'activate');
    }
    run.wait(token);
  },
};
