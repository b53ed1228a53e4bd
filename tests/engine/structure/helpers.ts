import type { Command, Effect, OpenedJob, Token, Variables } from '../../../engine/src/index.js';
import { escapeXml, type TestCase } from '../helpers.js';

/** Sends a command and returns only the effects of that step. */
export function effectsOf(c: TestCase, command: Command): Effect[] {
  const before = c.effects.length;
  c.send(command);
  return c.effects.slice(before);
}

export function effectsOfType<T extends Effect['type']>(effects: readonly Effect[], type: T): Extract<Effect, { type: T }>[] {
  return effects.filter((effect): effect is Extract<Effect, { type: T }> => effect.type === type);
}

/** The jobs the case has created and not closed yet, in the order they were created. */
export function openJobs(c: TestCase): OpenedJob[] {
  const open = new Map<string, OpenedJob>();
  for (const effect of c.effects) {
    if (effect.type === 'job-created') open.set(effect.job.id, effect.job);
    if (effect.type === 'job-closed') open.delete(effect.jobId);
  }
  return [...open.values()];
}

/** The one open job at an element; fails loudly otherwise. */
export function jobAt(c: TestCase, elementId: string): OpenedJob {
  const found = openJobs(c).filter((job) => job.elementId === elementId);
  if (found.length !== 1) throw new Error(`expected one open job at ${elementId}, found ${found.length}`);
  return found[0]!;
}

export function completeJobAt(c: TestCase, elementId: string, variables: Variables = {}): Effect[] {
  return effectsOf(c, { type: 'complete-job', jobId: jobAt(c, elementId).id, variables });
}

export function tokensAt(c: TestCase, elementId: string): Token[] {
  return c.state!.tokens.filter((token) => token.elementId === elementId);
}

/** The local variables of a token's own scope. */
export function localVariables(c: TestCase, token: Token): Variables {
  if (!token.scopeId) throw new Error(`token ${token.id} at ${token.elementId} has no scope of its own`);
  return c.state!.scopes[token.scopeId]!.variables;
}

/** How often an element completed (as an element, or as a multi-instance body). */
export function timesCompleted(c: TestCase, elementId: string): number {
  return c.completedElements().filter((id) => id === elementId).length;
}

/** `<zeebe:ioMapping>` with inputs and outputs given as [source, target] pairs. */
export function ioMapping({ inputs = [], outputs = [] }: { inputs?: [string, string][]; outputs?: [string, string][] }): string {
  const one = (kind: 'input' | 'output', [source, target]: [string, string]) =>
    `<zeebe:${kind} source="${escapeXml(source)}" target="${target}"/>`;
  return `<zeebe:ioMapping>${inputs.map((m) => one('input', m)).join('')}${outputs.map((m) => one('output', m)).join('')}</zeebe:ioMapping>`;
}

export function extensions(...items: string[]): string {
  return `<bpmn:extensionElements>${items.join('')}</bpmn:extensionElements>`;
}

/** `<zeebe:taskDefinition>` (with `<zeebe:taskHeaders>` when headers are given). */
export function taskDefinition(type: string, { retries, headers }: { retries?: string; headers?: Record<string, string> } = {}): string {
  const header = Object.entries(headers ?? {})
    .map(([key, value]) => `<zeebe:header key="${key}" value="${escapeXml(value)}"/>`)
    .join('');
  return `<zeebe:taskDefinition type="${escapeXml(type)}"${retries ? ` retries="${escapeXml(retries)}"` : ''}/>${header ? `<zeebe:taskHeaders>${header}</zeebe:taskHeaders>` : ''}`;
}

export interface LoopSettings {
  inputCollection: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
  sequential?: boolean;
}

/** `<bpmn:multiInstanceLoopCharacteristics>` with its `<zeebe:loopCharacteristics>`. */
export function multiInstance(loop: LoopSettings): string {
  const attributes = (['inputCollection', 'inputElement', 'outputCollection', 'outputElement'] as const)
    .filter((key) => loop[key] !== undefined)
    .map((key) => `${key}="${escapeXml(loop[key]!)}"`)
    .join(' ');
  const condition = loop.completionCondition
    ? `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${escapeXml(loop.completionCondition)}</bpmn:completionCondition>`
    : '';
  return `<bpmn:multiInstanceLoopCharacteristics${loop.sequential ? ' isSequential="true"' : ''}>
    ${extensions(`<zeebe:loopCharacteristics ${attributes}/>`)}${condition}
  </bpmn:multiInstanceLoopCharacteristics>`;
}

/** A timer boundary event (duration) on an activity. */
export function timerBoundary(id: string, attachedTo: string, duration = 'PT1H', interrupting = true): string {
  return `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="${interrupting}">
    <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${duration}</bpmn:timeDuration></bpmn:timerEventDefinition>
  </bpmn:boundaryEvent>`;
}

/** Triggers the one open subscription at an element; returns that step's effects. */
export function fireAt(c: TestCase, elementId: string, variables?: Variables): Effect[] {
  const found = c.state!.subscriptions.filter((subscription) => subscription.elementId === elementId);
  if (found.length !== 1) throw new Error(`expected one open subscription at ${elementId}, found ${found.length}`);
  return effectsOf(c, { type: 'trigger', subscriptionId: found[0]!.id, ...(variables ? { variables } : {}) });
}
