import { utcMs, utcParts } from './calendar.js';

/**
 * Public holidays that a term in working days passes over, as the law counts them:
 * - `be`: the ten legal public holidays of Belgium (wet van 4 januari 1974): New Year, Easter Monday, 1 May,
 *   Ascension, Whit Monday, 21 July, 15 August, 1 and 11 November, Christmas.
 * - `nl`: the days of the Algemene termijnenwet (art. 3) and the Good Friday it is equated with: New Year, Good
 *   Friday, Easter Monday, King's Day (27 April, the 26th when that is a Sunday), 5 May, Ascension, Whit
 *   Monday, both days of Christmas.
 * - `none`: Monday to Friday are all working days.
 */
export type HolidayCalendar = 'be' | 'nl' | 'none';
export const HOLIDAY_CALENDARS: readonly HolidayCalendar[] = ['be', 'nl', 'none'];

/** Easter Sunday of a Gregorian year (the anonymous algorithm of Meeus/Jones/Butcher), as [month, day]. */
export function easterSunday(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

function isoDay(ms: number): string {
  const p = utcParts(ms);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

const cache = new Map<string, ReadonlySet<string>>();

/** The public holidays of a year in a calendar, as YYYY-MM-DD. */
export function publicHolidays(calendar: HolidayCalendar, year: number): ReadonlySet<string> {
  const key = `${calendar}:${year}`;
  let days = cache.get(key);
  if (days) return days;
  const [easterMonth, easterDay] = easterSunday(year);
  const fromEaster = (offset: number) => isoDay(utcMs(year, easterMonth, easterDay + offset));
  const fixed = (month: number, day: number) => isoDay(utcMs(year, month, day));
  const list: string[] = [];
  if (calendar === 'be') {
    list.push(fixed(1, 1), fromEaster(1), fixed(5, 1), fromEaster(39), fromEaster(50), fixed(7, 21), fixed(8, 15), fixed(11, 1), fixed(11, 11), fixed(12, 25));
  } else if (calendar === 'nl') {
    const kingsDay = utcParts(utcMs(year, 4, 27)).weekday === 0 ? fixed(4, 26) : fixed(4, 27);
    list.push(fixed(1, 1), fromEaster(-2), fromEaster(1), kingsDay, fixed(5, 5), fromEaster(39), fromEaster(50), fixed(12, 25), fixed(12, 26));
  }
  days = new Set(list);
  cache.set(key, days);
  return days;
}
