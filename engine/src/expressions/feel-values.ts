import { FeelDate, FeelDateTime, FeelDuration, FeelTime, isFunction, isRange, parseDate, parseDateTime, parseTime, duration } from 'feelin';

/** A value as FEEL has it: JSON values plus feelin's dates, times, durations, ranges and functions. */
export type FeelValue = unknown;

/** The FEEL type of a value, named as in the DMN specification (`instance of`). */
export type FeelTypeName =
  | 'Null'
  | 'number'
  | 'string'
  | 'boolean'
  | 'date'
  | 'time'
  | 'date and time'
  | 'days and time duration'
  | 'years and months duration'
  | 'list'
  | 'context'
  | 'range'
  | 'function'
  | 'unknown';

export function isFeelContext(value: FeelValue): value is Record<string, FeelValue> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function feelType(value: FeelValue): FeelTypeName {
  if (value === null || value === undefined) return 'Null';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'list';
  if (value instanceof FeelDate) return 'date';
  if (value instanceof FeelTime) return 'time';
  if (value instanceof FeelDateTime) return 'date and time';
  if (value instanceof FeelDuration) return value.yearsMonths ? 'years and months duration' : 'days and time duration';
  if (isRange(value)) return 'range';
  if (isFunction(value) || typeof value === 'function') return 'function';
  if (isFeelContext(value)) return 'context';
  return 'unknown';
}

/**
 * Reads a text as the temporal FEEL type named, the way a JSON client sends a date: "2026-03-01" for a date,
 * "P1Y2M" for a duration. Undefined when the text is not one.
 */
export function parseTemporal(text: string, type: 'date' | 'time' | 'date and time' | 'days and time duration' | 'years and months duration'): FeelValue | undefined {
  let value: FeelValue = null;
  switch (type) {
    case 'date':
      value = /^-?\d{4,}-\d{2}-\d{2}$/.test(text) ? parseDate(text) : null;
      break;
    case 'time':
      value = parseTime(text);
      break;
    case 'date and time':
      value = text.includes('T') ? parseDateTime(text) : null;
      break;
    case 'days and time duration':
    case 'years and months duration':
      value = /^-?P/.test(text) ? duration(text) : null;
      if (value !== null && feelType(value) !== type) value = null;
      break;
  }
  return value === null ? undefined : value;
}

/**
 * FEEL equality (`=`) for two values already known to be comparable, deep over lists and contexts:
 * dates and times by their instant or wall clock, durations by their length.
 */
export function feelEqual(a: FeelValue, b: FeelValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  const type = feelType(a);
  if (type !== feelType(b)) return false;
  switch (type) {
    case 'list': {
      const x = a as FeelValue[];
      const y = b as FeelValue[];
      return x.length === y.length && x.every((v, i) => feelEqual(v, y[i]));
    }
    case 'context': {
      const x = a as Record<string, FeelValue>;
      const y = b as Record<string, FeelValue>;
      const keys = Object.keys(x);
      return keys.length === Object.keys(y).length && keys.every((k) => k in y && feelEqual(x[k], y[k]));
    }
    case 'date':
    case 'time':
    case 'date and time':
      return (a as { iso: string }).iso === (b as { iso: string }).iso;
    case 'days and time duration':
    case 'years and months duration':
      return durationLength(a as FeelDuration) === durationLength(b as FeelDuration);
    default:
      return false;
  }
}

/** Months for a years-and-months duration, seconds for a days-and-time one. */
export function durationLength(value: FeelDuration): number {
  const d = value.value;
  if (value.yearsMonths) return d.years * 12 + d.months;
  return d.days * 86400 + d.hours * 3600 + d.minutes * 60 + d.seconds + d.milliseconds / 1e3 + d.microseconds / 1e6 + d.nanoseconds / 1e9;
}
