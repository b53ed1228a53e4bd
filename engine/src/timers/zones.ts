import { utcMs } from './calendar.js';

// Offsets of named time zones (Europe/Brussels) come from Intl, which carries the tz database:
// a pure lookup, no clock involved.

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(zone)) {
    let formatter: Intl.DateTimeFormat | null;
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      formatter = null; // RangeError: unknown zone
    }
    formatters.set(zone, formatter);
  }
  return formatters.get(zone) ?? null;
}

export function isKnownZone(zone: string): boolean {
  return formatterFor(zone) !== null;
}

/** The zone's offset from UTC at a UTC instant, in milliseconds (+1 h in Brussels in winter). */
function offsetAt(zone: string, instantMs: number): number {
  const formatter = formatterFor(zone);
  if (!formatter) throw new Error(`unknown time zone ${zone}`);
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  const field: Record<string, string> = {};
  for (const part of formatter.formatToParts(wholeSecond)) field[part.type] = part.value;
  const year = field.era === 'BC' || field.era === 'B' ? 1 - Number(field.year) : Number(field.year);
  const hour = Number(field.hour) % 24; // some ICU versions write midnight as 24
  const local = utcMs(year, Number(field.month), Number(field.day), hour, Number(field.minute), Number(field.second));
  return local - wholeSecond;
}

/** The wall-clock time in a zone at a UTC instant, written as if it were UTC (the inverse of zonedToUtc). */
export function utcToZoned(zone: string, instantMs: number): number {
  return instantMs + offsetAt(zone, instantMs);
}

/**
 * The UTC instant of a wall-clock time in a zone, resolved as java.time's ZonedDateTime.of does:
 * in an autumn overlap the earlier instant (summer offset); a time in a spring gap is moved
 * forward by the length of the gap (02:30 becomes 03:30 summer time).
 * `localMs` is the wall-clock time written as if it were UTC.
 */
export function zonedToUtc(zone: string, localMs: number): number {
  const DAY = 24 * 3600 * 1000;
  const offsetBefore = offsetAt(zone, localMs - DAY);
  const offsetAfter = offsetAt(zone, localMs + DAY);
  if (offsetAt(zone, localMs - offsetBefore) === offsetBefore) return localMs - offsetBefore;
  if (offsetAt(zone, localMs - offsetAfter) === offsetAfter) return localMs - offsetAfter;
  return localMs - offsetBefore; // in a gap
}
