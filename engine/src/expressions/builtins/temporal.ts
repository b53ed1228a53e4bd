import { FeelDate, FeelDateTime, FeelDuration, FeelFunction, FeelTime, duration as feelinDuration, evaluate } from 'feelin';
import type { FeelValue } from '../feel-values.js';
import { MAX_OFFSET_SECONDS, makeDate, makeTime, readDate, readDateTime, readTime, xsdText } from './temporal-lexical.js';

const given = (value: unknown): boolean => value !== undefined && value !== null;

/** date(from) for a string, date or date and time; date(year, month, day). DMN 1.3 §10.3.4.1. */
function date(year: unknown, month: unknown, day: unknown, from: unknown): FeelDate | null {
  if (typeof year === 'number' && typeof month === 'number' && typeof day === 'number' && !given(from)) {
    return makeDate(year, month, day);
  }
  // Positionally, date(x) puts its one argument in `year`.
  const value = given(from) && !given(year) ? from : year;
  if (given(month) || given(day) || (given(from) && given(year))) return null;
  if (typeof value === 'string') return readDate(value);
  if (value instanceof FeelDate) return value;
  if (value instanceof FeelDateTime) return new FeelDate(value.unwrap().toPlainDate());
  return null;
}

/** The seconds of a days and time duration used as a time offset; null beyond ±14:00 (XML Schema) or below a second. */
function offsetSeconds(offset: FeelDuration): number | null {
  if (offset.yearsMonths) return null;
  const { days, hours, minutes, seconds, milliseconds, microseconds, nanoseconds } = offset.unwrap();
  if (milliseconds || microseconds || nanoseconds) return null;
  const total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
  return Math.abs(total) <= MAX_OFFSET_SECONDS ? total : null;
}

/** feelin's zone for an offset in seconds: 'UTC' (written Z), "+02:00", or "+02:45:55" for sub-minute offsets. */
function offsetZone(total: number): string {
  if (total === 0) return 'UTC';
  const abs = Math.abs(total);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hhmm = `${total < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}`;
  return abs % 60 === 0 ? hhmm : `${hhmm}:${pad(abs % 60)}`;
}

/**
 * time(hour, minute, second, offset?): the second may have a fraction (feelin drops it), kept to the nanosecond;
 * the offset is a days and time duration within ±14:00.
 */
function timeOf(hour: number, minute: unknown, second: unknown, offset: unknown): FeelTime | null {
  if (typeof minute !== 'number' || typeof second !== 'number' || !Number.isInteger(hour) || !Number.isInteger(minute)) return null;
  if (!(second >= 0 && second < 60)) return null;
  let zone: string | null = null;
  if (given(offset)) {
    const total = offset instanceof FeelDuration ? offsetSeconds(offset) : null;
    if (total === null) return null;
    zone = offsetZone(total);
  }
  // toFixed(9) gives the decimal digits of the double to the nanosecond, without float noise such as 1.3 - 1.
  const [whole, fraction] = second.toFixed(9).split('.') as [string, string];
  const nanos = Number(fraction);
  const fields = { hour, minute, second: Number(whole), millisecond: Math.floor(nanos / 1e6), microsecond: Math.floor(nanos / 1e3) % 1000, nanosecond: nanos % 1000 };
  return makeTime(fields, zone);
}

/** time(from) for a string, time, date and time or date; time(hour, minute, second, offset?). */
function time(hour: unknown, minute: unknown, second: unknown, offset: unknown, from: unknown): FeelTime | null {
  if (typeof hour === 'number' && !given(from)) return timeOf(hour, minute, second, offset);
  const value = given(from) && !given(hour) ? from : hour;
  if (given(minute) || given(second) || given(offset) || (given(from) && given(hour))) return null;
  if (typeof value === 'string') return readTime(value);
  if (value instanceof FeelTime) return value;
  if (value instanceof FeelDateTime) return new FeelTime(value.unwrap().toPlainTime(), value.zone);
  // A date is at midnight UTC (DMN 1.3, time(from) of a date).
  if (value instanceof FeelDate) return readTime('00:00:00Z');
  return null;
}

/** date and time(from) for a string; date and time(date, time), where the time's zone (or none) is the result's. */
function dateAndTime(date: unknown, time: unknown, from: unknown): FeelDateTime | null {
  if (given(time)) {
    if (given(from) || !(time instanceof FeelTime)) return null;
    const day = dayOf(date);
    return day === null ? null : new FeelDateTime(day.toPlainDateTime(time.unwrap()), time.zone);
  }
  const value = given(from) && !given(date) ? from : date;
  if (given(from) && given(date)) return null;
  return typeof value === 'string' ? readDateTime(value) : null;
}

/**
 * duration(from): XML Schema writes seconds as "0.S" or ".5S" too (duSecondFrag), which Temporal refuses; they are
 * rewritten as "0S" and "0.5S" before feelin reads the duration. A number is not a duration string.
 */
function duration(from: unknown): FeelDuration | null {
  if (typeof from !== 'string') return null;
  const text = from.replace(/(\d*)\.(\d*)S$/, (all, whole: string, fraction: string) =>
    whole === '' && fraction === '' ? all : `${whole || '0'}${fraction ? `.${fraction}` : ''}S`,
  );
  return feelinDuration(text);
}

/** The calendar date of a date or of a date and time: years and months duration counts from dates alone. */
function dayOf(value: unknown) {
  return value instanceof FeelDate ? value.unwrap() : value instanceof FeelDateTime ? value.unwrap().toPlainDate() : null;
}

/**
 * years and months duration(from, to): the whole months between the two dates, so without the days that feelin
 * keeps ("P1Y8M2D" is not a years and months duration).
 */
function yearsAndMonthsDuration(from: unknown, to: unknown): FeelDuration | null {
  const [a, b] = [dayOf(from), dayOf(to)];
  if (a === null || b === null) return null;
  return new FeelDuration(a.until(b, { largestUnit: 'month', smallestUnit: 'month', roundingMode: 'trunc' }), true);
}

/**
 * string(from): dates and date-times in XML Schema's form (year 99999, not +099999); everything else as feelin's own
 * string(), which a context without this entry reaches.
 */
function string(from: unknown): string | null {
  if (from instanceof FeelDate || from instanceof FeelDateTime) return xsdText(from);
  return evaluate('string(from)', { from }).value as string | null;
}

/**
 * Corrections of feelin's date, time and duration built-ins.
 *
 * Context keys also steer feelin's parser (lezer-feel): once "time" or "duration" is a key, that word is read as a
 * plain name, no longer as part of the built-in names "date and time", "days and time duration" and "years and
 * months duration", so `years and months duration(...)` and `x instance of days and time duration` would no
 * longer parse. Declaring those whole names as keys too makes the parser read them whole again. "days and time
 * duration" is only a type, so its entry has no value: feelin then resolves the name as if the entry were absent.
 */
export const TEMPORAL_BUILTINS: Record<string, FeelValue> = {
  date: new FeelFunction(date, ['year', 'month', 'day', 'from']),
  time: new FeelFunction(time, ['hour', 'minute', 'second', 'offset', 'from']),
  'date and time': new FeelFunction(dateAndTime, ['date', 'time', 'from']),
  duration: new FeelFunction(duration, ['from']),
  'years and months duration': new FeelFunction(yearsAndMonthsDuration, ['from', 'to']),
  'days and time duration': undefined,
  string: new FeelFunction(string, ['from']),
};
