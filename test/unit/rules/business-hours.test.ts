import { describe, expect, it } from 'vitest';
import {
  offHoursTimeRegex,
  offHoursUtcIntervals,
  parseWindow,
  twoDigitRange,
  utcOffsetMinutes,
} from '../../../harness/rules/business-hours.ts';

const JAN = Date.UTC(2024, 0, 15, 12, 0, 0);
const JUL = Date.UTC(2024, 6, 15, 12, 0, 0);

function isoAt(minuteOfDay: number): string {
  const h = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const m = String(minuteOfDay % 60).padStart(2, '0');
  return `2024-05-06T${h}:${m}:10.51Z`;
}

/** Every minute of the day, whether the generated regex calls it off-hours. */
function offMinutes(window: string, timeZone: string, at: number): boolean[] {
  const re = new RegExp(offHoursTimeRegex({ window, timeZone }, at));
  return Array.from({ length: 1440 }, (_, m) => re.test(isoAt(m)));
}

describe('business hours → off-hours regex', () => {
  it('matches exactly the hours outside 08:00-18:00 UTC', () => {
    const off = offMinutes('08:00-18:00', 'UTC', JAN);
    for (let m = 0; m < 1440; m++) expect(off[m], isoAt(m)).toBe(m < 480 || m >= 1080);
    expect(offHoursTimeRegex({ window: '08:00-18:00', timeZone: 'UTC' }, JAN)).toBe(
      'T0[0-7]|T1[8-9]|T2[0-3]',
    );
  });

  it('handles minute boundaries, windows across midnight and fractional offsets', () => {
    const cases: Array<[string, string, number]> = [
      ['08:30-17:45', 'UTC', JAN],
      ['22:00-06:00', 'UTC', JAN],
      ['09:00-17:00', 'Asia/Kolkata', JAN], // +05:30
      ['09:00-17:00', 'America/New_York', JAN], // -05:00
      ['09:00-17:00', 'America/New_York', JUL], // -04:00 (DST)
      ['00:00-24:00'.replace('24:00', '23:59'), 'UTC', JAN],
    ];
    for (const [window, zone, at] of cases) {
      const { start, end } = parseWindow(window);
      const offset = utcOffsetMinutes(zone, at);
      const off = offMinutes(window, zone, at);
      for (let utc = 0; utc < 1440; utc++) {
        const local = (utc + offset + 1440) % 1440;
        const inside = start < end ? local >= start && local < end : local >= start || local < end;
        expect(off[utc], `${window} ${zone} at UTC ${isoAt(utc)}`).toBe(!inside);
      }
    }
  });

  it('uses no parentheses and no colon (filter-pattern regex restrictions)', () => {
    const re = offHoursTimeRegex({ window: '08:30-17:45', timeZone: 'Asia/Kolkata' }, JAN);
    expect(re).not.toMatch(/[():]/);
  });

  it('reads zone offsets including daylight saving time', () => {
    expect(utcOffsetMinutes('UTC', JAN)).toBe(0);
    expect(utcOffsetMinutes('Europe/Paris', JAN)).toBe(60);
    expect(utcOffsetMinutes('Europe/Paris', JUL)).toBe(120);
    expect(utcOffsetMinutes('Asia/Kolkata', JAN)).toBe(330);
  });

  it('refuses malformed windows and unknown zones with the value in the message', () => {
    expect(() => parseWindow('8-18')).toThrow(/"8-18".*HH:MM-HH:MM/);
    expect(() => parseWindow('09:00-09:00')).toThrow(/same time/);
    expect(() => utcOffsetMinutes('Mars/Olympus', JAN)).toThrow(/"Mars\/Olympus"/);
  });

  it('merges adjacent off-hours minutes into intervals', () => {
    expect(offHoursUtcIntervals({ window: '08:00-18:00', timeZone: 'UTC' }, JAN)).toEqual([
      [0, 480],
      [1080, 1440],
    ]);
  });

  it('spells two-digit ranges without parentheses', () => {
    expect(twoDigitRange(0, 7)).toEqual(['0[0-7]']);
    expect(twoDigitRange(18, 23)).toEqual(['1[8-9]', '2[0-3]']);
    expect(twoDigitRange(5, 5)).toEqual(['05']);
    expect(twoDigitRange(7, 31)).toEqual(['0[7-9]', '1[0-9]', '2[0-9]', '3[0-1]']);
  });
});
