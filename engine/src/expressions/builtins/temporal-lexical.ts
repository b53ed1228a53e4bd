import { FeelDate, FeelDateTime, FeelTime, parseDate, parseDateTime, parseTime } from 'feelin';

/**
 * The lexical forms of FEEL dates, times and date-times (DMN 1.3 §10.3.4.1): those of XML Schema 1.1 Part 2
 * (§D.2, §D.3), plus a time zone id after '@' instead of an offset. feelin reads them with Temporal's more lenient
 * ISO parser (a leading '+', an offset beside a zone id, offsets up to ±23:59) and refuses negative years.
 */

// XSD yearFrag: an optional '-', then four digits, or more without a leading zero (so no "01211", no "998").
const YEAR = '(-?(?:[1-9]\\d{3,}|0\\d{3}))';
const DATE = `${YEAR}-(\\d{2})-(\\d{2})`;
// Temporal holds nanoseconds, so at most nine fraction digits.
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?';
// 'Z', an offset, or '@' and a zone id; never an offset and a zone id together.
const ZONE = '(Z|[+-]\\d{2}:\\d{2}|@[^@\\s]+)?';

const DATE_PATTERN = new RegExp(`^${DATE}$`);
const TIME_PATTERN = new RegExp(`^${TIME}${ZONE}$`);
const DATE_TIME_PATTERN = new RegExp(`^${DATE}(?:T${TIME}${ZONE})?$`);

/**
 * Temporal values are made by `with` on a valid anchor (with overflow 'reject'), because Loket does not depend on
 * temporal-polyfill itself; feelin exposes its values only through FeelDate and friends.
 */
const DATE_ANCHOR = parseDate('2000-01-01')!.unwrap();
const TIME_ANCHOR = parseTime('00:00:00')!.unwrap();
const DATE_TIME_ANCHOR = parseDateTime('2000-01-01T00:00:00')!.unwrap();
const REJECT = { overflow: 'reject' } as const;

/** Year, month and day as a date, or null when there is no such day (or Temporal cannot hold the year). */
export function makeDate(year: number, month: number, day: number): FeelDate | null {
  if (![year, month, day].every(Number.isInteger)) return null;
  try {
    return new FeelDate(DATE_ANCHOR.with({ year, month, day }, REJECT));
  } catch {
    return null;
  }
}

interface TimeFields {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  microsecond: number;
  nanosecond: number;
}

function timeFields(hour: string, minute: string, second: string, fraction = ''): TimeFields {
  const nine = fraction.padEnd(9, '0');
  return {
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: Number(nine.slice(0, 3)),
    microsecond: Number(nine.slice(3, 6)),
    nanosecond: Number(nine.slice(6, 9)),
  };
}

/** Time fields as a wall-clock time; null when out of range (hour 24, second 60: FEEL has no leap seconds). */
export function makeTime(fields: TimeFields, zone: string | null): FeelTime | null {
  try {
    return new FeelTime(TIME_ANCHOR.with(fields, REJECT), zone);
  } catch {
    return null;
  }
}

/** The largest offset XML Schema allows (timezoneFrag): 14 hours, in seconds. */
export const MAX_OFFSET_SECONDS = 14 * 3600;

/** feelin's zone for the lexical zone: 'UTC' for Z, the offset text, or a zone id Temporal knows; undefined if invalid. */
function zoneOf(text: string | undefined): string | null | undefined {
  if (text === undefined) return null;
  if (text === 'Z') return 'UTC';
  if (text.startsWith('@')) {
    const id = text.slice(1);
    try {
      DATE_TIME_ANCHOR.toZonedDateTime(id);
      return id;
    } catch {
      return undefined;
    }
  }
  const hours = Number(text.slice(1, 3));
  const minutes = Number(text.slice(4, 6));
  const seconds = hours * 3600 + minutes * 60;
  return minutes < 60 && seconds <= MAX_OFFSET_SECONDS ? text : undefined;
}

/** A FEEL date string ("2017-12-31", "-2017-12-31", "99999-12-31") as a date, or null. */
export function readDate(text: string): FeelDate | null {
  const m = DATE_PATTERN.exec(text);
  return m ? makeDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** A FEEL time string ("13:20:00.5+02:00", "13:20:00@Europe/Paris") as a time, or null. */
export function readTime(text: string): FeelTime | null {
  const m = TIME_PATTERN.exec(text);
  if (!m) return null;
  const zone = zoneOf(m[5]);
  return zone === undefined ? null : makeTime(timeFields(m[1]!, m[2]!, m[3]!, m[4]), zone);
}

/** A FEEL date and time string as a date and time, or null; a date alone means its midnight, without zone. */
export function readDateTime(text: string): FeelDateTime | null {
  const m = DATE_TIME_PATTERN.exec(text);
  if (!m) return null;
  const zone = zoneOf(m[8]);
  if (zone === undefined) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const time = m[4] === undefined ? timeFields('0', '0', '0') : timeFields(m[4], m[5]!, m[6]!, m[7]);
  try {
    return new FeelDateTime(DATE_TIME_ANCHOR.with({ ...date, ...time }, REJECT), zone);
  } catch {
    return null;
  }
}

/**
 * A date or date and time in the XML Schema lexical form that FEEL's string() gives: Temporal writes years beyond
 * 0..9999 in ISO's extended six-digit form ("+099999", "-002017"), XML Schema as "99999" and "-2017".
 */
export function xsdText(value: FeelDate | FeelDateTime): string {
  const iso = value.toString();
  if (!/^[+-]\d{6}-/.test(iso)) return iso;
  const year = value.year;
  return `${year < 0 ? '-' : ''}${String(Math.abs(year)).padStart(4, '0')}${iso.slice(7)}`;
}
