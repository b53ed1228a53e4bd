import { isoInstant } from './calendar.js';
import { readDateTime } from './date.js';
import { type Duration, isZeroDuration, readDuration } from './duration.js';
import { TimerError } from './errors.js';

export interface RepeatingInterval {
  /** How many times the timer fires; null: no limit. */
  repetitions: number | null;
  /** ISO 8601 UTC instant of the first firing; null: one interval after the subscription opens. */
  start: string | null;
  interval: Duration;
}

export function isRepeatingInterval(text: string): boolean {
  return /^R/i.test(text);
}

/**
 * Reads an ISO 8601 repeating interval as Zeebe supports it: R[n]/[start/]duration, such as
 * R5/PT10S, R/PT1H or R3/2026-01-01T09:00:00Z/P1D. The start may hold a zone id with a slash
 * (…[Europe/Brussels]), so the repetitions end at the first slash and the interval starts after the last.
 */
export function parseRepeatingInterval(text: string): RepeatingInterval {
  function fail(problem: string): never {
    throw new TimerError(`timer cycle "${text}" ${problem}`);
  }
  const firstSlash = text.indexOf('/');
  const lastSlash = text.lastIndexOf('/');
  if (firstSlash < 0) fail('is not a repeating interval such as R5/PT10S, R/PT1H or R3/2026-01-01T09:00:00Z/P1D');

  const count = text.slice(1, firstSlash);
  if (!/^\d*$/.test(count)) fail(`has repetitions "R${count}"; write R with a whole number, such as R5, or R alone for no limit`);
  const repetitions = count === '' ? null : Number(count);
  if (repetitions !== null && !Number.isSafeInteger(repetitions)) fail(`has more repetitions than this engine can count`);

  let start: string | null = null;
  const startText = firstSlash === lastSlash ? '' : text.slice(firstSlash + 1, lastSlash);
  if (startText !== '') {
    const startMs = readDateTime(startText);
    if (typeof startMs === 'string') fail(`has start "${startText}" which ${startMs}`);
    start = isoInstant(startMs, `the start of timer cycle "${text}"`);
  }

  const intervalText = text.slice(lastSlash + 1);
  const interval = readDuration(intervalText);
  if (typeof interval === 'string') {
    const endDate = typeof readDateTime(intervalText) === 'number';
    fail(endDate
      ? `ends in a date "${intervalText}"; end the cycle with the interval between firings, such as P1D`
      : `has interval "${intervalText}" which ${interval}`);
  }
  // A zero interval would fire endlessly at one instant.
  if (isZeroDuration(interval)) fail(`has interval "${intervalText}" of length zero; the time between firings must be longer than zero`);
  return { repetitions, start, interval };
}
