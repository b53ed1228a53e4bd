import { BudgetExceeded, mayRunLong, UNLIMITED } from '../expressions/budget.js';
import { evaluateExpression, FeelError, type JsonValue, type Variables } from '../expressions/feel.js';
import type { Behavior } from '../behaviors/behavior.js';
import { BEHAVIORS } from '../behaviors/registry.js';
import type { ElementKind, FlowElement, ProcessModel } from '../model/types.js';
import { activateBody, advanceBody, bodyOutput, collectInner } from './multi-instance.js';
import { propagateVariables, setLocalVariables, visibleVariables } from './scopes.js';
import { settle } from './settle.js';
import { closeSubscriptions, openBoundarySubscriptions } from './subscriptions.js';
import type { Effect, HistoryEvent, Incident, InstanceState, StepContext, Token } from './types.js';

type Arrival = { elementId: string; parentScopeId: string; viaFlow?: string; trigger?: Variables };

/**
 * One engine step in progress: a private copy of the instance state, the effects so far, and the
 * agenda of tokens still travelling. Behaviours move tokens only through its methods.
 */
export class Execution {
  readonly effects: Effect[] = [];
  private readonly agenda: Arrival[] = [];
  /** Flow scopes that lost a token this step: each may now be complete. */
  readonly touchedScopes = new Set<string>();
  /** Variables a catch event was triggered with before it was activated (an event-based gateway's winner). */
  private readonly triggers = new Map<string, Variables>();

  constructor(
    readonly model: ProcessModel,
    readonly state: InstanceState,
    readonly context: StepContext,
  ) {}

  get now(): string {
    return this.context.now;
  }

  nextId(): string {
    this.state.seq += 1;
    return `${this.state.id}-${this.state.seq}`;
  }

  element(elementId: string): FlowElement {
    const element = this.model.elements.get(elementId);
    if (!element) throw new Error(`element ${elementId} is not in process ${this.model.key}`);
    return element;
  }

  token(tokenId: string): Token | undefined {
    return this.state.tokens.find((token) => token.id === tokenId);
  }

  /** The tokens running directly in a flow scope (the instance, a subprocess, a multi-instance body). */
  children(scopeId: string): Token[] {
    return this.state.tokens.filter((token) => token.parentScopeId === scopeId);
  }

  history(type: HistoryEvent['type'], element: FlowElement | null, extra: Partial<HistoryEvent> = {}): void {
    this.effects.push({
      type: 'history',
      event: { type, elementId: element?.id ?? null, elementType: element?.kind ?? 'process', at: this.now, ...extra },
    });
  }

  tokenHistory(type: HistoryEvent['type'], token: Token, extra: Partial<HistoryEvent> = {}): void {
    const element = this.element(token.elementId);
    this.history(type, element, token.body ? { elementType: 'multiInstanceBody', ...extra } : extra);
  }

  /** Schedules a token to arrive at an element; the agenda runs after the current behaviour returns. */
  schedule(arrival: Arrival): void {
    this.agenda.push(arrival);
  }

  /** Whether tokens are still on their way; settling waits for them (they may enter a scope or reach a join). */
  get travelling(): boolean {
    return this.agenda.length > 0;
  }

  /** Moves every scheduled token on until each one waits, ends or is stuck, then settles scopes and joins. */
  run(): void {
    do {
      for (let arrival = this.agenda.shift(); arrival; arrival = this.agenda.shift()) this.arrive(arrival);
      settle(this);
    } while (this.agenda.length > 0);
  }

  /**
   * Forgets the tokens still on their way into a flow scope whose flow was just ended (a terminate end event,
   * an interrupting event subprocess): like the element instances they would have become, they are gone.
   */
  dropArrivals(scopeId: string): void {
    for (let i = this.agenda.length - 1; i >= 0; i--) if (this.agenda[i]!.parentScopeId === scopeId) this.agenda.splice(i, 1);
  }

  /** Whether tokens can still arrive in a flow scope: a case that was not ended, or a subprocess (body) that was not. */
  private isOpenScope(scopeId: string): boolean {
    if (scopeId === this.state.id) return this.state.status === 'active' || this.state.status === 'incident';
    return this.token(scopeId) !== undefined;
  }

  private arrive({ elementId, parentScopeId, viaFlow, trigger }: Arrival): void {
    // A token on its way into a scope that was ended meanwhile (an error or boundary event ended it) goes nowhere.
    if (!this.isOpenScope(parentScopeId)) return;
    const element = this.element(elementId);
    const token: Token = { id: this.nextId(), elementId, parentScopeId, state: 'waiting', ...(viaFlow ? { arrivedBy: viaFlow } : {}) };
    if (trigger) this.triggers.set(token.id, trigger);
    const behavior = behaviorOf(element);
    if (behavior.arrive && !behavior.arrive(this, element, token)) return;
    this.activate(element, token);
  }

  /** The variables an event was triggered with before it was activated, once. */
  takeTrigger(token: Token): Variables | undefined {
    const variables = this.triggers.get(token.id);
    this.triggers.delete(token.id);
    return variables;
  }

  /** Activates an element: input mappings into a local scope, boundary events, then its behaviour. */
  activate(element: FlowElement, token: Token, { retry = false } = {}): void {
    // Once per arrival: not again for each instance of a multi-instance step, nor on retrying after an incident.
    if (!retry && element.notification && token.loopCounter === undefined) {
      this.effects.push({ type: 'notify', tokenId: token.id, elementId: element.id, ...element.notification });
    }
    if (element.multiInstance && token.loopCounter === undefined) {
      if (!retry) this.history('element-activated', element, { elementType: 'multiInstanceBody' });
      return activateBody(this, element, token);
    }
    if (!retry) this.history('element-activated', element);
    if (element.inputs.length > 0) {
      this.ensureScope(token);
      for (const mapping of element.inputs) {
        const value = this.evaluate(token, mapping.source, `the input mapping to "${mapping.target}"`);
        if (value instanceof FeelError) return this.raiseIncident(token, value.message, 'activate');
        setLocalVariables(this.state, token.scopeId!, { [mapping.target]: value });
      }
    }
    if (token.loopCounter === undefined && element.boundaryEventIds.length > 0) {
      const failed = openBoundarySubscriptions(this, element, token);
      if (failed) return this.raiseIncident(token, failed.message, 'activate');
    }
    behaviorOf(element).activate(this, element, token);
  }

  /** Gives the token a variable scope of its own, if it has none yet. */
  ensureScope(token: Token, variables: Variables = {}): string {
    if (!token.scopeId) {
      token.scopeId = token.id;
      this.state.scopes[token.id] = { id: token.id, parentId: token.parentScopeId, variables: {} };
    }
    setLocalVariables(this.state, token.scopeId, variables);
    return token.scopeId;
  }

  /** The variables the element sees: its own local ones over those of its scopes and the case. */
  variables(token: Token): Variables {
    return visibleVariables(this.state, token.scopeId ?? token.parentScopeId);
  }

  /** Evaluates FEEL in the token's view; a failure comes back as a FeelError for the caller to turn into an incident. */
  evaluate(token: Token, expression: string, what: string, extra: Variables = {}): JsonValue | FeelError {
    const work = () => evaluateExpression(expression, { ...this.variables(token), ...extra }, { now: this.now }).value;
    try {
      return mayRunLong(expression) ? (this.context.budget ?? UNLIMITED)(work) : work();
    } catch (err) {
      if (err instanceof FeelError || err instanceof BudgetExceeded) return new FeelError(`${what} failed: ${err.message}`, expression);
      throw err;
    }
  }

  /** Variables an element produced (task completion, message, script result): kept local when it has output mappings. */
  setVariables(token: Token, variables: Variables): void {
    const element = this.element(token.elementId);
    if (element.outputs.length > 0) this.ensureScope(token, variables);
    else propagateVariables(this.state, token.scopeId ?? token.parentScopeId, variables);
  }

  wait(token: Token): void {
    token.state = 'waiting';
    if (!this.state.tokens.includes(token)) this.state.tokens.push(token);
  }

  isAlive(token: Token): boolean {
    return this.state.tokens.includes(token);
  }

  /** Completes an element: output mappings, then a token along each of the given flows (default: all outgoing). */
  leave(token: Token, flowIds?: readonly string[]): void {
    const element = this.element(token.elementId);
    if (token.body) {
      propagateVariables(this.state, token.parentScopeId, bodyOutput(this, element, token));
    } else if (element.outputs.length > 0) {
      const results: Variables = {};
      for (const mapping of element.outputs) {
        const value = this.evaluate(token, mapping.source, `the output mapping to "${mapping.target}"`);
        if (value instanceof FeelError) return this.raiseIncident(token, value.message, 'leave');
        results[mapping.target] = value;
      }
      propagateVariables(this.state, token.parentScopeId, results);
    }
    const inner = token.loopCounter !== undefined ? collectInner(this, element, token) : undefined;
    if (inner instanceof FeelError) return this.raiseIncident(token, inner.message, 'leave');
    closeSubscriptions(this, (subscription) => subscription.ownerId === token.id);
    this.removeToken(token);
    this.tokenHistory('element-completed', token);
    if (inner) return advanceBody(this, element, token, inner.conditionHolds);
    for (const flowId of flowIds ?? element.outgoing) {
      const flow = this.model.flows.get(flowId)!;
      this.history('sequence-flow-taken', null, { elementId: flow.id, elementType: 'sequenceFlow' });
      this.schedule({ elementId: flow.targetId, parentScopeId: token.parentScopeId, viaFlow: flow.id });
    }
  }

  /** Ends an element without completing it, and everything running inside it first. */
  terminate(token: Token): void {
    for (const child of this.children(token.id)) this.terminate(child);
    const element = this.element(token.elementId);
    closeSubscriptions(this, (subscription) => subscription.ownerId === token.id);
    behaviorOf(element).terminate?.(this, element, token);
    this.state.incidents = this.state.incidents.filter((incident) => incident.tokenId !== token.id);
    this.removeToken(token);
    this.tokenHistory('element-terminated', token);
  }

  raiseIncident(token: Token, message: string, retry: Incident['retry']): void {
    token.state = 'incident';
    if (!this.state.tokens.includes(token)) this.state.tokens.push(token);
    const incident: Incident = { id: this.nextId(), elementId: token.elementId, tokenId: token.id, message, createdAt: this.now, retry };
    this.state.incidents.push(incident);
    this.history('incident-raised', this.element(token.elementId), { data: { incidentId: incident.id, message } });
  }

  /** Retries what failed; if it fails again a new incident is raised. */
  retryIncident(incident: Incident, user: string | undefined): void {
    this.state.incidents = this.state.incidents.filter((other) => other.id !== incident.id);
    const token = this.token(incident.tokenId)!;
    const element = this.element(token.elementId);
    this.history('incident-resolved', element, { ...(user ? { user } : {}), data: { incidentId: incident.id } });
    token.state = 'waiting';
    if (incident.retry === 'leave') return this.leave(token);
    this.state.tokens = this.state.tokens.filter((other) => other !== token);
    if (token.scopeId && token.loopCounter === undefined) {
      delete this.state.scopes[token.scopeId];
      delete token.scopeId;
    }
    closeSubscriptions(this, (subscription) => subscription.ownerId === token.id);
    this.activate(element, token, { retry: true });
  }

  behaviorOf(element: FlowElement): Behavior<ElementKind> {
    return behaviorOf(element);
  }

  removeToken(token: Token): void {
    this.state.tokens = this.state.tokens.filter((other) => other.id !== token.id);
    if (token.scopeId) delete this.state.scopes[token.scopeId];
    this.touchedScopes.add(token.parentScopeId);
  }
}

export function behaviorOf(element: FlowElement): Behavior<ElementKind> {
  return BEHAVIORS[element.kind] as Behavior<ElementKind>;
}
