import type { Behavior } from './behavior.js';

/**
 * Forks into every outgoing flow. As a join it waits until a token has arrived by each incoming flow,
 * then consumes one per flow; tokens that come around a loop early wait for their turn.
 */
export const parallelGatewayBehavior: Behavior<'parallelGateway'> = {
  arrive(run, element, token) {
    if (element.incoming.length <= 1) return true;
    run.wait(token);
    const waiting = run.state.tokens.filter(
      (other) => other.elementId === element.id && other.parentScopeId === token.parentScopeId && other.state === 'waiting',
    );
    const firstByFlow = element.incoming.map((flowId) => waiting.find((other) => other.arrivedBy === flowId));
    if (firstByFlow.some((arrival) => arrival === undefined)) return false;
    for (const arrival of firstByFlow) run.removeToken(arrival!);
    return true;
  },
  activate(run, _element, token) {
    run.leave(token);
  },
};
