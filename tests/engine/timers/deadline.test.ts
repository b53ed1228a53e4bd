import { expect } from 'chai';
import { deadlineAfter } from '../../../engine/src/timers/deadline.js';

describe('timers: deadlines in calendar and working days', () => {
  it('counts calendar days at the same time of day', () => {
    expect(deadlineAfter('2026-01-05T09:00:00.000Z', { days: 10, counted: 'calendar' })).to.equal('2026-01-15T09:00:00.000Z');
  });

  it('counts working days from Monday to Friday, passing over the weekend', () => {
    expect(deadlineAfter('2026-01-05T09:00:00.000Z', { days: 5, counted: 'working' }), 'Monday + 5').to.equal('2026-01-12T09:00:00.000Z');
    expect(deadlineAfter('2026-01-09T15:00:00.000Z', { days: 1, counted: 'working' }), 'Friday + 1').to.equal('2026-01-12T15:00:00.000Z');
    expect(deadlineAfter('2026-01-10T10:00:00.000Z', { days: 1, counted: 'working' }), 'Saturday + 1').to.equal('2026-01-12T10:00:00.000Z');
    expect(deadlineAfter('2026-01-07T12:00:00.000Z', { days: 10, counted: 'working' }), 'Wednesday + 10').to.equal('2026-01-21T12:00:00.000Z');
  });

  it('keeps the wall-clock time in Brussels across a change to summer time', () => {
    // Friday 27 March 2026 10:00 in Brussels (UTC+1); Monday 30 March 10:00 is UTC+2.
    expect(deadlineAfter('2026-03-27T09:00:00.000Z', { days: 3, counted: 'calendar' })).to.equal('2026-03-30T08:00:00.000Z');
    expect(deadlineAfter('2026-03-27T09:00:00.000Z', { days: 1, counted: 'working' })).to.equal('2026-03-30T08:00:00.000Z');
  });

  it('takes the weekday as it is in Brussels, not in UTC', () => {
    // Sunday 23:30 UTC is Monday 00:30 in Brussels: one working day later is Tuesday.
    expect(deadlineAfter('2026-01-11T23:30:00.000Z', { days: 1, counted: 'working' })).to.equal('2026-01-12T23:30:00.000Z');
  });
});
