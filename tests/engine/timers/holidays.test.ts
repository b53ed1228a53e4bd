import { expect } from 'chai';
import { deadlineAfter } from '../../../engine/src/timers/deadline.js';
import { easterSunday, publicHolidays } from '../../../engine/src/timers/holidays.js';

describe('timers: public holidays in terms of working days', () => {
  it('finds Easter Sunday in any year', () => {
    const known: [number, [number, number]][] = [[2000, [4, 23]], [2024, [3, 31]], [2025, [4, 20]], [2026, [4, 5]], [2027, [3, 28]], [2038, [4, 25]], [2285, [3, 22]]];
    for (const [year, date] of known) expect(easterSunday(year), String(year)).to.deep.equal(date);
  });

  it('knows the ten legal holidays of Belgium', () => {
    expect([...publicHolidays('be', 2026)].sort()).to.deep.equal([
      '2026-01-01', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-07-21', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25',
    ]);
  });

  it('knows the days of the Dutch Algemene termijnenwet, King’s Day on the 26th when the 27th is a Sunday', () => {
    expect([...publicHolidays('nl', 2026)].sort()).to.deep.equal([
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-04-27', '2026-05-05', '2026-05-14', '2026-05-25', '2026-12-25', '2026-12-26',
    ]);
    expect(publicHolidays('nl', 2025).has('2025-04-26')).to.equal(true);
    expect(publicHolidays('nl', 2025).has('2025-04-27')).to.equal(false);
    expect(publicHolidays('none', 2026).size).to.equal(0);
  });

  it('passes over the holidays of the calendar when counting working days, not calendar days', () => {
    // Thursday 2 April 2026, 11:00 in Brussels; Good Friday the 3rd, Easter Monday the 6th.
    const from = '2026-04-02T09:00:00.000Z';
    expect(deadlineAfter(from, { days: 2, counted: 'working' }, 'none')).to.equal('2026-04-06T09:00:00.000Z');
    expect(deadlineAfter(from, { days: 2, counted: 'working' }, 'be')).to.equal('2026-04-07T09:00:00.000Z');
    expect(deadlineAfter(from, { days: 2, counted: 'working' }, 'nl')).to.equal('2026-04-08T09:00:00.000Z');
    expect(deadlineAfter(from, { days: 4, counted: 'calendar' }, 'be')).to.equal('2026-04-06T09:00:00.000Z');
    // Over New Year: 31 December 2026 (Thursday) + 1 working day is Monday 4 January in Belgium.
    expect(deadlineAfter('2026-12-31T08:00:00.000Z', { days: 1, counted: 'working' }, 'be')).to.equal('2027-01-04T08:00:00.000Z');
  });
});
