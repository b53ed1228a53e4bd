import { expect } from 'chai';
import { TimerError, checkTimerText, parseTimerSchedule } from '../../../engine/src/timers/index.js';

describe('checking timer texts at deploy', () => {
  it('accepts good texts of each kind', () => {
    const good: Array<[Parameters<typeof checkTimerText>[0], string]> = [
      ['timeDate', '2026-03-01T09:00:00Z'],
      ['timeDate', '2026-03-01T09:00:00[Europe/Brussels]'],
      ['timeDate', '2026-03-01'],
      ['timeDuration', 'PT5M'],
      ['timeDuration', '\n    P2D\n  '],
      ['timeCycle', 'R5/PT10S'],
      ['timeCycle', 'R/P1D'],
      ['timeCycle', 'R3/2026-01-01T09:00:00Z/P1D'],
      ['timeCycle', '0 0 9 * * MON-FRI'],
      ['timeCycle', '@daily'],
    ];
    for (const [kind, text] of good) expect(checkTimerText(kind, text), `${kind} ${text}`).to.equal(null);
  });

  it('gives the problem of bad texts, naming the text', () => {
    expect(checkTimerText('timeDuration', 'P5X')).to.equal('timer duration "P5X" is not an ISO 8601 duration such as PT5M or P2D');
    expect(checkTimerText('timeDuration', '2026-03-01T09:00:00Z')).to.match(/^timer duration "2026-03-01T09:00:00Z" is not an ISO 8601 duration/);
    expect(checkTimerText('timeDate', 'PT5M')).to.match(/^timer date "PT5M" is not an ISO 8601 date-time/);
    expect(checkTimerText('timeDate', '2026-02-30')).to.equal('timer date "2026-02-30" is not a valid date: 2026-02 has no day 30');
    expect(checkTimerText('timeCycle', 'R5/PT0S')).to.match(/^timer cycle "R5\/PT0S" has interval "PT0S" of length zero/);
    expect(checkTimerText('timeCycle', '0 0 9 * *')).to.match(/^timer cycle "0 0 9 \* \*" is neither a repeating interval/);
  });

  it('refuses an empty text for each kind', () => {
    expect(checkTimerText('timeDate', '')).to.equal('timer date is empty');
    expect(checkTimerText('timeDuration', '  ')).to.equal('timer duration is empty');
    expect(checkTimerText('timeCycle', '\n')).to.equal('timer cycle is empty');
  });

  it('throws a TimerError from parseTimerSchedule, also for a value that is no text', () => {
    expect(() => parseTimerSchedule('timeDuration', 'P')).to.throw(TimerError);
    expect(() => parseTimerSchedule('timeDuration', null as unknown as string)).to.throw(TimerError, 'timer duration is null, not a text');
    expect(() => parseTimerSchedule('timeDate', 5 as unknown as string)).to.throw(TimerError, 'timer date is a number, not a text');
  });
});
