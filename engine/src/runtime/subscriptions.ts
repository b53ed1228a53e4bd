import { FeelError, type JsonValue, type Variables } from '../expressions/feel.js';
import type { BoundaryEventElement, EventDefinition, FlowElement, StartEventElement, ValueSource } from '../model/types.js';
import { firstDue, nextDueFrom, parseTimerSchedule, TimerError } from '../timers/index.js';
import type { Execution } from './execution.js';
import { CommandRejected, type Subscription, type Token } from './types.js';

const WAITING_EVENTS = new Set(['timer', 'message', 'signal']);

/**
 * Opens what an element instance waits for from outside, evaluating names, correlation keys and times in
 * `view`'s variables now (as Zeebe does when the subscription opens). A failure comes back for an incident.
 */
export function openSubscription(
  run: Execution,
  catching: FlowElement,
  event: EventDefinition,
  ownerId: string,
  view: Token,
  interrupting: boolean,
): FeelError | undefined {
  const base = { id: run.nextId(), elementId: catching.id, ownerId, interrupting };
  switch (event.type) {
    case 'timer': {
      const text = textOf(run, view, event.source, `the timer of ${catching.id}`);
      if (text instanceof FeelError) return text;
      try {
        const schedule = parseTimerSchedule(event.timerKind, text);
        const dueAt = firstDue(schedule, run.now);
        if (dueAt !== null) add(run, { ...base, kind: 'timer', dueAt, schedule, fired: 0 });
      } catch (err) {
        if (err instanceof TimerError) return new FeelError(`the timer of ${catching.id}: ${err.message}`, text);
        throw err;
      }
      return undefined;
    }
    case 'message': {
      const name = textOf(run, view, event.messageName, `the message name of ${catching.id}`);
      if (name instanceof FeelError) return name;
      const key = run.evaluate(view, event.correlationKey ?? 'null', `the correlation key of ${catching.id}`);
      if (key instanceof FeelError) return key;
      if (typeof key !== 'string' && typeof key !== 'number') {
        return new FeelError(`the correlation key of ${catching.id} ("${event.correlationKey}") is ${JSON.stringify(key)}, not a text or number`, event.correlationKey ?? '');
      }
      add(run, { ...base, kind: 'message', name, correlationKey: String(key) });
      return undefined;
    }
    case 'signal': {
      const name = textOf(run, view, event.signalName, `the signal name of ${catching.id}`);
      if (name instanceof FeelError) return name;
      add(run, { ...base, kind: 'signal', name });
      return undefined;
    }
    default:
      return undefined;
  }
}

function add(run: Execution, subscription: Subscription): void {
  run.state.subscriptions.push(subscription);
  run.effects.push({ type: 'subscription-opened', subscription });
}

function textOf(run: Execution, view: Token, source: ValueSource, what: string): string | FeelError {
  if (source.kind === 'literal') return source.value;
  const value = run.evaluate(view, source.expression, what);
  if (value instanceof FeelError) return value;
  if (typeof value !== 'string' || value.trim() === '') {
    return new FeelError(`${what} ("${source.expression}") gave ${JSON.stringify(value)} instead of a text`, source.expression);
  }
  return value;
}

/**
 * Opens the subscriptions of one element instance all or none, as Zeebe does: when one fails (an incident
 * follows), those opened before it are taken back, so nothing fires for an element that did not activate.
 */
export function openAllOrNone(run: Execution, opens: Iterable<() => FeelError | undefined>): FeelError | undefined {
  const mark = run.state.subscriptions.length;
  const effectsMark = run.effects.length;
  for (const open of opens) {
    const failed = open();
    if (!failed) continue;
    const opened = new Set(run.state.subscriptions.slice(mark).map((subscription) => subscription.id));
    run.state.subscriptions = run.state.subscriptions.filter((subscription) => !opened.has(subscription.id));
    for (let i = run.effects.length - 1; i >= effectsMark; i--) {
      const effect = run.effects[i]!;
      if (effect.type === 'subscription-opened' && opened.has(effect.subscription.id)) run.effects.splice(i, 1);
    }
    return failed;
  }
  return undefined;
}

/** The boundary events of an activity that wait (timer, message, signal); errors and escalations are found when thrown. */
export function openBoundarySubscriptions(run: Execution, activity: FlowElement, token: Token): FeelError | undefined {
  const boundaries = activity.boundaryEventIds
    .map((id) => run.element(id))
    .filter((boundary) => boundary.kind === 'boundaryEvent' && WAITING_EVENTS.has(boundary.event.type)) as BoundaryEventElement[];
  return openAllOrNone(
    run,
    boundaries.map((boundary) => () => openSubscription(run, boundary, boundary.event, token.id, token, boundary.interrupting)),
  );
}

/** The start events of the event subprocesses of a scope that wait (timer, message, signal). */
export function openEventSubProcessSubscriptions(run: Execution, eventSubProcessIds: readonly string[], scopeId: string, view: Token): FeelError | undefined {
  const starts = eventSubProcessIds
    .map((id) => run.element(id))
    .flatMap((eventSubProcess) => (eventSubProcess.kind === 'eventSubProcess' ? [run.element(eventSubProcess.startEventId)] : []))
    .filter((start) => start.kind === 'startEvent' && WAITING_EVENTS.has(start.event.type)) as StartEventElement[];
  return openAllOrNone(
    run,
    starts.map((start) => () => openSubscription(run, start, start.event, scopeId, view, start.interrupting)),
  );
}

export function closeSubscriptions(run: Execution, which: (subscription: Subscription) => boolean): void {
  const closing = run.state.subscriptions.filter(which);
  if (closing.length === 0) return;
  run.state.subscriptions = run.state.subscriptions.filter((subscription) => !which(subscription));
  for (const subscription of closing) run.effects.push({ type: 'subscription-closed', subscriptionId: subscription.id, kind: subscription.kind });
}

/**
 * A subscription's event happened. It stays open only when it can happen again (a non-interrupting message
 * or signal); a non-interrupting timer cycle is re-opened for its next time. Then the catching element acts.
 */
export function trigger(run: Execution, subscriptionId: string, variables: Variables): void {
  const subscription = run.state.subscriptions.find((candidate) => candidate.id === subscriptionId);
  if (!subscription) throw new CommandRejected('conflict', `the case no longer waits for this event (${subscriptionId})`);
  const catching = run.element(subscription.elementId);
  const historyType = subscription.kind === 'timer' ? 'timer-fired' : subscription.kind === 'message' ? 'message-correlated' : 'signal-received';
  const data: { [key: string]: JsonValue } = { subscriptionId };
  if (subscription.name !== undefined) data.name = subscription.name;
  if (subscription.correlationKey !== undefined) data.correlationKey = subscription.correlationKey;
  if (subscription.dueAt !== undefined) data.dueAt = subscription.dueAt;
  run.history(historyType, catching, { data });
  const repeats = !subscription.interrupting && subscription.kind !== 'timer';
  if (!repeats) closeSubscriptions(run, (candidate) => candidate.id === subscription.id);
  if (subscription.kind === 'timer' && !subscription.interrupting) reopenCycle(run, subscription);
  const behavior = run.behaviorOf(catching);
  if (!behavior.triggered) throw new Error(`${catching.kind} ${catching.id} cannot be triggered`);
  behavior.triggered(run, catching, subscription, variables);
}

function reopenCycle(run: Execution, fired: Subscription): void {
  if (!fired.schedule || !fired.dueAt) return;
  const next = nextDueFrom(fired.schedule, fired.dueAt, (fired.fired ?? 0) + 1, run.now);
  if (next) add(run, { ...fired, id: run.nextId(), dueAt: next.dueAt, fired: next.fired });
}
