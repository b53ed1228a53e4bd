// Timer expressions of BPMN timer events (timeDate, timeDuration, timeCycle) as Zeebe reads them,
// after any FEEL has been evaluated. The engine has no clock: "now" is always handed in.
export { TimerError } from './errors.js';
export { type Duration, addDuration, parseDuration } from './duration.js';
export {
  type TimerDefinitionKind, type TimerSchedule, checkTimerText, firstDue, nextDue, nextDueFrom, parseTimerSchedule,
} from './schedule.js';
export { type HolidayCalendar, HOLIDAY_CALENDARS, publicHolidays } from './holidays.js';
