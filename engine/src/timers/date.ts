import { HOUR_MS, MINUTE_MS, SECOND_MS, daysInMonth, isoInstant, utcMs } from './calendar.js';
import { TimerError } from './errors.js';
import { isKnownZone, zonedToUtc } from './zones.js';

// A date, or a date-time with optionally an offset (Z, +01:00, +0100, +01) and/or a zone id,
// either Zeebe style [Europe/Brussels] or as FEEL writes a zoned date-time, @Europe/Brussels.
const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?(?:\[([^\]]+)\]|@(\S+))?)?$/i;

export const DATE_EXAMPLE = 'an ISO 8601 date-time such as 2026-03-01T09:00:00Z or 2026-03-01T09:00:00[Europe/Brussels]';

/** Epoch milliseconds of a date text, or (as a string) why it is not one, phrased to follow the quoted text. */
export function readDateTime(text: string): number | string {
  const match = DATE_TIME_PATTERN.exec(text);
  if (!match) return `is not ${DATE_EXAMPLE}`;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction, offsetText, bracketZone, atZone] = match;
  const [year, month, day] = [yearText, monthText, dayText].map(Number);
  const [hour, minute, second] = [hourText, minuteText, secondText].map((part) => (part === undefined ? 0 : Number(part)));
  if (month < 1 || month > 12) return `is not a valid date: there is no month ${month}`;
  if (day < 1 || day > daysInMonth(year, month)) return `is not a valid date: ${yearText}-${monthText} has no day ${day}`;
  if (hour > 23 || minute > 59 || second > 59) return `is not a valid time of day: ${hourText}:${minuteText}${secondText ? `:${secondText}` : ''}`;
  // java.time keeps nanoseconds; an instant here holds milliseconds, so further digits are dropped.
  const millisecond = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const local = utcMs(year, month, day, hour, minute, second, millisecond);

  const zone = bracketZone ?? atZone;
  const zoneId = zone === undefined || /^z$/i.test(zone) ? 'UTC' : zone;
  if (!isKnownZone(zoneId)) return `names an unknown time zone "${zone}"; use an IANA zone id such as Europe/Brussels`;
  if (offsetText !== undefined) {
    const offset = readOffset(offsetText);
    if (offset === null) return `has an impossible offset from UTC "${offsetText}"`;
    // As in java.time, an explicit offset fixes the instant; the zone id only has to exist.
    return local - offset;
  }
  // Without offset or zone, a date-time is read as UTC.
  return zonedToUtc(zoneId, local);
}

/** The offset in milliseconds, or null beyond ±18:00 as java.time refuses those. */
function readOffset(text: string): number | null {
  if (/^z$/i.test(text)) return 0;
  const digits = text.slice(1).replace(/:/g, '');
  const [hours, minutes, seconds] = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6)].map((part) => (part === '' ? 0 : Number(part)));
  if (minutes > 59 || seconds > 59) return null;
  const size = hours * HOUR_MS + minutes * MINUTE_MS + seconds * SECOND_MS;
  if (size > 18 * HOUR_MS) return null;
  return text.startsWith('-') ? -size : size;
}

/** The instant of a timeDate text, in ISO 8601 UTC form. */
export function parseTimerDate(text: string): string {
  const result = readDateTime(text);
  if (typeof result === 'string') throw new TimerError(`timer date "${text}" ${result}`);
  return isoInstant(result, `timer date "${text}"`);
}
