import type { Command, Effect, HistoryEvent, Subscription, Variables } from '../../../engine/src/index.js';
import { escapeXml, type TestCase } from '../helpers.js';

/** A timer event definition: timeDuration, timeDate or timeCycle with the given (possibly '=FEEL') text. */
export function timer(kind: 'timeDuration' | 'timeDate' | 'timeCycle', text: string): string {
  return `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${escapeXml(text)}</bpmn:${kind}></bpmn:timerEventDefinition>`;
}

/** A root-level message with an optional correlation key, for `bpmn(body, { rootElements })`. */
export function message(id: string, name: string, correlationKey?: string): string {
  const subscription = correlationKey
    ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${escapeXml(correlationKey)}"/></bpmn:extensionElements>`
    : '';
  return `<bpmn:message id="${id}" name="${escapeXml(name)}">${subscription}</bpmn:message>`;
}

/** The subscriptions the case waits on now, at the given catching element. */
export function openAt(c: TestCase, elementId: string): Subscription[] {
  return c.state!.subscriptions.filter((subscription) => subscription.elementId === elementId);
}

/** The one subscription the case waits on at the element; fails loudly otherwise. */
export function onlyAt(c: TestCase, elementId: string): Subscription {
  const found = openAt(c, elementId);
  if (found.length !== 1) throw new Error(`expected one open subscription at ${elementId}, found ${found.length}`);
  return found[0]!;
}

/** Sends a command and returns only the effects of that step. */
export function effectsOf(c: TestCase, command: Command): Effect[] {
  const before = c.effects.length;
  c.send(command);
  return c.effects.slice(before);
}

/** Triggers the one subscription at an element (timer due, message correlated, signal received); returns that step's effects. */
export function fire(c: TestCase, elementId: string, variables?: Variables): Effect[] {
  const { id } = onlyAt(c, elementId);
  return effectsOf(c, { type: 'trigger', subscriptionId: id, ...(variables ? { variables } : {}) });
}

export function openedSubscriptions(effects: readonly Effect[]): Subscription[] {
  return effects.flatMap((effect) => (effect.type === 'subscription-opened' ? [effect.subscription] : []));
}

export function closedSubscriptionIds(effects: readonly Effect[]): string[] {
  return effects.flatMap((effect) => (effect.type === 'subscription-closed' ? [effect.subscriptionId] : []));
}

export function historyIn(effects: readonly Effect[], type?: HistoryEvent['type']): HistoryEvent[] {
  return effects.flatMap((effect) => (effect.type === 'history' && (!type || effect.event.type === type) ? [effect.event] : []));
}

/** Element ids with a history event of this type, in order. */
export function elementsWith(c: TestCase, type: HistoryEvent['type']): string[] {
  return c.history().filter((event) => event.type === type).map((event) => event.elementId!);
}

/** Element ids of the tokens in the case, sorted (what is waiting or stuck). */
export function tokenElements(c: TestCase): string[] {
  return c.state!.tokens.map((token) => token.elementId).sort();
}
