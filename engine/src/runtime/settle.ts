import type { InclusiveGatewayElement } from '../model/types.js';
import type { Execution } from './execution.js';
import { closeSubscriptions } from './subscriptions.js';
import type { Token } from './types.js';

/**
 * Runs when no token is travelling: a flow scope with no tokens left is complete (a subprocess leaves, the
 * case completes), and an inclusive join fires once no token in its scope can still reach it.
 * Completing a subprocess or firing a join sends a token on; settling stops until it has arrived, since until
 * then its scope looks empty (the case would complete under it) and a join would not see it coming.
 */
export function settle(run: Execution): void {
  for (const scopeId of run.touchedScopes) {
    if (run.travelling) return;
    run.touchedScopes.delete(scopeId);
    if (run.children(scopeId).length === 0) completeScope(run, scopeId);
  }
  if (!run.travelling) fireInclusiveJoins(run);
}

function completeScope(run: Execution, scopeId: string): void {
  const { state } = run;
  if (scopeId === state.id) {
    if (state.status !== 'active' && state.status !== 'incident') return;
    closeSubscriptions(run, () => true);
    state.status = 'completed';
    run.history('instance-completed', null);
    if (state.parent) {
      const variables = state.scopes[state.id]?.variables ?? {};
      run.effects.push({ type: 'parent-notified', parent: state.parent, outcome: { type: 'completed', variables: structuredClone(variables) } });
    }
    return;
  }
  const container = run.token(scopeId);
  // A multi-instance body counts its inner instances itself; a gone container has nothing to complete.
  if (!container || container.body || container.state !== 'waiting') return;
  run.leave(container);
}

function fireInclusiveJoins(run: Execution): void {
  const waiting = run.state.tokens.filter((token) => {
    if (token.state !== 'waiting' || token.arrivedBy === undefined) return false;
    const element = run.element(token.elementId);
    return element.kind === 'inclusiveGateway' && element.incoming.length > 1;
  });
  const done = new Set<string>();
  for (const token of waiting) {
    const key = `${token.elementId}@${token.parentScopeId}`;
    if (done.has(key) || !run.isAlive(token)) continue;
    done.add(key);
    const gateway = run.element(token.elementId) as InclusiveGatewayElement;
    if (canStillArrive(run, gateway, token.parentScopeId)) continue;
    join(run, gateway, token.parentScopeId);
    if (run.travelling) return;
  }
}

/** Whether a token elsewhere in the scope can still reach the gateway, so the join must wait for it. */
function canStillArrive(run: Execution, gateway: InclusiveGatewayElement, scopeId: string): boolean {
  return run.children(scopeId).some((other) => other.elementId !== gateway.id && gateway.reachableFrom.has(other.elementId));
}

/** Consumes the first waiting token of each incoming flow that has one and activates the gateway once. */
function join(run: Execution, gateway: InclusiveGatewayElement, scopeId: string): void {
  const arrived = run.children(scopeId).filter((t) => t.elementId === gateway.id && t.state === 'waiting' && t.arrivedBy !== undefined);
  const firstByFlow = gateway.incoming.map((flowId) => arrived.find((t) => t.arrivedBy === flowId)).filter((t): t is Token => t !== undefined);
  const [kept, ...consumed] = firstByFlow;
  for (const token of consumed) run.removeToken(token);
  run.state.tokens = run.state.tokens.filter((t) => t !== kept);
  delete kept!.arrivedBy;
  run.activate(gateway, kept!);
}
