import { evaluate } from 'feelin';
import { feelEqual, feelType, isFeelContext, type FeelValue } from '../../../../engine/src/expressions/feel-values.js';

/**
 * Numbers agree when they differ by less than 1e-8, as the TCK's own reference runner compares them
 * (runners/dmn-tck-runner-drools, CompareValuesUtil.NUMBER_COMPARISON_PRECISION), or, for numbers so large
 * that a double cannot hold 1e-8, to within the double's own precision. Loket's numbers are IEEE-754 doubles
 * (feelin), where the DMN standard asks for 34-digit decimals.
 */
const ABSOLUTE_PRECISION = 1e-8;
const RELATIVE_PRECISION = 1e-15;

function sameNumber(a: number, b: number): boolean {
  if (a === b) return true;
  const difference = Math.abs(a - b);
  return difference < ABSOLUTE_PRECISION || difference <= RELATIVE_PRECISION * Math.max(Math.abs(a), Math.abs(b));
}

/** Whether an actual result is the TCK's expected one: the same FEEL type, and equal in FEEL (numbers as above). */
export function sameResult(expected: FeelValue, actual: FeelValue): boolean {
  if (expected === null || expected === undefined) return actual === null || actual === undefined;
  const type = feelType(expected);
  if (type !== feelType(actual)) return false;
  switch (type) {
    case 'number':
      return sameNumber(expected as number, actual as number);
    case 'list': {
      const x = expected as FeelValue[];
      const y = actual as FeelValue[];
      return x.length === y.length && x.every((v, i) => sameResult(v, y[i]));
    }
    case 'context': {
      if (!isFeelContext(expected) || !isFeelContext(actual)) return false;
      const keys = Object.keys(expected);
      return keys.length === Object.keys(actual).length && keys.every((k) => k in actual && sameResult(expected[k], actual[k]));
    }
    case 'date and time':
    case 'time':
      // The same instant written with another offset notation (Z, +00:00) is the same value.
      return feelEqual(expected, actual) || evaluate('a = b', { a: expected, b: actual }).value === true;
    default:
      return feelEqual(expected, actual);
  }
}

/** A FEEL value as the TCK would write it, for the failure report. */
export function show(value: FeelValue): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (isFeelContext(value)) return `{${Object.entries(value).map(([k, v]) => `${k}: ${show(v)}`).join(', ')}}`;
  const type = feelType(value);
  if (type === 'number' || type === 'boolean') return String(value);
  return `${type}("${String(value)}")`;
}
