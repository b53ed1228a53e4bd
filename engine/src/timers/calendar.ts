import { TimerError } from './errors.js';

// UTC calendar arithmetic on epoch milliseconds. Every helper works in UTC: the engine stores and
// compares instants in UTC, and only a zone id in a date text needs local time (see zones.ts).

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** The range of a JavaScript Date (±100,000,000 days around 1970). */
const MAX_INSTANT_MS = 8.64e15;

export interface UtcParts {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday … 6 = Saturday
}

/**
 * Epoch milliseconds of a UTC wall time. Fields may overflow (day 32, hour 24) and roll over,
 * which the cron matcher relies on. Unlike Date.UTC, years 0-99 are not taken as 1900-1999.
 */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}

export function utcParts(ms: number): UtcParts {
  const date = new Date(ms);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
    weekday: date.getUTCDay(),
  };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

/** Reads an instant the engine handed in (`now`, a previous due time); these are ISO 8601 strings. */
export function instantMs(instant: string, role: string): number {
  // Date.parse reads a date-time without zone as local time; only zoned texts are taken.
  const zoned = /^[+-]?\d{4,6}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)$/;
  const ms = typeof instant === 'string' && zoned.test(instant) ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(ms)) throw new TimerError(`${role} "${String(instant)}" is not an ISO 8601 instant such as 2026-01-01T10:00:00.000Z`);
  return ms;
}

/** The ISO 8601 UTC form of an instant, refusing results beyond what a Date can hold. */
export function isoInstant(ms: number, what: string): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_INSTANT_MS) {
    throw new TimerError(`${what} lies beyond the dates this engine can compute with`);
  }
  return new Date(ms).toISOString();
}
