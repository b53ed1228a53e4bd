import { instantMs, isoInstant } from './calendar.js';
import { compileCron, nextCronMatch } from './cron.js';
import { isRepeatingInterval, parseRepeatingInterval } from './cycle.js';
import { parseTimerDate } from './date.js';
import { type Duration, addDuration, parseDuration } from './duration.js';
import { TimerError } from './errors.js';

export type TimerSchedule =
  | { kind: 'date'; at: string }
  | { kind: 'duration'; duration: Duration }
  | { kind: 'cycle'; repetitions: number | null; start: string | null; interval: Duration }
  | { kind: 'cron'; expression: string };

export type TimerDefinitionKind = 'timeDate' | 'timeDuration' | 'timeCycle';

const KIND_LABELS: Record<TimerDefinitionKind, string> = { timeDate: 'date', timeDuration: 'duration', timeCycle: 'cycle' };

/** Turns the (FEEL-evaluated) text of a timer definition into a schedule; throws a TimerError naming the text. */
export function parseTimerSchedule(kind: TimerDefinitionKind, text: string): TimerSchedule {
  const label = KIND_LABELS[kind];
  if (!label) throw new TimerError(`"${String(kind)}" is not a timer definition; expected timeDate, timeDuration or timeCycle`);
  if (typeof text !== 'string') throw new TimerError(`timer ${label} is ${text === null ? 'null' : `a ${typeof text}`}, not a text`);
  // Texts from the XML often carry line breaks and indentation around them.
  const trimmed = text.trim();
  if (trimmed === '') throw new TimerError(`timer ${label} is empty`);
  switch (kind) {
    case 'timeDate':
      return { kind: 'date', at: parseTimerDate(trimmed) };
    case 'timeDuration':
      return { kind: 'duration', duration: parseDuration(trimmed) };
    case 'timeCycle': {
      if (isRepeatingInterval(trimmed)) return { kind: 'cycle', ...parseRepeatingInterval(trimmed) };
      const pattern = compileCron(trimmed);
      if (nextCronMatch(pattern, 0) === null) throw new TimerError(`timer cycle "${trimmed}" never fires: no date matches it`);
      return { kind: 'cron', expression: trimmed };
    }
  }
}

/**
 * When a timer whose subscription opens at `now` first fires; null: never (R0/…). A due time in the
 * past (a timeDate or cycle start that has passed) is returned as is: the timer fires at once, as in Zeebe.
 */
export function firstDue(schedule: TimerSchedule, now: string): string | null {
  instantMs(now, 'now');
  switch (schedule.kind) {
    case 'date':
      return schedule.at;
    case 'duration':
      return addDuration(now, schedule.duration);
    case 'cycle':
      if (schedule.repetitions === 0) return null;
      return schedule.start ?? addDuration(now, schedule.interval);
    case 'cron':
      return cronAfter(schedule.expression, now);
  }
}

/**
 * After the timer fired for the `fired`-th time (1 = first) at its due time `previousDue`, the next due
 * time, or null when it is done. A cycle counts from the previous due time, not from when it was handled,
 * so it does not drift; like Zeebe it adds the interval each time, so P1M from Jan 31 goes Feb 28, Mar 28.
 */
export function nextDue(schedule: TimerSchedule, previousDue: string, fired: number): string | null {
  instantMs(previousDue, 'previous due time');
  if (!Number.isSafeInteger(fired) || fired < 1) throw new TimerError(`a timer fires 1 or more times, not ${fired}`);
  switch (schedule.kind) {
    case 'date':
    case 'duration':
      return null;
    case 'cycle':
      if (schedule.repetitions !== null && fired >= schedule.repetitions) return null;
      return addDuration(previousDue, schedule.interval);
    case 'cron':
      return cronAfter(schedule.expression, previousDue);
  }
}

/**
 * The next due time of a timer that fired for the `fired`-th time at `previousDue`, handled at `now`. A
 * cycle that fell behind (no server ran) fires once for what it missed, then keeps its rhythm; the
 * repetitions it skipped count as used, so an R3 cycle still ends at its third due time. Null when done.
 */
export function nextDueFrom(schedule: TimerSchedule, previousDue: string, fired: number, now: string): { dueAt: string; fired: number } | null {
  let dueAt = nextDue(schedule, previousDue, fired);
  while (dueAt !== null && dueAt < now) dueAt = nextDue(schedule, dueAt, ++fired);
  return dueAt === null ? null : { dueAt, fired };
}

function cronAfter(expression: string, instant: string): string | null {
  const next = nextCronMatch(compileCron(expression), instantMs(instant, 'instant'));
  return next === null ? null : isoInstant(next, `the next time of timer cycle "${expression}"`);
}

/** Checks a static (non-FEEL) timer text at deploy time: null when fine, else the problem. */
export function checkTimerText(kind: TimerDefinitionKind, text: string): string | null {
  try {
    parseTimerSchedule(kind, text);
    return null;
  } catch (err) {
    if (err instanceof TimerError) return err.message;
    throw err;
  }
}
