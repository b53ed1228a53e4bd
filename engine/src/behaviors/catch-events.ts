import type { Variables } from '../expressions/feel.js';
import type { IntermediateCatchEventElement, ReceiveTaskElement } from '../model/types.js';
import type { Execution } from '../runtime/execution.js';
import { closeSubscriptions, openSubscription } from '../runtime/subscriptions.js';
import type { Subscription, Token } from '../runtime/types.js';

type CatchingElement = IntermediateCatchEventElement | ReceiveTaskElement;

/** Waits for its event, unless an event-based gateway already caught it for this element. */
export function activateCatching(run: Execution, element: CatchingElement, token: Token): void {
  const caught = run.takeTrigger(token);
  if (caught) {
    run.setVariables(token, caught);
    return run.leave(token);
  }
  const failed = openSubscription(run, element, element.event, token.id, token, true);
  if (failed) return run.raiseIncident(token, failed.message, 'activate');
  run.wait(token);
}

/** The event happened: the waiting element completes, or the event-based gateway that waited for it goes this way. */
export function catchingTriggered(run: Execution, element: CatchingElement, subscription: Subscription, variables: Variables): void {
  const owner = run.token(subscription.ownerId)!;
  if (owner.elementId === element.id) {
    run.setVariables(owner, variables);
    return run.leave(owner);
  }
  // The owner is an event-based gateway: the first of its events wins and the others are cancelled.
  closeSubscriptions(run, (other) => other.ownerId === owner.id);
  const gateway = run.element(owner.elementId);
  const flowId = gateway.outgoing.find((id) => run.model.flows.get(id)!.targetId === element.id)!;
  run.removeToken(owner);
  run.history('element-completed', gateway);
  run.history('sequence-flow-taken', null, { elementId: flowId, elementType: 'sequenceFlow' });
  run.schedule({ elementId: element.id, parentScopeId: owner.parentScopeId, viaFlow: flowId, trigger: variables });
}
