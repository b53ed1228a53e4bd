import { expect } from 'chai';
import { TimerError, addDuration, parseDuration } from '../../../engine/src/timers/index.js';

const none = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

describe('timer durations', () => {
  it('reads every component of PnYnMnWnDTnHnMnS', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7S')).to.deep.equal({ years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 });
  });

  it('reads any subset, weeks alone, and lower case as java.time does', () => {
    expect(parseDuration('PT5M')).to.deep.equal({ ...none, minutes: 5 });
    expect(parseDuration('P2D')).to.deep.equal({ ...none, days: 2 });
    expect(parseDuration('P2W')).to.deep.equal({ ...none, weeks: 2 });
    expect(parseDuration('P1M')).to.deep.equal({ ...none, months: 1 });
    expect(parseDuration('P1DT12H')).to.deep.equal({ ...none, days: 1, hours: 12 });
    expect(parseDuration('pt90s')).to.deep.equal({ ...none, seconds: 90 });
    expect(parseDuration('PT0S')).to.deep.equal(none);
  });

  it('reads a fraction of seconds, with a point or a comma', () => {
    expect(parseDuration('PT0.5S').seconds).to.equal(0.5);
    expect(parseDuration('PT1,25S').seconds).to.equal(1.25);
    expect(parseDuration('PT1M0.001S')).to.deep.equal({ ...none, minutes: 1, seconds: 0.001 });
  });

  it('ignores surrounding whitespace', () => {
    expect(parseDuration('  PT5M\n')).to.deep.equal({ ...none, minutes: 5 });
  });

  it('refuses garbage with a message that names the text', () => {
    expect(() => parseDuration('P5X')).to.throw(TimerError, 'timer duration "P5X" is not an ISO 8601 duration such as PT5M or P2D');
    for (const text of ['', 'P', 'PT', 'P1DT', '5M', 'PT5', 'P1Y2', 'PT1.5M', 'P1.5D', 'P1D2Y', 'T5M', 'PT5M later']) {
      expect(() => parseDuration(text), text).to.throw(TimerError, `timer duration "${text}" is not an ISO 8601 duration`);
    }
  });

  it('refuses a negative duration', () => {
    expect(() => parseDuration('-PT5M')).to.throw(TimerError, 'timer duration "-PT5M" is negative');
    expect(() => parseDuration('PT-5M')).to.throw(TimerError, 'is not an ISO 8601 duration');
  });

  it('refuses numbers too large to compute with', () => {
    expect(() => parseDuration('P99999999999999999999D')).to.throw(TimerError, 'too large');
  });
});

describe('adding a duration to an instant', () => {
  const add = (instant: string, duration: string) => addDuration(instant, parseDuration(duration));

  it('adds exact time, crossing midnight and month end', () => {
    expect(add('2026-01-31T23:30:00.000Z', 'PT1H')).to.equal('2026-02-01T00:30:00.000Z');
    expect(add('2026-01-01T10:00:00.000Z', 'PT0.5S')).to.equal('2026-01-01T10:00:00.500Z');
    expect(add('2026-01-01T10:00:00.000Z', 'PT1.005S')).to.equal('2026-01-01T10:00:01.005Z');
    expect(add('2026-01-01T10:00:00.000Z', 'P1W2DT3H4M5S')).to.equal('2026-01-10T13:04:05.000Z');
  });

  it('clamps to the last day of a shorter month, as java.time does', () => {
    expect(add('2026-01-31T10:15:30.250Z', 'P1M')).to.equal('2026-02-28T10:15:30.250Z');
    expect(add('2026-03-31T00:00:00.000Z', 'P1M')).to.equal('2026-04-30T00:00:00.000Z');
    expect(add('2026-12-31T08:00:00.000Z', 'P2M')).to.equal('2027-02-28T08:00:00.000Z');
    expect(add('2026-01-31T00:00:00.000Z', 'P1M1D')).to.equal('2026-03-01T00:00:00.000Z');
  });

  it('knows leap years', () => {
    expect(add('2024-01-31T00:00:00.000Z', 'P1M')).to.equal('2024-02-29T00:00:00.000Z');
    expect(add('2024-02-29T12:00:00.000Z', 'P1Y')).to.equal('2025-02-28T12:00:00.000Z');
    expect(add('2024-02-29T12:00:00.000Z', 'P4Y')).to.equal('2028-02-29T12:00:00.000Z');
    expect(add('2096-02-29T12:00:00.000Z', 'P4Y')).to.equal('2100-02-28T12:00:00.000Z');
    expect(add('2024-02-28T00:00:00.000Z', 'P1D')).to.equal('2024-02-29T00:00:00.000Z');
    expect(add('2023-02-28T00:00:00.000Z', 'P1D')).to.equal('2023-03-01T00:00:00.000Z');
  });

  it('adds years and months as one number of months (Feb 29 + P1Y1M = Mar 29, not Mar 28)', () => {
    expect(add('2024-02-29T00:00:00.000Z', 'P1Y1M')).to.equal('2025-03-29T00:00:00.000Z');
  });

  it('refuses an instant that is not ISO 8601 and a result beyond the Date range', () => {
    expect(() => add('yesterday', 'PT1M')).to.throw(TimerError, '"yesterday" is not an ISO 8601 instant');
    expect(() => add('2026-01-01T10:00:00', 'PT1M')).to.throw(TimerError, 'is not an ISO 8601 instant');
    expect(add('2026-01-01T10:00:00+01:00', 'PT1M')).to.equal('2026-01-01T09:01:00.000Z');
    expect(() => add('2026-01-01T00:00:00.000Z', 'P300000Y')).to.throw(TimerError, 'beyond the dates');
  });
});
