import type { JsonValue, Variables } from '../expressions/feel.js';
import type { InstanceState, Scope } from './types.js';

/** The variables visible from a scope: its own over those of its parents. */
export function visibleVariables(state: InstanceState, scopeId: string): Variables {
  const chain: Scope[] = [];
  for (let scope: Scope | undefined = state.scopes[scopeId]; scope; scope = scope.parentId ? state.scopes[scope.parentId] : undefined) {
    chain.unshift(scope);
  }
  return Object.assign({}, ...chain.map((scope) => scope.variables)) as Variables;
}

/**
 * Sets variables as Zeebe does: each in the nearest scope, from `scopeId` upwards, that already has it,
 * else in the outermost scope.
 */
export function propagateVariables(state: InstanceState, scopeId: string, variables: Variables): void {
  for (const [name, value] of Object.entries(variables)) {
    let target: Scope | undefined = state.scopes[scopeId];
    let outermost = target;
    while (target && !(name in target.variables)) {
      outermost = target;
      target = target.parentId ? state.scopes[target.parentId] : undefined;
    }
    (target ?? outermost)!.variables[name] = value as JsonValue;
  }
}

export function setLocalVariables(state: InstanceState, scopeId: string, variables: Variables): void {
  Object.assign(state.scopes[scopeId]!.variables, variables);
}
