import { LOKET_ZONE } from '../decisions/in-force.js';
import type { Deadline } from '../model/types.js';
import { utcMs, utcParts } from './calendar.js';
import { utcToZoned, zonedToUtc } from './zones.js';

/**
 * When a deadline of so many days from `from` falls: the same wall-clock time in Brussels, that many days
 * later. Working days are Monday to Friday: each Saturday and Sunday is passed over, so one working day
 * from a Friday or a Saturday is the Monday. Public holidays are not known here and count as working days.
 */
export function deadlineAfter(from: string, deadline: Deadline, zone = LOKET_ZONE): string {
  const local = utcParts(utcToZoned(zone, Date.parse(from)));
  let day = local.day;
  for (let counted = 0; counted < deadline.days; ) {
    day += 1;
    const weekday = utcParts(utcMs(local.year, local.month, day)).weekday;
    if (deadline.counted === 'calendar' || (weekday !== 0 && weekday !== 6)) counted++;
  }
  const dueLocal = utcMs(local.year, local.month, day, local.hour, local.minute, local.second, local.millisecond);
  return new Date(zonedToUtc(zone, dueLocal)).toISOString();
}
