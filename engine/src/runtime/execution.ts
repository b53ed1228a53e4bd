import { evaluateExpression, FeelError, type JsonValue, type Variables } from '../expressions/feel.js';
import type { Behavior } from '../behaviors/behavior.js';
import { BEHAVIORS } from '../behaviors/registry.js';
import type { ElementKind, FlowElement, ProcessModel } from '../model/types.js';
import { propagateVariables, setLocalVariables, visibleVariables } from './scopes.js';
import type { Effect, HistoryEvent, Incident, InstanceState, StepContext, Token } from './types.js';

type Arrival = { elementId: string; parentScopeId: string; viaFlow?: string };

/**
 * One engine step in progress: a private copy of the instance state, the effects so far, and the
 * agenda of tokens still travelling. Behaviours move tokens only through its methods.
 */
export class Execution {
  readonly effects: Effect[] = [];
  private readonly agenda: Arrival[] = [];

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

  history(type: HistoryEvent['type'], element: FlowElement | null, extra: Partial<HistoryEvent> = {}): void {
    this.effects.push({
      type: 'history',
      event: { type, elementId: element?.id ?? null, elementType: element?.kind ?? 'process', at: this.now, ...extra },
    });
  }

  /** Schedules a token to arrive at an element; the agenda runs after the current behaviour returns. */
  schedule(arrival: Arrival): void {
    this.agenda.push(arrival);
  }

  /** Moves every scheduled token on until each one waits, ends or is stuck. */
  run(): void {
    for (let arrival = this.agenda.shift(); arrival; arrival = this.agenda.shift()) this.arrive(arrival);
  }

  private arrive({ elementId, parentScopeId, viaFlow }: Arrival): void {
    const element = this.element(elementId);
    const token: Token = { id: this.nextId(), elementId, parentScopeId, state: 'waiting', ...(viaFlow ? { arrivedBy: viaFlow } : {}) };
    const behavior = behaviorOf(element);
    if (behavior.arrive && !behavior.arrive(this, element, token)) return;
    this.activate(element, token);
  }

  /** Activates an element: input mappings into a local scope, then its behaviour. */
  activate(element: FlowElement, token: Token, { retry = false } = {}): void {
    if (!retry) this.history('element-activated', element);
    if (element.inputs.length > 0) {
      token.scopeId = token.id;
      this.state.scopes[token.id] = { id: token.id, parentId: token.parentScopeId, variables: {} };
      for (const mapping of element.inputs) {
        const value = this.evaluate(token, mapping.source, `the input mapping to "${mapping.target}"`);
        if (value instanceof FeelError) return this.raiseIncident(token, value.message, 'activate');
        setLocalVariables(this.state, token.id, { [mapping.target]: value });
      }
    }
    behaviorOf(element).activate(this, element, token);
  }

  /** The variables the element sees: its own local ones over the case's. */
  variables(token: Token): Variables {
    return visibleVariables(this.state, token.scopeId ?? token.parentScopeId);
  }

  /** Evaluates FEEL in the token's view; a failure comes back as a FeelError for the caller to turn into an incident. */
  evaluate(token: Token, expression: string, what: string): JsonValue | FeelError {
    try {
      return evaluateExpression(expression, this.variables(token)).value;
    } catch (err) {
      if (err instanceof FeelError) return new FeelError(`${what} failed: ${err.message}`, expression);
      throw err;
    }
  }

  /** Variables an element produced (task completion, script result): kept local when it has output mappings. */
  setVariables(token: Token, variables: Variables): void {
    const element = this.element(token.elementId);
    if (element.outputs.length > 0 && !token.scopeId) {
      token.scopeId = token.id;
      this.state.scopes[token.id] = { id: token.id, parentId: token.parentScopeId, variables: {} };
    }
    if (element.outputs.length > 0) setLocalVariables(this.state, token.scopeId!, variables);
    else propagateVariables(this.state, token.scopeId ?? token.parentScopeId, variables);
  }

  wait(token: Token): void {
    token.state = 'waiting';
    if (!this.state.tokens.includes(token)) this.state.tokens.push(token);
  }

  /** Completes an element: output mappings, then a token along each of the given flows (default: all outgoing). */
  leave(token: Token, flowIds?: readonly string[]): void {
    const element = this.element(token.elementId);
    if (element.outputs.length > 0) {
      const results: Variables = {};
      for (const mapping of element.outputs) {
        const value = this.evaluate(token, mapping.source, `the output mapping to "${mapping.target}"`);
        if (value instanceof FeelError) return this.raiseIncident(token, value.message, 'leave');
        results[mapping.target] = value;
      }
      propagateVariables(this.state, token.parentScopeId, results);
    }
    this.removeToken(token);
    this.history('element-completed', element);
    for (const flowId of flowIds ?? element.outgoing) {
      const flow = this.model.flows.get(flowId)!;
      this.effects.push({
        type: 'history',
        event: { type: 'sequence-flow-taken', elementId: flow.id, elementType: 'sequenceFlow', at: this.now },
      });
      this.schedule({ elementId: flow.targetId, parentScopeId: token.parentScopeId, viaFlow: flow.id });
    }
  }

  /** Ends an element without completing it (the case is cancelled). */
  terminate(token: Token): void {
    const element = this.element(token.elementId);
    behaviorOf(element).terminate?.(this, element, token);
    this.removeToken(token);
    this.history('element-terminated', element);
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
    const token = this.state.tokens.find((t) => t.id === incident.tokenId)!;
    this.state.tokens = this.state.tokens.filter((other) => other !== token);
    const element = this.element(token.elementId);
    this.history('incident-resolved', element, { ...(user ? { user } : {}), data: { incidentId: incident.id } });
    if (incident.retry === 'leave') return this.leave(token);
    if (token.scopeId) {
      delete this.state.scopes[token.scopeId];
      delete token.scopeId;
    }
    this.activate(element, token, { retry: true });
  }

  removeToken(token: Token): void {
    this.state.tokens = this.state.tokens.filter((other) => other.id !== token.id);
    if (token.scopeId) delete this.state.scopes[token.scopeId];
  }
}

export function behaviorOf(element: FlowElement): Behavior<ElementKind> {
  return BEHAVIORS[element.kind] as Behavior<ElementKind>;
}
