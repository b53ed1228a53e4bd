import { expect } from 'chai';
import { FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';
import { evaluateFeel } from '../../../engine/src/expressions/feel.js';

/** FEEL's result of an expression without variables. */
const feel = (expression: string) => evaluateFeel(expression, {}).value;
/** The result as FEEL's string() writes it, or null. */
const text = (expression: string) => {
  const value = feel(expression);
  return value === null || value === undefined ? null : String(value);
};

describe('FEEL date(): XML Schema date strings, also negative and five-digit years', () => {
  it('reads dates, the date of a date and time, and year, month, day', () => {
    expect(feel('date("2017-12-31")')).to.be.instanceOf(FeelDate);
    expect(text('date("2017-12-31")')).to.equal('2017-12-31');
    expect(text('date(date and time("2017-09-03T09:45:30@Europe/Paris"))')).to.equal('2017-09-03');
    expect(text('date(year: 2017, month: 8, day: 30)')).to.equal('2017-08-30');
    expect(text('date(from: "2012-12-25")')).to.equal('2012-12-25');
    expect(feel('date("2017-12-31") = date(2017, 12, 31)')).to.equal(true);
  });

  it('reads years before year 1 and after 9999, which feelin refuses (as far as Temporal holds them)', () => {
    const negative = feel('date("-2017-12-31")') as FeelDate;
    expect([negative.year, negative.month, negative.day]).to.deep.equal([-2017, 12, 31]);
    expect(feel('date("-2017-12-31") = date(-2017, 12, 31)')).to.equal(true);
    expect(feel('string(date("-2017-01-01"))')).to.equal('-2017-01-01');
    expect(feel('string(date("99999-12-31"))')).to.equal('99999-12-31');
    // Temporal ends at the year 275760: a FEEL date beyond it is null, not a wrong date.
    expect(feel('date("999999999-12-31")')).to.equal(null);
  });

  it('gives null for what is not an XML Schema date or not a day', () => {
    for (const bad of ['"2012-12-25T"', '"0000-12-25T"', '""', '"2012/12/25"', '"+2012-12-02"', '"998-12-31"', '"01211-12-31"', '"2017-13-10"', '"2017-02-29"', '"2017-12-31T11:00:00"']) {
      expect(feel(`date(${bad})`), bad).to.equal(null);
    }
    for (const bad of ['date(2017, 13, 31)', 'date(2017, 8, -2)', 'date(2017.5, 1, 1)', 'date(2017, null, 1)', 'date(1)', 'date([])', 'date()', 'date(null)']) {
      expect(feel(bad), bad).to.equal(null);
    }
  });
});

describe('FEEL time()', () => {
  it('keeps the fraction of the second in time(hour, minute, second, offset)', () => {
    const t = feel('time(12, 59, 1.3, duration("-PT1H"))') as FeelTime;
    expect(t).to.be.instanceOf(FeelTime);
    expect(String(t)).to.equal('12:59:01.3-01:00');
    expect(feel('time(12, 59, 1.3, duration("-PT1H")) = time("12:59:01.3-01:00")')).to.equal(true);
    expect(text('time(11, 59, 45, null)')).to.equal('11:59:45');
    expect(text('time(11, 59, 45, duration("PT0H"))')).to.equal('11:59:45Z');
    expect(text('time(11, 59, 0, duration("-PT2H1M"))')).to.equal('11:59:00-02:01');
    expect(feel('string(time(11, 59, 45, duration("PT2H45M55S")))')).to.equal('11:59:45+02:45:55');
    expect(text('time(hour: 11, minute: 59, second: 0, offset: duration("PT2H"))')).to.equal('11:59:00+02:00');
  });

  it('reads time strings with Z, an offset or a zone id, and the time of a date and time or a date', () => {
    expect(text('time("11:22:33.123456789")')).to.equal('11:22:33.123456789');
    expect(text('time("23:59:00Z")')).to.equal('23:59:00Z');
    expect(text('time("13:20:00-05:00")')).to.equal('13:20:00-05:00');
    expect(text('time("13:20:00+14:00")')).to.equal('13:20:00+14:00');
    expect(feel('string(time("00:01:00@Europe/Paris"))')).to.equal('00:01:00@Europe/Paris');
    expect(text('time(date and time("2017-08-10T10:20:00+01:00"))')).to.equal('10:20:00+01:00');
    expect(text('time(date("2017-08-10"))')).to.equal('00:00:00Z');
    expect(text('time(from: "12:45:00")')).to.equal('12:45:00');
  });

  it('gives null for an offset beyond ±14:00 (XML Schema), an offset beside a zone id, and malformed times', () => {
    for (const bad of ['13:20:00+19:00', '13:20:00-19:00', '13:20:00+14:01', '13:20:00+02:00@Europe/Paris', '13:20:00@xyz/abc', '13:20:00+5:00', '24:00:01', '23:59:60', '7:00:00', '11:30:00T', '']) {
      expect(feel(`time("${bad}")`), bad).to.equal(null);
    }
    for (const bad of ['time(11, 59, 45, duration("PT15H"))', 'time(11, 59, 45, duration("P1Y"))', 'time(24, 59, 45, null)', 'time(23, 59, 60, null)', 'time(12, null, 45, null)', 'time(2017)', 'time([])', 'time()']) {
      expect(feel(bad), bad).to.equal(null);
    }
  });
});

describe('FEEL date and time()', () => {
  it('reads date-time strings, a date alone as its midnight, and combines a date with a time', () => {
    expect(feel('date and time("2017-12-31T11:22:33.456+01:35")')).to.be.instanceOf(FeelDateTime);
    expect(text('date and time("2017-12-31T11:22:33.456+01:35")')).to.equal('2017-12-31T11:22:33.456+01:35');
    expect(text('date and time("2012-12-24")')).to.equal('2012-12-24T00:00:00');
    expect(feel('string(date and time("2011-12-31T10:15:30@Europe/Paris"))')).to.equal('2011-12-31T10:15:30@Europe/Paris');
    expect(text('date and time(date("2017-01-01"), time("23:59:01+02:00"))')).to.equal('2017-01-01T23:59:01+02:00');
    // The time's zone, or its lack of one, is the result's.
    expect(text('date and time(date and time("2017-08-10T10:20:00+02:00"), time("23:59:01"))')).to.equal('2017-08-10T23:59:01');
    expect(text('date and time(date: date("2017-01-01"), time: time("23:59:01"))')).to.equal('2017-01-01T23:59:01');
  });

  it('reads negative and five-digit years and writes them as XML Schema does', () => {
    const dt = feel('date and time("-2017-12-31T11:22:33")') as FeelDateTime;
    expect([dt.year, dt.hour, dt.second]).to.deep.equal([-2017, 11, 33]);
    expect(feel('string(date and time("99999-12-31T11:22:33"))')).to.equal('99999-12-31T11:22:33');
    expect(feel('string(date and time("-99999-12-31T11:22:33"))')).to.equal('-99999-12-31T11:22:33');
  });

  it('gives null for an offset beyond ±14:00, an offset beside a zone id, and malformed date-times', () => {
    for (const bad of ['2017-12-31T13:20:00+19:00', '2017-12-31T13:20:00-19:00', '2011-12-03T10:15:30+01:00@Europe/Paris', '2017-12-31T13:20:00+05:0', '+99999-12-01T11:22:33', '01211-12-31T11:22:33', '2011-12-0310:15:30', '2017-12-31T24:00:01', '11:00:00', '']) {
      expect(feel(`date and time("${bad}")`), bad).to.equal(null);
    }
    expect(feel('date and time(date("2017-08-10"), null)')).to.equal(null);
    expect(feel('date and time(null, time("23:59:01"))')).to.equal(null);
    expect(feel('date and time(2017)')).to.equal(null);
  });
});

describe('FEEL duration() and years and months duration()', () => {
  it('reads seconds written "0." or ".5", as XML Schema allows', () => {
    expect(text('duration("PT0.S")')).to.equal('PT0S');
    expect(text('duration("PT.5S")')).to.equal('PT0.5S');
    expect(text('duration("P1DT2H3M4.123456789S")')).to.equal('P1DT2H3M4.123456789S');
    expect(text('duration("P26M")')).to.equal('P2Y2M');
    expect(feel('duration("PT.S")')).to.equal(null);
    expect(feel('duration(2017)')).to.equal(null);
    expect(feel('duration("P1H")')).to.equal(null);
  });

  it('counts whole months between dates or date-times, also before year 1', () => {
    const d = feel('years and months duration(date("2011-12-22"), date("2013-08-24"))') as FeelDuration;
    expect(d).to.be.instanceOf(FeelDuration);
    expect(String(d)).to.equal('P1Y8M');
    expect(text('years and months duration(from: date("2013-08-24"), to: date("2011-12-22"))')).to.equal('-P1Y8M');
    expect(text('years and months duration(date("2016-01-01"), date("2016-01-01"))')).to.equal('P0M');
    expect(text('years and months duration(date and time("2014-12-31T23:59:59"), date and time("-2019-10-01T12:32:59"))')).to.equal('-P4033Y2M');
    expect(text('years and months duration(date("2013-08-24"), date and time("2017-12-15T00:59:59"))')).to.equal('P4Y3M');
    expect(feel('years and months duration(date("2017-08-11"), null)')).to.equal(null);
  });
});

describe('the corrected temporal built-ins leave FEEL parsing alone', () => {
  it('still reads the built-in type names that contain "time" or "duration"', () => {
    expect(feel('@"P10D" instance of days and time duration')).to.equal(true);
    expect(feel('@"P1Y" instance of years and months duration')).to.equal(true);
    expect(feel('@"P1Y" instance of days and time duration')).to.equal(false);
    expect(feel('@"2012-12-24T23:59:00" instance of date and time')).to.equal(true);
    expect(feel('@"2012-12-24" instance of date')).to.equal(true);
    expect(feel('@"10:00:00" instance of time')).to.equal(true);
    expect(feel('@"P1D" instance of duration')).to.equal(true);
    expect(feel('(function(d: days and time duration) d + d)(@"PT1H")')).to.be.instanceOf(FeelDuration);
    expect(String(feel('(function(d: days and time duration) d + d)(@"PT1H")'))).to.equal('PT2H');
  });

  it('leaves a type name without a function unknown as a variable, and string() of other values as feelin has it', () => {
    expect(feel('days and time duration')).to.equal(null);
    expect(feel('string(1.5)')).to.equal('1.5');
    expect(feel('string([1, "a"])')).to.equal('[1, "a"]');
    expect(feel('string(null)')).to.equal(null);
    expect(feel('string(duration("P1D"))')).to.equal('P1D');
    expect(feel('{time: 1}.time + {duration: 2}.duration')).to.equal(3);
  });

  it('lets a variable of the same name win, as FEEL scoping says', () => {
    expect(evaluateFeel('time', { time: 5 }).value).to.equal(5);
  });
});
