import { FeelError } from '../expressions/feel.js';
import type { Behavior } from './behavior.js';
import { evaluateCondition } from './conditions.js';

/**
 * Forks into every outgoing flow whose condition holds (else the default flow, else an incident). As a join
 * it waits until no token in its scope can still reach it; runtime/settle.ts decides when that is.
 */
export const inclusiveGatewayBehavior: Behavior<'inclusiveGateway'> = {
  arrive(run, element, token) {
    if (element.incoming.length <= 1) return true;
    run.wait(token);
    return false;
  },
  activate(run, element, token) {
    const chosen: string[] = [];
    for (const flowId of element.outgoing) {
      if (flowId === element.defaultFlow) continue;
      const condition = run.model.flows.get(flowId)!.condition;
      if (condition === undefined) {
        chosen.push(flowId);
        continue;
      }
      const holds = evaluateCondition(run, token, flowId);
      if (holds instanceof FeelError) return run.raiseIncident(token, holds.message, 'activate');
      if (holds) chosen.push(flowId);
    }
    if (chosen.length > 0) return run.leave(token, chosen);
    if (element.defaultFlow) return run.leave(token, [element.defaultFlow]);
    run.raiseIncident(token, `no outgoing sequence flow of gateway ${element.id} has a condition that holds, and the gateway has no default flow`, 'activate');
  },
};
