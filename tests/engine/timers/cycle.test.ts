import { expect } from 'chai';
import { TimerError, firstDue, nextDue, nextDueFrom, parseTimerSchedule } from '../../../engine/src/timers/index.js';

const cycle = (text: string) => parseTimerSchedule('timeCycle', text);
const none = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

/** Every due time of a schedule, following nextDue until it is done (or `max` firings). */
function dueTimes(text: string, now: string, max = 10): string[] {
  const schedule = cycle(text);
  const times: string[] = [];
  let due = firstDue(schedule, now);
  while (due !== null && times.length < max) {
    times.push(due);
    due = nextDue(schedule, due, times.length);
  }
  return times;
}

describe('timer cycles (repeating intervals)', () => {
  it('reads repetitions, start and interval', () => {
    expect(cycle('R5/PT10S')).to.deep.equal({ kind: 'cycle', repetitions: 5, start: null, interval: { ...none, seconds: 10 } });
    expect(cycle('R/PT1H')).to.deep.equal({ kind: 'cycle', repetitions: null, start: null, interval: { ...none, hours: 1 } });
    expect(cycle('R//PT10S')).to.deep.equal({ kind: 'cycle', repetitions: null, start: null, interval: { ...none, seconds: 10 } });
    expect(cycle('R3/2026-01-01T09:00:00Z/P1D')).to.deep.equal({
      kind: 'cycle', repetitions: 3, start: '2026-01-01T09:00:00.000Z', interval: { ...none, days: 1 },
    });
  });

  it('reads a start with a zone id, whose slash is not a separator', () => {
    const schedule = cycle('R2/2026-07-01T09:00:00[Europe/Brussels]/P1D');
    expect(schedule).to.include({ kind: 'cycle', start: '2026-07-01T07:00:00.000Z', repetitions: 2 });
  });

  it('fires a bounded cycle exactly as many times as its repetitions, one interval apart', () => {
    expect(dueTimes('R3/PT10S', '2026-01-01T10:00:00.000Z')).to.deep.equal([
      '2026-01-01T10:00:10.000Z',
      '2026-01-01T10:00:20.000Z',
      '2026-01-01T10:00:30.000Z',
    ]);
  });

  it('is done after the last repetition', () => {
    const schedule = cycle('R5/PT10S');
    expect(nextDue(schedule, '2026-01-01T10:00:40.000Z', 4)).to.equal('2026-01-01T10:00:50.000Z');
    expect(nextDue(schedule, '2026-01-01T10:00:50.000Z', 5)).to.equal(null);
  });

  it('never ends an unbounded cycle', () => {
    const schedule = cycle('R/PT1H');
    expect(firstDue(schedule, '2026-01-01T10:00:00.000Z')).to.equal('2026-01-01T11:00:00.000Z');
    expect(nextDue(schedule, '2030-01-01T10:00:00.000Z', 100_000)).to.equal('2030-01-01T11:00:00.000Z');
  });

  it('never fires R0', () => {
    expect(firstDue(cycle('R0/PT1M'), '2026-01-01T10:00:00.000Z')).to.equal(null);
  });

  it('first fires at a future start, then one interval after each due time', () => {
    expect(dueTimes('R3/2026-01-01T09:00:00Z/P1D', '2025-12-20T00:00:00.000Z')).to.deep.equal([
      '2026-01-01T09:00:00.000Z',
      '2026-01-02T09:00:00.000Z',
      '2026-01-03T09:00:00.000Z',
    ]);
  });

  it('gives a start in the past as first due time, so the timer fires at once', () => {
    expect(firstDue(cycle('R3/2026-01-01T09:00:00Z/P1D'), '2026-02-01T00:00:00.000Z')).to.equal('2026-01-01T09:00:00.000Z');
  });

  it('adds a calendar interval to each previous due time (P1M from 31 January)', () => {
    expect(dueTimes('R3/2026-01-31T08:00:00Z/P1M', '2026-01-01T00:00:00.000Z')).to.deep.equal([
      '2026-01-31T08:00:00.000Z',
      '2026-02-28T08:00:00.000Z',
      '2026-03-28T08:00:00.000Z',
    ]);
  });

  it('refuses malformed cycles with a message naming the text', () => {
    const cases: Array<[string, string]> = [
      ['R5', 'timer cycle "R5" is not a repeating interval such as R5/PT10S'],
      ['Rx/PT1M', 'timer cycle "Rx/PT1M" has repetitions "Rx"'],
      ['R-1/PT1M', 'has repetitions "R-1"'],
      ['R5/P5X', 'timer cycle "R5/P5X" has interval "P5X" which is not an ISO 8601 duration such as PT5M or P2D'],
      ['R5/-PT1M', 'has interval "-PT1M" which is negative'],
      ['R/PT0S', 'timer cycle "R/PT0S" has interval "PT0S" of length zero'],
      ['R5/soon/PT1M', 'timer cycle "R5/soon/PT1M" has start "soon" which is not an ISO 8601 date-time'],
      ['R5/2026-01-01T00:00:00Z/2026-02-01T00:00:00Z', 'ends in a date "2026-02-01T00:00:00Z"'],
      ['R2/2026-01-01T09:00:00[Mars/Olympus]/P1D', 'names an unknown time zone "Mars/Olympus"'],
    ];
    for (const [text, message] of cases) expect(() => cycle(text), text).to.throw(TimerError, message);
  });

  it('refuses a fired count below 1', () => {
    expect(() => nextDue(cycle('R5/PT10S'), '2026-01-01T10:00:00.000Z', 0)).to.throw(TimerError, 'not 0');
  });
});

describe('timer dates and durations fire once', () => {
  it('fires a date at its instant, even when that has passed, and then no more', () => {
    const schedule = parseTimerSchedule('timeDate', '2026-01-01T10:00:00Z');
    expect(firstDue(schedule, '2025-06-01T00:00:00.000Z')).to.equal('2026-01-01T10:00:00.000Z');
    expect(firstDue(schedule, '2027-06-01T00:00:00.000Z')).to.equal('2026-01-01T10:00:00.000Z');
    expect(nextDue(schedule, '2026-01-01T10:00:00.000Z', 1)).to.equal(null);
  });

  it('fires a duration that long after the subscription opens, and then no more', () => {
    const schedule = parseTimerSchedule('timeDuration', 'P1M');
    expect(firstDue(schedule, '2024-01-31T12:00:00.000Z')).to.equal('2024-02-29T12:00:00.000Z');
    expect(nextDue(schedule, '2024-02-29T12:00:00.000Z', 1)).to.equal(null);
  });

  it('refuses a now that is no ISO instant', () => {
    expect(() => firstDue(parseTimerSchedule('timeDuration', 'PT5M'), 'now')).to.throw(TimerError, 'now "now" is not an ISO 8601 instant');
  });
});

describe('the next due time of a cycle handled late', () => {
  it('fires once for what it missed, keeps its rhythm, and counts the skipped repetitions as used', () => {
    const schedule = parseTimerSchedule('timeCycle', 'R3/PT1H');
    const late = '2026-01-01T11:30:00.000Z';
    expect(nextDueFrom(schedule, '2026-01-01T09:00:00.000Z', 1, '2026-01-01T09:00:00.000Z')).to.deep.equal({ dueAt: '2026-01-01T10:00:00.000Z', fired: 1 });
    expect(nextDueFrom(schedule, '2026-01-01T09:00:00.000Z', 1, late)).to.equal(null);
    expect(nextDueFrom(parseTimerSchedule('timeCycle', 'R/PT1H'), '2026-01-01T09:00:00.000Z', 1, late)).to.deep.equal({ dueAt: '2026-01-01T12:00:00.000Z', fired: 3 });
  });
});
