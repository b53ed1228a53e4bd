import { evaluate, parseDate, parseDateTime, parseExpression, parseUnaryTests, unaryTest, isFunction, isRange } from 'feelin';
import { MAX_EXPRESSION_LENGTH } from './budget.js';
import { builtinsFor } from './builtins/index.js';
import { memoByText } from './memo.js';
import type { FeelValue } from './feel-values.js';

/** Variables as the engine keeps them: plain JSON values only. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type Variables = { [name: string]: JsonValue };

/** A FEEL text that could not be parsed or evaluated. The message is meant for a process owner. */
export class FeelError extends Error {
  constructor(message: string, readonly expression: string) {
    super(message);
    this.name = 'FeelError';
  }
}

export interface FeelResult {
  value: JsonValue;
  /** Warnings feelin raised, e.g. a variable that does not exist; the value is then usually null. */
  warnings: string[];
}

/** Camunda 8 marks an expression attribute with a leading '='; without it the attribute is a literal. */
export function isExpression(text: string): boolean {
  return text.trimStart().startsWith('=');
}

export function stripEquals(text: string): string {
  const trimmed = text.trimStart();
  return trimmed.startsWith('=') ? trimmed.slice(1) : text;
}

function syntaxProblem(tree: { iterate(spec: { enter(node: { type: { isError: boolean }; from: number }): void }): void }): number | null {
  let errorAt: number | null = null;
  tree.iterate({
    enter(node) {
      if (errorAt === null && node.type.isError) errorAt = node.from;
    },
  });
  return errorAt;
}

/** A text without any whitespace: FEEL names match across spacing ("Aantal  leden" is "Aantal leden"). */
const squeeze = memoByText((text) => text.replace(/\s+/g, ''));

/**
 * The entries of a context that a FEEL text can reach: those whose name occurs in it. feelin's parser does
 * work for every name it is given (names may hold spaces), so a table cell like "< 10" evaluated amid fifty
 * case variables is parsed against none of them. A name that does not occur cannot be referred to.
 */
export function reachableContext(text: string, context: Record<string, unknown>): Record<string, unknown> {
  const within = squeeze(text);
  const reachable: Record<string, unknown> = {};
  for (const name in context) if (name === '?' || within.includes(squeeze(name))) reachable[name] = context[name];
  return reachable;
}

function tooLong(text: string): string {
  return `the FEEL text "${text.slice(0, 40)}…" is ${text.length} characters long; Loket accepts at most ${MAX_EXPRESSION_LENGTH}`;
}

/** What is wrong with a FEEL expression: its description, and which of three problems it is. */
export interface ExpressionProblem {
  kind: 'empty' | 'too-long' | 'syntax';
  message: string;
  /** Of a syntax error: where it is, counted from 1. */
  position?: number;
}

/**
 * What is wrong with a FEEL expression, or null when it parses. `names` are the names the expression may
 * use: FEEL names can hold spaces and dots ("decision A 2.1"), so parsing needs them.
 */
export function expressionProblem(expression: string, names: Record<string, unknown> = {}): ExpressionProblem | null {
  if (expression.trim() === '') return { kind: 'empty', message: 'the expression is empty' };
  if (expression.length > MAX_EXPRESSION_LENGTH) return { kind: 'too-long', message: tooLong(expression) };
  const errorAt = syntaxProblem(parseExpression(expression, { ...builtinsFor(expression), ...names }, undefined));
  return errorAt === null ? null : { kind: 'syntax', message: `FEEL syntax error at position ${errorAt + 1} in "${expression}"`, position: errorAt + 1 };
}

/** The description of what is wrong with a FEEL expression (see expressionProblem), or null when it parses. */
export function checkExpression(expression: string, names: Record<string, unknown> = {}): string | null {
  return expressionProblem(expression, names)?.message ?? null;
}

/** Returns a description of the syntax error in FEEL unary tests (a decision table cell), or null. */
export function checkUnaryTests(tests: string, names: Record<string, unknown> = {}): string | null {
  if (isAnyInput(tests)) return null;
  if (tests.length > MAX_EXPRESSION_LENGTH) return tooLong(tests);
  const errorAt = syntaxProblem(parseUnaryTests(tests, { ...builtinsFor(tests), ...names }, undefined));
  if (errorAt !== null) return `FEEL syntax error at position ${errorAt + 1} in "${tests}"`;
  // Some texts parse but cannot be built into a test (e.g. "> > 3"); a trial run finds those now, not on a case.
  try {
    unaryTest(tests, { ...builtinsFor(tests), ...names, '?': null });
    return null;
  } catch (err) {
    return `"${tests}" is not a valid test: ${(err as Error).message}`;
  }
}

/** An empty cell and '-' both match any input. */
export function isAnyInput(tests: string): boolean {
  const t = tests.trim();
  return t === '' || t === '-';
}

/**
 * Evaluates a FEEL expression (without its leading '=') against variables and returns a JSON value.
 * `now` is the moment of the engine step: FEEL's now() and today() give it instead of the machine's clock,
 * so a case replays the same and a test can pin time.
 */
export function evaluateExpression(expression: string, variables: Variables, { now }: { now?: string } = {}): FeelResult {
  const clock = now === undefined ? {} : { now: () => parseDateTime(now), today: () => parseDate(now.slice(0, 10)) };
  const { value, warnings } = evaluateFeel(expression, { ...variables, ...clock });
  return { value: toJson(value), warnings };
}

/** FEEL's result as FEEL has it (dates stay dates), with the messages of what evaluated to null. */
export interface FeelOutcome {
  value: FeelValue;
  warnings: string[];
}

/**
 * Evaluates FEEL against a context of FEEL values, with Loket's corrections of feelin's built-in functions
 * (a context entry of the same name still wins, as FEEL scoping says). A syntax error throws FeelError.
 */
export function evaluateFeel(expression: string, context: Record<string, FeelValue>): FeelOutcome {
  const named = bareName(expression, context);
  if (named !== undefined) return { value: named, warnings: [] };
  try {
    const result = evaluate(expression, { ...builtinsFor(expression), ...reachableContext(expression, context) });
    return { value: result.value, warnings: result.warnings.map((w) => w.message) };
  } catch (err) {
    throw new FeelError(`cannot evaluate "${expression}": ${(err as Error).message}`, expression);
  }
}

/** Words FEEL reads as something other than a name. */
const FEEL_WORDS = new Set(['true', 'false', 'null', 'and', 'or', 'not', 'for', 'return', 'if', 'then', 'else', 'some', 'every', 'in', 'satisfies', 'between', 'instance', 'of', 'function', 'external']);
const SIMPLE_NAME = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;

/**
 * The value of an expression that is only the name of a variable holding a string, number or boolean
 * (`=afdeling`, `=goedgekeurd`: most conditions and assignments in real models); undefined for any other
 * expression. FEEL gives exactly that value, and parsing it with feelin on every step was the largest part of
 * a step's time in the engine (W2 of `npm run bench`).
 */
function bareName(expression: string, context: Record<string, FeelValue>): FeelValue | undefined {
  const name = SIMPLE_NAME.exec(expression)?.[1];
  if (name === undefined || FEEL_WORDS.has(name) || !Object.hasOwn(context, name)) return undefined;
  const value = context[name];
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) ? value : undefined;
}

/** Tests a FEEL value against unary tests (`?` is the value); null when the tests cannot be decided. */
export function testFeel(tests: string, input: FeelValue, context: Record<string, FeelValue>): boolean | null {
  if (isAnyInput(tests)) return true;
  try {
    return unaryTest(tests, { ...builtinsFor(tests), ...reachableContext(tests, context), '?': input }).value;
  } catch (err) {
    throw new FeelError(`cannot evaluate the test "${tests}": ${(err as Error).message}`, tests);
  }
}

/** Converts what feelin returns (dates, durations, ranges, functions) to plain JSON. */
export function toJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (isFunction(value) || isRange(value)) return null;
  if (typeof value === 'object') {
    const withJson = value as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === 'function') return toJson(withJson.toJSON());
    const out: { [key: string]: JsonValue } = {};
    for (const [key, v] of Object.entries(value)) out[key] = toJson(v);
    return out;
  }
  return null;
}
