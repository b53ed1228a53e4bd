import { DAY_MS, HOUR_MS, MINUTE_MS, daysInMonth, instantMs, isoInstant, utcMs, utcParts } from './calendar.js';
import { TimerError } from './errors.js';

/** An ISO 8601 duration as written; years, months and days stay calendar units until added to an instant. */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  /** May be fractional (PT0.5S). */
  seconds: number;
}

// java.time (which Zeebe uses) accepts any subset of PnYnMnWnDTnHnMnS, also mixed with weeks,
// case-insensitively, and a fraction (with . or ,) only on the seconds.
const DURATION_PATTERN =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

export const DURATION_EXAMPLE = 'an ISO 8601 duration such as PT5M or P2D';

/** The duration `text` denotes, or (as a string) why it is not one, phrased to follow the quoted text. */
export function readDuration(text: string): Duration | string {
  if (/^\s*-/.test(text)) return 'is negative; a timer cannot wait a negative time';
  const match = DURATION_PATTERN.exec(text);
  // "P" and "PT" match the pattern with every component absent.
  const hasTimePart = /T/i.test(text);
  if (!match || match.slice(1).every((part) => part === undefined) || (hasTimePart && match.slice(5).every((p) => p === undefined))) {
    return `is not ${DURATION_EXAMPLE}`;
  }
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part.replace(',', '.'))));
  const duration: Duration = { years, months, weeks, days, hours, minutes, seconds };
  if (Object.values(duration).some((value) => !Number.isSafeInteger(Math.ceil(value)))) {
    return 'has a number too large to compute with';
  }
  return duration;
}

export function parseDuration(text: string): Duration {
  const result = readDuration(text.trim());
  if (typeof result === 'string') throw new TimerError(`timer duration "${text}" ${result}`);
  return result;
}

export function isZeroDuration(duration: Duration): boolean {
  return Object.values(duration).every((value) => value === 0);
}

/**
 * Adds a duration to an ISO instant in UTC the way java.time's ZonedDateTime.plus(Period).plus(Duration)
 * does: years and months together as calendar months, clamping the day to the target month's length
 * (Jan 31 + P1M = Feb 28 or 29), then days, then the exact time part.
 */
export function addDuration(instant: string, duration: Duration): string {
  const start = instantMs(instant, 'instant');
  const parts = utcParts(start);
  const monthIndex = parts.year * 12 + (parts.month - 1) + duration.years * 12 + duration.months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const timeOfDay = start - utcMs(parts.year, parts.month, parts.day);
  let result = utcMs(year, month, Math.min(parts.day, daysInMonth(year, month))) + timeOfDay;
  result += (duration.weeks * 7 + duration.days) * DAY_MS;
  // java.time keeps nanoseconds and truncates to milliseconds; the epsilon absorbs binary noise (1.005 * 1000).
  result += duration.hours * HOUR_MS + duration.minutes * MINUTE_MS + Math.floor(duration.seconds * 1000 + 1e-6);
  return isoInstant(result, `${instant} plus ${formatDuration(duration)}`);
}

/** The ISO 8601 text of a duration, for messages. */
export function formatDuration(duration: Duration): string {
  const { years, months, weeks, days, hours, minutes, seconds } = duration;
  const date = [[years, 'Y'], [months, 'M'], [weeks, 'W'], [days, 'D']] as const;
  const time = [[hours, 'H'], [minutes, 'M'], [seconds, 'S']] as const;
  const write = (parts: ReadonlyArray<readonly [number, string]>) => parts.filter(([n]) => n !== 0).map(([n, unit]) => `${n}${unit}`).join('');
  const timeText = write(time);
  const text = `P${write(date)}${timeText ? `T${timeText}` : ''}`;
  return text === 'P' ? 'PT0S' : text;
}
