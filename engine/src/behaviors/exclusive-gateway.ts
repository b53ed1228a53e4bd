import { FeelError } from '../expressions/feel.js';
import type { Behavior } from './behavior.js';
import { evaluateCondition } from './conditions.js';

/** Takes the first outgoing flow whose condition holds, else the default flow, else raises an incident. */
export const exclusiveGatewayBehavior: Behavior<'exclusiveGateway'> = {
  activate(run, element, token) {
    if (element.outgoing.length === 1 && !run.model.flows.get(element.outgoing[0]!)!.condition) {
      return run.leave(token, element.outgoing);
    }
    for (const flowId of element.outgoing) {
      if (flowId === element.defaultFlow || run.model.flows.get(flowId)!.condition === undefined) continue;
      const holds = evaluateCondition(run, token, flowId);
      if (holds instanceof FeelError) return run.raiseIncident(token, holds.message, 'activate');
      if (holds) return run.leave(token, [flowId]);
    }
    if (element.defaultFlow) return run.leave(token, [element.defaultFlow]);
    run.raiseIncident(
      token,
      `no outgoing sequence flow of gateway ${element.id} has a condition that holds, and the gateway has no default flow`,
      'activate',
    );
  },
};
