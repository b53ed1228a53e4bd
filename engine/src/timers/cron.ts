import { daysInMonth, utcMs, utcParts } from './calendar.js';
import {
  CronFieldError, DAY_OF_MONTH_FIELD, DAY_OF_WEEK_FIELD, HOUR_FIELD, MINUTE_FIELD, MONTH_FIELD, SECOND_FIELD,
  markItem, readField, readValue,
} from './cron-fields.js';
import { TimerError } from './errors.js';

/** A compiled cron expression; every field as the set of allowed values, the days as a predicate. */
export interface CronPattern {
  seconds: boolean[];
  minutes: boolean[];
  hours: boolean[];
  months: boolean[];
  matchesDay(year: number, month: number, day: number, weekday: number): boolean;
}

// Spring's macros (Zeebe evaluates cron with Spring's CronExpression).
const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

export const CRON_EXAMPLE = 'a cron expression such as "0 0 9 * * MON-FRI"';
const FIELDS_DESCRIPTION = '6 fields (second minute hour day-of-month month day-of-week)';

/** Compiles a cron expression; throws a TimerError naming `text` when it is not one. */
export function compileCron(text: string): CronPattern {
  const trimmed = text.trim();
  if (trimmed.startsWith('@') && !MACROS[trimmed.toLowerCase()]) {
    throw new TimerError(`timer cycle "${text}" uses an unknown macro; known are ${Object.keys(MACROS).join(', ')}`);
  }
  const fields = (MACROS[trimmed.toLowerCase()] ?? trimmed).split(/\s+/);
  if (fields.length !== 6) {
    const hint =
      fields.length === 5 ? '; add the seconds in front, such as "0 */15 * * * *"'
      : /^P/i.test(trimmed) && fields.length === 1 ? `; to repeat every ${trimmed}, write R/${trimmed}`
      : '';
    throw new TimerError(
      `timer cycle "${text}" is neither a repeating interval such as R5/PT10S nor ${CRON_EXAMPLE}: ` +
        `a cron expression has ${FIELDS_DESCRIPTION}, this has ${fields.length}${hint}`,
    );
  }
  try {
    const daysOfWeek = readDaysOfWeek(fields[5]);
    const daysOfMonth = readDaysOfMonth(fields[3]);
    return {
      seconds: readField(fields[0], SECOND_FIELD),
      minutes: readField(fields[1], MINUTE_FIELD),
      hours: readField(fields[2], HOUR_FIELD),
      months: readField(fields[4], MONTH_FIELD),
      // Spring requires both day fields to match (Unix cron takes either); "*" and "?" match any day.
      matchesDay: (year, month, day, weekday) => daysOfMonth(year, month, day) && daysOfWeek(year, month, day, weekday),
    };
  } catch (err) {
    if (err instanceof CronFieldError) throw new TimerError(`timer cycle "${text}" is not a valid cron expression: ${err.message}`);
    throw err;
  }
}

/** Day-of-month items: plain values and ranges, "L" (last day) and "L-3" (three days before the last). */
function readDaysOfMonth(text: string): (year: number, month: number, day: number) => boolean {
  const allowed = new Array<boolean>(32).fill(false);
  const beforeLast: number[] = [];
  for (const item of text.split(',')) {
    const last = /^L(?:-(\d+))?$/i.exec(item);
    if (last) {
      const offset = last[1] === undefined ? 0 : Number(last[1]);
      if (offset > 30) throw new CronFieldError(`the day-of-month field has "${item}"; L-n counts at most 30 days back`);
      beforeLast.push(offset);
    } else if (/W/i.test(item)) {
      throw new CronFieldError(`the day-of-month field has "${item}"; nearest weekdays (W) are not supported`);
    } else if (item === '') {
      throw new CronFieldError(`the day-of-month field "${text}" has an empty list item`);
    } else {
      markItem(item, DAY_OF_MONTH_FIELD, allowed);
    }
  }
  return (year, month, day) => allowed[day] || (beforeLast.length > 0 && beforeLast.includes(daysInMonth(year, month) - day));
}

/** Day-of-week items: plain values and ranges, "5L" (last Friday of the month) and "MON#2" (second Monday). */
function readDaysOfWeek(text: string): (year: number, month: number, day: number, weekday: number) => boolean {
  const allowed = new Array<boolean>(8).fill(false);
  const lastOfMonth: number[] = [];
  const nth: Array<{ weekday: number; week: number }> = [];
  const weekday = (value: string) => readValue(value, DAY_OF_WEEK_FIELD) % 7;
  for (const item of text.split(',')) {
    const last = /^(\w+)L$/i.exec(item);
    const numbered = /^(\w+)#(\d+)$/.exec(item);
    if (last) {
      lastOfMonth.push(weekday(last[1]));
    } else if (numbered) {
      const week = Number(numbered[2]);
      if (week < 1 || week > 5) throw new CronFieldError(`the day-of-week field has "${item}"; after # comes a week of the month, 1-5`);
      nth.push({ weekday: weekday(numbered[1]), week });
    } else if (/^L$/i.test(item)) {
      throw new CronFieldError('the day-of-week field has "L" without a weekday; write for instance FRIL or 5L for the last Friday');
    } else if (item === '') {
      throw new CronFieldError(`the day-of-week field "${text}" has an empty list item`);
    } else {
      markItem(item, DAY_OF_WEEK_FIELD, allowed);
    }
  }
  if (allowed[7]) allowed[0] = true;
  return (year, month, day, dow) =>
    allowed[dow] ||
    nth.some((n) => n.weekday === dow && Math.ceil(day / 7) === n.week) ||
    lastOfMonth.some((w) => w === dow && day + 7 > daysInMonth(year, month));
}

function firstAllowedFrom(allowed: boolean[], from: number): number {
  for (let value = from; value < allowed.length; value++) if (allowed[value]) return value;
  return -1;
}

/** The Gregorian calendar, weekdays included, repeats every 400 years: a pattern that does not match within that never does. */
const SEARCH_YEARS = 401;

/**
 * The first whole second strictly after `afterMs` that the pattern matches, in UTC, or null if it never
 * matches (30 February). Skips a whole month, day, hour or minute as soon as that field fails.
 */
export function nextCronMatch(pattern: CronPattern, afterMs: number): number | null {
  let t = Math.floor(afterMs / 1000) * 1000 + 1000;
  const limit = utcMs(utcParts(t).year + SEARCH_YEARS, 1, 1);
  while (t < limit) {
    const { year, month, day, hour, minute, second, weekday } = utcParts(t);
    if (!pattern.months[month]) {
      t = utcMs(year, month + 1, 1);
      continue;
    }
    if (!pattern.matchesDay(year, month, day, weekday)) {
      t = utcMs(year, month, day + 1);
      continue;
    }
    const h = firstAllowedFrom(pattern.hours, hour);
    if (h !== hour) {
      t = h < 0 ? utcMs(year, month, day + 1) : utcMs(year, month, day, h);
      continue;
    }
    const m = firstAllowedFrom(pattern.minutes, minute);
    if (m !== minute) {
      t = m < 0 ? utcMs(year, month, day, hour + 1) : utcMs(year, month, day, hour, m);
      continue;
    }
    const s = firstAllowedFrom(pattern.seconds, second);
    if (s !== second) {
      t = s < 0 ? utcMs(year, month, day, hour, minute + 1) : utcMs(year, month, day, hour, minute, s);
      continue;
    }
    return t;
  }
  return null;
}
