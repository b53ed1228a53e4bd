import { isAnyInput, type JsonValue } from '../expressions/feel.js';
import { parseUnaryTests } from 'feelin';
import { memoByText } from '../expressions/memo.js';

type SyntaxNode = ReturnType<typeof parseUnaryTests>['topNode'];

/** How a unary test reads in a sentence about an input: "leeftijd (17) <held>" and "omdat leeftijd (17) <failed>". */
export interface TestWords {
  held: string;
  failed: string;
}

/** A value as it reads in a Dutch letter: strings in quotes, booleans as ja/nee. */
export function formatValue(value: JsonValue): string {
  if (value === null) return 'leeg';
  if (typeof value === 'string') return `„${value}”`;
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'geen' : joinWords(value.map(formatValue), 'en');
  return Object.entries(value).map(([k, v]) => `${k} ${formatValue(v)}`).join(', ');
}

/** "a", "a en b", "a, b en c". */
export function joinWords(parts: string[], conjunction: 'en' | 'of'): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${conjunction} ${parts[parts.length - 1]}`;
}

function children(node: SyntaxNode): SyntaxNode[] {
  const result: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) result.push(child);
  return result;
}

/** A literal endpoint in words, or undefined when it is not a plain literal (then the test is not put in words). */
function literal(node: SyntaxNode, text: string): string | undefined {
  const source = text.slice(node.from, node.to);
  switch (node.type.name) {
    case 'StringLiteral':
      return `„${source.slice(1, -1)}”`;
    case 'NumericLiteral':
      return source;
    case 'null':
      return 'leeg';
    default:
      return undefined;
  }
}

const COMPARISON_WORDS: Record<string, string> = { '<': 'minder dan', '<=': 'hoogstens', '>': 'meer dan', '>=': 'minstens', '=': '' };

/** One positive unary test as the complement of "is", e.g. "minstens 10", or undefined. */
function complement(test: SyntaxNode, text: string): string | undefined {
  const [node] = children(test);
  if (!node) return undefined;
  if (node.type.name !== 'SimplePositiveUnaryTest') return literal(node, text);
  const parts = children(node);
  const [first, second] = parts;
  if (first?.type.name === 'CompareOp' && second && parts.length === 2) {
    const words = COMPARISON_WORDS[text.slice(first.from, first.to)];
    const value = literal(second, text);
    return words === undefined || value === undefined ? undefined : `${words} ${value}`.trim();
  }
  if (first?.type.name === 'Interval') {
    const bounds = children(first);
    if (bounds.length !== 5) return undefined;
    const low = literal(bounds[1]!, text);
    const high = literal(bounds[3]!, text);
    if (low === undefined || high === undefined) return undefined;
    const lowIncluded = text.slice(bounds[0]!.from, bounds[0]!.to) === '[';
    const highIncluded = text.slice(bounds[4]!.from, bounds[4]!.to) === ']';
    if (lowIncluded && highIncluded) return `van ${low} tot en met ${high}`;
    return `${lowIncluded ? 'minstens' : 'meer dan'} ${low} en ${highIncluded ? 'hoogstens' : 'minder dan'} ${high}`;
  }
  return undefined;
}

function booleanTests(tests: SyntaxNode[], text: string): boolean | undefined {
  const [only] = tests;
  if (tests.length !== 1 || !only) return undefined;
  const [node] = children(only);
  if (node?.type.name !== 'BooleanLiteral') return undefined;
  return text.slice(node.from, node.to) === 'true';
}

/** The positive tests of a cell, the node of `not(...)` when negated, or undefined for anything else. */
function positiveTests(top: SyntaxNode): { tests: SyntaxNode[]; negated: boolean } | undefined {
  const parts = children(top);
  const negated = parts[0]?.type.name === 'not';
  const list = parts.find((p) => p.type.name === 'PositiveUnaryTests');
  if (!list) return undefined;
  return { tests: children(list).filter((c) => c.type.name === 'PositiveUnaryTest'), negated };
}

/** Puts a decision table cell in Dutch words where it is a common form, else "voldoet aan <test>". The same cell always reads the same, so each is worded once. */
export const testInWords = memoByText(wordTest);

function wordTest(test: string): TestWords | 'any' {
  if (isAnyInput(test)) return 'any';
  const fallback: TestWords = { held: `voldoet aan ${test.trim()}`, failed: `niet voldoet aan ${test.trim()}` };
  const parsed = positiveTests(parseUnaryTests(test, {}, undefined).topNode);
  if (!parsed || parsed.tests.length === 0) return fallback;

  const truth = booleanTests(parsed.tests, test);
  if (truth !== undefined) {
    const isTrue = truth !== parsed.negated;
    return isTrue ? { held: 'is waar', failed: 'niet waar is' } : { held: 'is niet waar', failed: 'wel waar is' };
  }
  const complements = parsed.tests.map((t) => complement(t, test));
  if (complements.some((c) => c === undefined)) return fallback;
  const words = joinWords(complements as string[], 'of');
  if (parsed.negated) {
    const neither = complements.length > 1 ? `noch ${(complements as string[]).join(' noch ')}` : `niet ${words}`;
    return { held: `is ${neither}`, failed: `wel ${words} is` };
  }
  return { held: `is ${words}`, failed: `niet ${words} is` };
}
