import { FeelError } from '../expressions/feel.js';
import type { Behavior } from './behavior.js';

/** Takes the first outgoing flow whose condition holds, else the default flow, else raises an incident. */
export const exclusiveGatewayBehavior: Behavior<'exclusiveGateway'> = {
  activate(run, element, token) {
    const conditional = element.outgoing.filter((flowId) => flowId !== element.defaultFlow);
    if (element.outgoing.length === 1 && !run.model.flows.get(element.outgoing[0]!)!.condition) {
      return run.leave(token, element.outgoing);
    }
    for (const flowId of conditional) {
      const condition = run.model.flows.get(flowId)!.condition;
      if (condition === undefined) continue;
      const value = run.evaluate(token, condition, `the condition of sequence flow ${flowId}`);
      if (value instanceof FeelError) return run.raiseIncident(token, value.message, 'activate');
      if (value === true) return run.leave(token, [flowId]);
      if (value !== false && value !== null) {
        return run.raiseIncident(
          token,
          `the condition of sequence flow ${flowId} ("${condition}") gave ${JSON.stringify(value)} instead of true or false`,
          'activate',
        );
      }
    }
    if (element.defaultFlow) return run.leave(token, [element.defaultFlow]);
    run.raiseIncident(
      token,
      `no outgoing sequence flow of gateway ${element.id} has a condition that holds, and the gateway has no default flow`,
      'activate',
    );
  },
};
