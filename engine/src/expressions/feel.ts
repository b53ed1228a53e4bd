import { evaluate, parseDate, parseDateTime, parseExpression, parseUnaryTests, unaryTest, isFunction, isRange } from 'feelin';

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

/** Returns a description of the syntax error in a FEEL expression, or null when it parses. */
export function checkExpression(expression: string): string | null {
  if (expression.trim() === '') return 'the expression is empty';
  const errorAt = syntaxProblem(parseExpression(expression, {}, undefined));
  return errorAt === null ? null : `FEEL syntax error at position ${errorAt + 1} in "${expression}"`;
}

/** Returns a description of the syntax error in FEEL unary tests (a decision table cell), or null. */
export function checkUnaryTests(tests: string): string | null {
  if (isAnyInput(tests)) return null;
  const errorAt = syntaxProblem(parseUnaryTests(tests, {}, undefined));
  if (errorAt !== null) return `FEEL syntax error at position ${errorAt + 1} in "${tests}"`;
  // Some texts parse but cannot be built into a test (e.g. "> > 3"); a trial run finds those now, not on a case.
  try {
    unaryTest(tests, { '?': null });
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
  try {
    const result = evaluate(expression, { ...(variables as Record<string, unknown>), ...clock });
    return { value: toJson(result.value), warnings: result.warnings.map((w) => w.message) };
  } catch (err) {
    throw new FeelError(`cannot evaluate "${expression}": ${(err as Error).message}`, expression);
  }
}

/** Tests an input value against FEEL unary tests; null means the tests could not be decided. */
export function testUnary(tests: string, input: JsonValue, variables: Variables): boolean | null {
  if (isAnyInput(tests)) return true;
  try {
    const result = unaryTest(tests, { ...variables, '?': input } as Record<string, unknown>);
    return result.value;
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
