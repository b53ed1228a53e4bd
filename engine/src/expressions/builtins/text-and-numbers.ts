import { FeelFunction } from 'feelin';
import type { FeelValue } from '../feel-values.js';
import { compileXPathRegex } from './xpath-regex.js';

/*
 * Corrections of feelin's string and number built-ins (DMN 1.4, 10.3.4.3 and 10.3.4.5). Each gives null for
 * arguments of the wrong type, as FEEL's built-ins do.
 */

/** Flags may be left out or null; anything else than a string is invalid (undefined). */
function flagsOf(flags: FeelValue): string | undefined {
  if (flags === undefined || flags === null) return '';
  return typeof flags === 'string' ? flags : undefined;
}

/**
 * matches(input, pattern, flags?): whether some part of input matches the XPath regular expression.
 * feelin hands the pattern to JS RegExp unchanged and does not know the x and q flags.
 */
function matches(input: FeelValue, pattern: FeelValue, flags: FeelValue): boolean | null {
  const f = flagsOf(flags);
  if (typeof input !== 'string' || typeof pattern !== 'string' || f === undefined) return null;
  const regex = compileXPathRegex(pattern, f);
  return regex === null ? null : regex.regexp.test(input);
}

type ReplacementPart = string | number;

/**
 * The replacement of fn:replace: $N is captured group N (XPath's rule for more digits than groups), \$ and \\
 * are a dollar and a backslash; any other backslash or a $ without digit makes it invalid (null).
 */
function parseReplacement(replacement: string, groups: number): ReplacementPart[] | null {
  const parts: ReplacementPart[] = [];
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === '\\') {
      const next = replacement[++i];
      if (next !== '\\' && next !== '$') return null;
      parts.push(next);
    } else if (c === '$') {
      let digits = /^[0-9]*/.exec(replacement.slice(i + 1))![0];
      if (digits === '') return null;
      i += digits.length;
      let trailing = '';
      // A number above both 9 and the group count loses its last digit, which is then literal text.
      while (Number(digits) > 9 && Number(digits) > groups) {
        trailing = digits.slice(-1) + trailing;
        digits = digits.slice(0, -1);
      }
      parts.push(Number(digits), trailing);
    } else parts.push(c);
  }
  return parts;
}

/** replace(input, pattern, replacement, flags?): XPath's fn:replace. */
function replace(input: FeelValue, pattern: FeelValue, replacement: FeelValue, flags: FeelValue): string | null {
  const f = flagsOf(flags);
  if (typeof input !== 'string' || typeof pattern !== 'string' || typeof replacement !== 'string' || f === undefined) return null;
  const regex = compileXPathRegex(pattern, f, true);
  if (regex === null) return null;
  // XPath forbids a pattern that matches the empty string (err:FORX0003): it would replace between all characters.
  if (new RegExp(regex.regexp.source, regex.regexp.flags.replace('g', '')).test('')) return null;
  const parts = parseReplacement(replacement, regex.groups);
  if (parts === null) return null;
  return input.replace(regex.regexp, (match: string, ...rest: unknown[]) => {
    const captured = rest.slice(0, regex.groups) as (string | undefined)[];
    return parts
      .map((p) => (typeof p === 'string' ? p : p === 0 ? match : (captured[p - 1] ?? '')))
      .join('');
  });
}

type Rounding = 'up' | 'down' | 'half up' | 'half down' | 'half even' | 'floor' | 'ceiling';

/** FEEL's range of a scale (DMN 1.4, 10.3.4.5). */
const MIN_SCALE = -6111;
const MAX_SCALE = 6176;

/**
 * n rounded to `scale` digits after the decimal point. The digits are those of the shortest decimal that gives
 * the double n (its toExponential()), so round up(1.1, 1) is 1.1 and not 1.2 as with Math.ceil(1.1 * 10) / 10.
 */
function roundDecimal(n: number, scale: number, mode: Rounding): number {
  if (n === 0 || !Number.isFinite(n)) return n;
  const negative = n < 0;
  const [mantissa, exponent] = Math.abs(n).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const kept = Number(exponent) + scale + 1; // how many digits stand at or above 10^-scale
  if (kept >= digits.length) return n;
  const head = kept > 0 ? digits.slice(0, kept) : '0';
  // The dropped digits; they end in a non-zero digit, since toExponential() gives no trailing zeros.
  const tail = kept >= 0 ? digits.slice(kept) : '0'.repeat(-kept) + digits;
  let away: boolean;
  if (mode === 'up' || mode === 'down') away = mode === 'up';
  else if (mode === 'floor' || mode === 'ceiling') away = negative === (mode === 'floor');
  else if (tail[0] !== '5' || tail.length > 1) away = tail > '5';
  else away = mode === 'half up' || (mode === 'half even' && Number(head.slice(-1)) % 2 === 1);
  const result = Number(`${negative ? '-' : ''}${BigInt(head) + (away ? 1n : 0n)}e${-scale}`);
  // -0 is no FEEL number, and a result beyond the doubles (e.g. scale -400) cannot be given.
  return result === 0 ? 0 : result;
}

/** A rounding built-in; `defaultScale` for floor and ceiling, whose scale may be left out. */
function rounding(mode: Rounding, defaultScale?: number): FeelFunction {
  return new FeelFunction((n: FeelValue, scale: FeelValue = defaultScale) => {
    if (typeof n !== 'number' || typeof scale !== 'number' || !Number.isFinite(scale)) return null;
    // A scale with a fraction is truncated, as the TCK expects (decimal(1/3, 2.5) = 0.33).
    const s = Math.trunc(scale);
    if (s < MIN_SCALE || s > MAX_SCALE) return null;
    const result = roundDecimal(n, s, mode);
    return Number.isFinite(result) ? result : null;
  }, ['n', 'scale']);
}

/** Corrections of feelin's string and number built-ins. */
export const TEXT_AND_NUMBER_BUILTINS: Record<string, FeelValue> = {
  matches: new FeelFunction(matches, ['input', 'pattern', 'flags']),
  replace: new FeelFunction(replace, ['input', 'pattern', 'replacement', 'flags']),
  decimal: rounding('half even'),
  'round up': rounding('up'),
  'round down': rounding('down'),
  'round half up': rounding('half up'),
  'round half down': rounding('half down'),
  floor: rounding('floor', 0),
  ceiling: rounding('ceiling', 0),
};
