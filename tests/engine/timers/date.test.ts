import { expect } from 'chai';
import { TimerError, parseTimerSchedule } from '../../../engine/src/timers/index.js';

const at = (text: string) => {
  const schedule = parseTimerSchedule('timeDate', text);
  if (schedule.kind !== 'date') throw new Error(`expected a date schedule, got ${schedule.kind}`);
  return schedule.at;
};

describe('timer dates', () => {
  it('reads a UTC date-time and gives it back in ISO UTC form', () => {
    expect(at('2026-01-01T10:00:00Z')).to.equal('2026-01-01T10:00:00.000Z');
    expect(at('2026-01-01T10:00Z')).to.equal('2026-01-01T10:00:00.000Z');
    expect(at(' 2026-01-01T10:00:00.250Z\n')).to.equal('2026-01-01T10:00:00.250Z');
  });

  it('keeps milliseconds and drops finer digits', () => {
    expect(at('2026-01-01T10:00:00.123456789Z')).to.equal('2026-01-01T10:00:00.123Z');
  });

  it('applies an offset', () => {
    expect(at('2026-03-01T09:00:00+01:00')).to.equal('2026-03-01T08:00:00.000Z');
    expect(at('2026-03-01T09:00:00-05:30')).to.equal('2026-03-01T14:30:00.000Z');
    expect(at('2026-03-01T00:30:00+0100')).to.equal('2026-02-28T23:30:00.000Z');
    expect(at('2026-03-01T09:00:00+02')).to.equal('2026-03-01T07:00:00.000Z');
  });

  it('takes a date-time without zone as UTC and a bare date as midnight UTC', () => {
    expect(at('2026-03-01T09:00:00')).to.equal('2026-03-01T09:00:00.000Z');
    expect(at('2026-03-01')).to.equal('2026-03-01T00:00:00.000Z');
  });

  it('computes the offset of a zone id, in winter and in summer', () => {
    expect(at('2026-01-15T09:00:00[Europe/Brussels]')).to.equal('2026-01-15T08:00:00.000Z');
    expect(at('2026-07-01T09:00:00[Europe/Brussels]')).to.equal('2026-07-01T07:00:00.000Z');
    expect(at('2026-07-01T09:00:00[America/New_York]')).to.equal('2026-07-01T13:00:00.000Z');
    expect(at('2026-07-01T09:00:00[UTC]')).to.equal('2026-07-01T09:00:00.000Z');
  });

  it('reads the zone the way FEEL writes a zoned date-time (@Europe/Brussels)', () => {
    expect(at('2026-07-01T09:00:00@Europe/Brussels')).to.equal('2026-07-01T07:00:00.000Z');
  });

  it('uses the explicit offset when both an offset and a zone id are given, as java.time does', () => {
    expect(at('2026-03-01T09:00:00+01:00[Europe/Brussels]')).to.equal('2026-03-01T08:00:00.000Z');
    expect(at('2026-07-01T09:00:00+02:00[Europe/Brussels]')).to.equal('2026-07-01T07:00:00.000Z');
  });

  it('resolves the hours around the clock change as java.time does', () => {
    // Spring forward: 02:30 does not exist and becomes 03:30 summer time.
    expect(at('2026-03-29T02:30:00[Europe/Brussels]')).to.equal('2026-03-29T01:30:00.000Z');
    expect(at('2026-03-29T03:30:00[Europe/Brussels]')).to.equal('2026-03-29T01:30:00.000Z');
    expect(at('2026-03-29T01:30:00[Europe/Brussels]')).to.equal('2026-03-29T00:30:00.000Z');
    // Fall back: 02:30 happens twice; the earlier (summer time) is taken.
    expect(at('2026-10-25T02:30:00[Europe/Brussels]')).to.equal('2026-10-25T00:30:00.000Z');
    expect(at('2026-10-25T03:30:00[Europe/Brussels]')).to.equal('2026-10-25T02:30:00.000Z');
  });

  it('accepts 29 February only in leap years', () => {
    expect(at('2028-02-29T12:00:00Z')).to.equal('2028-02-29T12:00:00.000Z');
    expect(() => at('2026-02-29T12:00:00Z')).to.throw(TimerError, 'timer date "2026-02-29T12:00:00Z" is not a valid date: 2026-02 has no day 29');
  });

  it('refuses texts that are no date-time, naming them', () => {
    expect(() => at('tomorrow')).to.throw(TimerError, 'timer date "tomorrow" is not an ISO 8601 date-time');
    expect(() => at('01-03-2026')).to.throw(TimerError, 'is not an ISO 8601 date-time');
    expect(() => at('2026-03-01 09:00:00Z')).to.throw(TimerError, 'is not an ISO 8601 date-time');
    expect(() => at('PT5M')).to.throw(TimerError, 'timer date "PT5M" is not an ISO 8601 date-time');
    expect(() => at('2026-13-01T00:00:00Z')).to.throw(TimerError, 'there is no month 13');
    expect(() => at('2026-03-01T24:00:00Z')).to.throw(TimerError, 'is not a valid time of day: 24:00:00');
    expect(() => at('2026-03-01T09:60Z')).to.throw(TimerError, 'is not a valid time of day: 09:60');
    expect(() => at('2026-03-01T09:00:00+19:00')).to.throw(TimerError, 'impossible offset from UTC "+19:00"');
  });

  it('refuses an unknown zone id', () => {
    expect(() => at('2026-03-01T09:00:00[Europe/Brusels]')).to.throw(
      TimerError,
      'timer date "2026-03-01T09:00:00[Europe/Brusels]" names an unknown time zone "Europe/Brusels"',
    );
    expect(() => at('2026-03-01T09:00:00+01:00[Nowhere]')).to.throw(TimerError, 'unknown time zone "Nowhere"');
  });
});
