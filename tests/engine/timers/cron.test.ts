import { expect } from 'chai';
import { TimerError, type TimerSchedule, firstDue, nextDue, parseTimerSchedule } from '../../../engine/src/timers/index.js';

const cron = (text: string) => parseTimerSchedule('timeCycle', text);

/** The first `count` due times of a cron schedule opened at `now`. */
function dueTimes(schedule: TimerSchedule, now: string, count: number): Array<string | null> {
  const times = [firstDue(schedule, now)];
  while (times.length < count) times.push(nextDue(schedule, times[times.length - 1]!, times.length));
  return times;
}

describe('timer cycles (cron expressions)', () => {
  it('reads a cron expression as an unbounded cron schedule', () => {
    expect(cron(' 0 0 9 * * MON-FRI ')).to.deep.equal({ kind: 'cron', expression: '0 0 9 * * MON-FRI' });
  });

  it('fires every 15 minutes, strictly after now', () => {
    const every15 = cron('0 */15 * * * *');
    expect(dueTimes(every15, '2026-01-01T10:07:12.345Z', 3)).to.deep.equal([
      '2026-01-01T10:15:00.000Z',
      '2026-01-01T10:30:00.000Z',
      '2026-01-01T10:45:00.000Z',
    ]);
    expect(firstDue(every15, '2026-01-01T10:15:00.000Z')).to.equal('2026-01-01T10:30:00.000Z');
    expect(firstDue(every15, '2026-01-01T10:14:59.999Z')).to.equal('2026-01-01T10:15:00.000Z');
    expect(nextDue(every15, '2026-01-01T23:45:00.000Z', 7)).to.equal('2026-01-02T00:00:00.000Z');
  });

  it('fires on weekdays at 9:00, skipping the weekend', () => {
    // 2 January 2026 is a Friday.
    expect(dueTimes(cron('0 0 9 * * MON-FRI'), '2026-01-02T10:00:00.000Z', 2)).to.deep.equal([
      '2026-01-05T09:00:00.000Z',
      '2026-01-06T09:00:00.000Z',
    ]);
    expect(firstDue(cron('0 0 9 ? * mon-fri'), '2026-01-02T08:00:00.000Z')).to.equal('2026-01-02T09:00:00.000Z');
  });

  it('counts Sunday as 0 and as 7', () => {
    // 4 January 2026 is a Sunday.
    for (const text of ['0 0 12 * * 0', '0 0 12 * * 7', '0 0 12 * * SUN', '0 0 12 * * 6-7']) {
      expect(firstDue(cron(text), '2026-01-03T13:00:00.000Z'), text).to.equal('2026-01-04T12:00:00.000Z');
    }
  });

  it('rolls over to the next month, and the next year, skipping months without the day', () => {
    expect(dueTimes(cron('0 0 0 31 * ?'), '2026-01-31T00:00:00.000Z', 3)).to.deep.equal([
      '2026-03-31T00:00:00.000Z',
      '2026-05-31T00:00:00.000Z',
      '2026-07-31T00:00:00.000Z',
    ]);
    expect(firstDue(cron('30 59 23 31 12 *'), '2026-12-31T23:59:30.000Z')).to.equal('2027-12-31T23:59:30.000Z');
  });

  it('finds 29 February in the next leap year, skipping 2100', () => {
    const leapDay = cron('0 0 12 29 2 ?');
    expect(dueTimes(leapDay, '2026-03-01T00:00:00.000Z', 2)).to.deep.equal(['2028-02-29T12:00:00.000Z', '2032-02-29T12:00:00.000Z']);
    expect(firstDue(leapDay, '2097-01-01T00:00:00.000Z')).to.equal('2104-02-29T12:00:00.000Z');
  });

  it('reads lists, ranges, steps from a start value, and month names', () => {
    expect(dueTimes(cron('0/20 * * * * *'), '2026-01-01T10:00:05.000Z', 3)).to.deep.equal([
      '2026-01-01T10:00:20.000Z',
      '2026-01-01T10:00:40.000Z',
      '2026-01-01T10:01:00.000Z',
    ]);
    expect(dueTimes(cron('0 0 1,5 * * *'), '2026-01-01T02:00:00.000Z', 2)).to.deep.equal(['2026-01-01T05:00:00.000Z', '2026-01-02T01:00:00.000Z']);
    expect(dueTimes(cron('0 0 8-10/2 * * *'), '2026-01-01T00:00:00.000Z', 3)).to.deep.equal([
      '2026-01-01T08:00:00.000Z',
      '2026-01-01T10:00:00.000Z',
      '2026-01-02T08:00:00.000Z',
    ]);
    expect(firstDue(cron('0 0 0 1 jan,Jul *'), '2026-02-01T00:00:00.000Z')).to.equal('2026-07-01T00:00:00.000Z');
  });

  it('requires both day fields to match, as Spring does (Friday the 13th)', () => {
    expect(firstDue(cron('0 0 0 13 * FRI'), '2026-01-01T00:00:00.000Z')).to.equal('2026-02-13T00:00:00.000Z');
  });

  it('reads L for the last day of the month, L-n, nL and n#m', () => {
    expect(dueTimes(cron('0 30 23 L * ?'), '2028-01-31T23:30:00.000Z', 2)).to.deep.equal(['2028-02-29T23:30:00.000Z', '2028-03-31T23:30:00.000Z']);
    expect(firstDue(cron('0 0 0 L-2 * ?'), '2026-02-01T00:00:00.000Z')).to.equal('2026-02-26T00:00:00.000Z');
    expect(firstDue(cron('0 0 0 ? * 5L'), '2026-01-01T00:00:00.000Z')).to.equal('2026-01-30T00:00:00.000Z');
    expect(firstDue(cron('0 0 0 ? * MON#2'), '2026-01-01T00:00:00.000Z')).to.equal('2026-01-12T00:00:00.000Z');
  });

  it('knows the macros', () => {
    // 5 May 2026 is a Tuesday.
    const now = '2026-05-05T13:20:00.000Z';
    expect(firstDue(cron('@yearly'), now)).to.equal('2027-01-01T00:00:00.000Z');
    expect(firstDue(cron('@annually'), now)).to.equal('2027-01-01T00:00:00.000Z');
    expect(firstDue(cron('@monthly'), now)).to.equal('2026-06-01T00:00:00.000Z');
    expect(firstDue(cron('@weekly'), now)).to.equal('2026-05-10T00:00:00.000Z');
    expect(firstDue(cron('@daily'), now)).to.equal('2026-05-06T00:00:00.000Z');
    expect(firstDue(cron('@midnight'), now)).to.equal('2026-05-06T00:00:00.000Z');
    expect(firstDue(cron('@hourly'), now)).to.equal('2026-05-05T14:00:00.000Z');
  });

  it('refuses invalid expressions with a message naming the text and the field', () => {
    const cases: Array<[string, string]> = [
      ['0 */15 * * *', 'timer cycle "0 */15 * * *" is neither a repeating interval such as R5/PT10S nor a cron expression'],
      ['PT5M', 'to repeat every PT5M, write R/PT5M'],
      ['0 0 9 * * MON-FRI *', 'a cron expression has 6 fields (second minute hour day-of-month month day-of-week), this has 7'],
      ['61 * * * * *', 'timer cycle "61 * * * * *" is not a valid cron expression: the second field has 61, outside 0-59'],
      ['0 0 24 * * *', 'the hour field has 24, outside 0-23'],
      ['0 0 0 0 * *', 'the day-of-month field has 0, outside 1-31'],
      ['0 0 0 1 13 *', 'the month field has 13, outside 1-12'],
      ['0 0 0 * * 8', 'the day-of-week field has 8, outside 0-7'],
      ['0 0 0 * * MON-', 'the day-of-week field has "" where a day-of-week is expected'],
      ['0 0 0 * * FUN', 'the day-of-week field has "FUN" where a day-of-week is expected'],
      ['*/0 * * * * *', 'the second field has step "0" in "*/0"'],
      ['0 0 17-9 * * *', 'the hour field has range "17-9", which runs backwards'],
      ['0 ? * * * *', 'the minute field has "?", which only the day-of-month and day-of-week fields allow'],
      ['0 0 0 1,,2 * *', 'has an empty list item'],
      ['0 0 0 15W * ?', 'nearest weekdays (W) are not supported'],
      ['0 0 0 ? * MON#6', 'after # comes a week of the month, 1-5'],
      ['@fortnightly', 'timer cycle "@fortnightly" uses an unknown macro'],
      ['0 0 0 30 2 ?', 'timer cycle "0 0 0 30 2 ?" never fires'],
      ['0 0 0 1-7 * MON#5', 'never fires'],
    ];
    for (const [text, message] of cases) expect(() => cron(text), text).to.throw(TimerError, message);
  });
});
