import type { Variables } from '../expressions/feel.js';
import type { BoundaryEventElement, EventDefinition, EventSubProcessElement, StartEventElement } from '../model/types.js';
import type { Execution } from './execution.js';
import { closeSubscriptions } from './subscriptions.js';
import type { Token } from './types.js';

type Thrown = { type: 'error'; code: string; message?: string } | { type: 'escalation'; code: string };

type Catcher =
  | { via: 'boundary'; host: Token; boundary: BoundaryEventElement }
  | { via: 'event-subprocess'; scopeId: string; eventSubProcess: EventSubProcessElement; start: StartEventElement };

/**
 * Throws a BPMN error from an element instance: the nearest matching catch wins, going outwards from the
 * thrower: its own boundary events, then per enclosing scope its event subprocesses and the boundary events
 * of the subprocess itself. A called case hands an uncaught error to its parent; else it is an incident.
 */
export function throwError(run: Execution, thrower: Token, code: string, message?: string, variables: Variables = {}): void {
  run.history('error-thrown', run.element(thrower.elementId), { data: { errorCode: code, ...(message ? { message } : {}) } });
  const catcher = findCatcher(run, thrower, { type: 'error', code, ...(message ? { message } : {}) });
  if (catcher) return catchBy(run, catcher, true, variables);
  if (run.state.parent) {
    run.effects.push({ type: 'parent-notified', parent: run.state.parent, outcome: { type: 'error', errorCode: code, ...(message ? { message } : {}) } });
    for (const token of run.children(run.state.id)) run.terminate(token);
    closeSubscriptions(run, () => true);
    run.state.status = 'terminated';
    run.history('instance-terminated', null, { data: { errorCode: code } });
    return;
  }
  const why = message ? ` (${message})` : '';
  run.raiseIncident(thrower, `the error "${code}"${why} is not caught by any boundary event or event subprocess`, 'activate');
}

/**
 * Throws an escalation. Unlike an error, an uncaught escalation is no fault: the thrower goes on. A
 * non-interrupting catch lets the thrower go on too; an interrupting one ends the scope it sits in.
 */
export function throwEscalation(run: Execution, thrower: Token, code: string): void {
  const catcher = findCatcher(run, thrower, { type: 'escalation', code });
  run.history('escalation-thrown', run.element(thrower.elementId), { data: { escalationCode: code, caught: catcher !== undefined } });
  if (catcher) {
    const interrupting = catcher.via === 'boundary' ? catcher.boundary.interrupting : catcher.start.interrupting;
    catchBy(run, catcher, interrupting, {});
  }
}

function findCatcher(run: Execution, thrower: Token, thrown: Thrown): Catcher | undefined {
  const activeEventSubProcesses = new Set<string>();
  let level: Token | undefined = thrower;
  while (level) {
    const element = run.element(level.elementId);
    // The boundary events of a multi-instance activity sit on its body, not on each inner instance.
    if (level.loopCounter === undefined) {
      const boundary = pick(element.boundaryEventIds.map((id) => run.element(id) as BoundaryEventElement), thrown);
      if (boundary) return { via: 'boundary', host: level, boundary };
    }
    if (element.kind === 'eventSubProcess') activeEventSubProcesses.add(element.id);
    const scopeId: string = level.parentScopeId;
    const container = scopeId === run.state.id ? undefined : run.token(scopeId);
    const containerElement = container ? run.element(container.elementId) : undefined;
    const eventSubProcessIds = container
      ? container.body || !containerElement || !('eventSubProcessIds' in containerElement) ? [] : containerElement.eventSubProcessIds
      : run.model.eventSubProcessIds;
    const candidates = eventSubProcessIds
      .filter((id) => !activeEventSubProcesses.has(id))
      .map((id) => run.element(id) as EventSubProcessElement)
      .map((eventSubProcess) => ({ eventSubProcess, start: run.element(eventSubProcess.startEventId) as StartEventElement }));
    const found = pick(candidates.map((c) => ({ ...c, event: c.start.event })), thrown);
    if (found) return { via: 'event-subprocess', scopeId, eventSubProcess: found.eventSubProcess, start: found.start };
    level = container;
  }
  return undefined;
}

/** An exact code match wins over a catch-all at the same level. */
function pick<T extends { event: EventDefinition }>(candidates: T[], thrown: Thrown): T | undefined {
  const matching = candidates.filter((candidate) => candidate.event.type === thrown.type);
  const codeOf = (candidate: T) => {
    const event = candidate.event;
    return event.type === 'error' ? event.errorCode : event.type === 'escalation' ? event.escalationCode : undefined;
  };
  return matching.find((candidate) => codeOf(candidate) === thrown.code) ?? matching.find((candidate) => codeOf(candidate) === undefined);
}

function catchBy(run: Execution, catcher: Catcher, interrupting: boolean, variables: Variables): void {
  if (catcher.via === 'boundary') return leaveByBoundary(run, catcher.boundary, catcher.host, interrupting, variables);
  if (interrupting) interruptScope(run, catcher.scopeId);
  startEventSubProcess(run, catcher.eventSubProcess, catcher.scopeId, variables);
}

/** A boundary event caught something: an interrupting one ends its activity first; a token leaves by its flows. */
export function leaveByBoundary(run: Execution, boundary: BoundaryEventElement, host: Token, interrupting: boolean, variables: Variables): void {
  if (interrupting) run.terminate(host);
  const token: Token = { id: run.nextId(), elementId: boundary.id, parentScopeId: host.parentScopeId, state: 'waiting' };
  run.history('element-activated', boundary);
  run.setVariables(token, variables);
  run.leave(token);
}

/** An interrupting event subprocess starts: everything else in its scope ends, and so do the scope's other event subprocess starts. */
export function interruptScope(run: Execution, scopeId: string): void {
  for (const child of run.children(scopeId)) run.terminate(child);
  run.dropArrivals(scopeId);
  closeSubscriptions(run, (s) => s.ownerId === scopeId && run.element(s.elementId).kind === 'startEvent');
}

/** Creates an event subprocess instance in a scope and lets its start event go. */
export function startEventSubProcess(run: Execution, eventSubProcess: EventSubProcessElement, scopeId: string, variables: Variables): void {
  const token: Token = { id: run.nextId(), elementId: eventSubProcess.id, parentScopeId: scopeId, state: 'waiting' };
  run.history('element-activated', eventSubProcess);
  run.ensureScope(token);
  run.wait(token);
  run.schedule({ elementId: eventSubProcess.startEventId, parentScopeId: token.id, trigger: variables });
}
