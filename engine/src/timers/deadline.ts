import { LOKET_ZONE } from '../decisions/in-force.js';
import type { Deadline } from '../model/types.js';
import { utcMs, utcParts } from './calendar.js';
import { publicHolidays, type HolidayCalendar } from './holidays.js';
import { utcToZoned, zonedToUtc } from './zones.js';

/**
 * When a deadline of so many days from `from` falls: the same wall-clock time in Brussels, that many days
 * later. Working days are Monday to Friday but the public holidays of `holidays`: each Saturday, Sunday and
 * holiday is passed over, so one working day from a Friday or a Saturday is the Monday (or the Tuesday, on
 * Easter Monday).
 */
export function deadlineAfter(from: string, deadline: Deadline, holidays: HolidayCalendar = 'none', zone = LOKET_ZONE): string {
  const local = utcParts(utcToZoned(zone, Date.parse(from)));
  let day = local.day;
  for (let counted = 0; counted < deadline.days; ) {
    day += 1;
    const date = utcParts(utcMs(local.year, local.month, day));
    const holiday = publicHolidays(holidays, date.year).has(`${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`);
    if (deadline.counted === 'calendar' || (date.weekday !== 0 && date.weekday !== 6 && !holiday)) counted++;
  }
  const dueLocal = utcMs(local.year, local.month, day, local.hour, local.minute, local.second, local.millisecond);
  return new Date(zonedToUtc(zone, dueLocal)).toISOString();
}
