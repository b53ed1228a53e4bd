import type { Behavior } from './behavior.js';
import { openAllOrNone, openSubscription } from '../runtime/subscriptions.js';

/** Waits for whichever of the events after it happens first (see catch-events.ts for the race's end). */
export const eventBasedGatewayBehavior: Behavior<'eventBasedGateway'> = {
  activate(run, element, token) {
    const targets = element.outgoing
      .map((flowId) => run.element(run.model.flows.get(flowId)!.targetId))
      .flatMap((target) => (target.kind === 'intermediateCatchEvent' || target.kind === 'receiveTask' ? [target] : []));
    const failed = openAllOrNone(
      run,
      targets.map((target) => () => openSubscription(run, target, target.event, token.id, token, true)),
    );
    if (failed) return run.raiseIncident(token, failed.message, 'activate');
    run.wait(token);
  },
};
