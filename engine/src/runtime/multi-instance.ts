import { FeelError, type JsonValue, type Variables } from '../expressions/feel.js';
import type { FlowElement } from '../model/types.js';
import type { Execution } from './execution.js';
import { openBoundarySubscriptions } from './subscriptions.js';
import type { Token } from './types.js';

/**
 * A multi-instance activity runs as a body (which holds the boundary events and the output collection) with
 * one inner instance per item of the input collection, all at once or one after the other, as in Zeebe.
 */
export function activateBody(run: Execution, element: FlowElement, body: Token): void {
  const loop = element.multiInstance!;
  run.ensureScope(body);
  const items = run.evaluate(body, loop.inputCollection, 'the input collection');
  if (items instanceof FeelError) return run.raiseIncident(body, items.message, 'activate');
  if (!Array.isArray(items)) {
    return run.raiseIncident(body, `the input collection of ${element.id} ("${loop.inputCollection}") is ${JSON.stringify(items)}, not a list`, 'activate');
  }
  body.body = { items, completed: 0, started: 0 };
  if (loop.outputCollection) run.ensureScope(body, { [loop.outputCollection]: items.map(() => null) });
  run.wait(body);
  if (element.boundaryEventIds.length > 0) {
    const failed = openBoundarySubscriptions(run, element, body);
    if (failed) return run.raiseIncident(body, failed.message, 'activate');
  }
  if (items.length === 0) return run.leave(body);
  const first = loop.sequential ? 1 : items.length;
  // An inner instance that completes at once (a script) may meet the completion condition and end the body.
  for (let i = 0; i < first && run.isAlive(body); i++) startInner(run, element, body);
}

function startInner(run: Execution, element: FlowElement, body: Token): void {
  const progress = body.body!;
  const loopCounter = progress.started + 1;
  progress.started = loopCounter;
  const inner: Token = { id: run.nextId(), elementId: element.id, parentScopeId: body.id, state: 'waiting', loopCounter };
  const inputElement = element.multiInstance!.inputElement;
  run.ensureScope(inner, { loopCounter, ...(inputElement ? { [inputElement]: progress.items[loopCounter - 1]! } : {}) });
  run.activate(element, inner);
}

/** Before an inner instance goes: its output element into the collection, and whether the completion condition now holds. */
export function collectInner(run: Execution, element: FlowElement, inner: Token): { conditionHolds: boolean } | FeelError {
  const loop = element.multiInstance!;
  const body = run.token(inner.parentScopeId)!;
  if (loop.outputCollection && loop.outputElement) {
    const value = run.evaluate(inner, loop.outputElement, 'the output element');
    if (value instanceof FeelError) return value;
    const collection = run.state.scopes[body.scopeId!]!.variables[loop.outputCollection];
    if (Array.isArray(collection)) collection[inner.loopCounter! - 1] = value;
  }
  if (!loop.completionCondition) return { conditionHolds: false };
  const progress = body.body!;
  const counters: Variables = {
    numberOfInstances: progress.items.length,
    numberOfCompletedInstances: progress.completed + 1,
    numberOfActiveInstances: run.children(body.id).length - 1,
  };
  const holds = run.evaluate(inner, loop.completionCondition, 'the completion condition', counters);
  if (holds instanceof FeelError) return holds;
  // As at a gateway, null (a variable not set yet) does not hold; anything else but a boolean is a modelling error.
  if (holds !== true && holds !== false && holds !== null) {
    return new FeelError(`the completion condition of ${element.id} ("${loop.completionCondition}") gave ${JSON.stringify(holds)} instead of true or false`, loop.completionCondition);
  }
  return { conditionHolds: holds === true };
}

/** After an inner instance completed: start the next, or complete the body when all are done or the condition holds. */
export function advanceBody(run: Execution, element: FlowElement, inner: Token, conditionHolds: boolean): void {
  const body = run.token(inner.parentScopeId)!;
  const progress = body.body!;
  progress.completed += 1;
  if (conditionHolds) {
    for (const other of run.children(body.id)) run.terminate(other);
    return run.leave(body);
  }
  if (progress.completed === progress.items.length) return run.leave(body);
  if (element.multiInstance!.sequential && progress.started < progress.items.length) startInner(run, element, body);
}

/** What the body hands to its flow scope when it completes: the output collection, in input order. */
export function bodyOutput(run: Execution, element: FlowElement, body: Token): Variables {
  const name = element.multiInstance!.outputCollection;
  if (!name) return {};
  const value = run.state.scopes[body.scopeId!]?.variables[name] ?? null;
  return { [name]: value as JsonValue };
}
