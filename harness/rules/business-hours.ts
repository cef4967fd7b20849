import { ConfigError } from '../errors.ts';

/**
 * Business hours for the off-hours rule. A filter pattern cannot evaluate time zones or weekdays,
 * so the window is turned into a regex over the UTC clock time in Vault's `$.time`
 * (`2024-05-06T10:14:10.51Z`), using the time zone's UTC offset at the moment the rule is built.
 * Zones with daylight saving time therefore need the rules re-applied when the offset changes.
 */
export interface BusinessHours {
  /** `HH:MM-HH:MM` in local time of `timeZone`; may wrap midnight (`22:00-06:00`). */
  readonly window: string;
  /** IANA time zone (`Europe/Paris`) or `UTC`. */
  readonly timeZone: string;
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = { window: '08:00-18:00', timeZone: 'UTC' };

const MINUTES_PER_DAY = 1440;
const WINDOW_PATTERN = /^([01]\d|2[0-4]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

export interface MinuteWindow {
  /** Minutes after local midnight, [start, end) with wrap-around when end <= start. */
  readonly start: number;
  readonly end: number;
}

export function parseWindow(window: string): MinuteWindow {
  const m = WINDOW_PATTERN.exec(window.trim());
  if (!m)
    throw new ConfigError(
      `business hours window ${JSON.stringify(window)}: expected HH:MM-HH:MM, e.g. 08:00-18:00`,
    );
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  if (start > MINUTES_PER_DAY || end > MINUTES_PER_DAY) {
    throw new ConfigError(
      `business hours window ${JSON.stringify(window)}: times must be within 00:00-24:00`,
    );
  }
  if (start % MINUTES_PER_DAY === end % MINUTES_PER_DAY) {
    throw new ConfigError(
      `business hours window ${JSON.stringify(window)}: start and end are the same time, so no activity would ever be off-hours`,
    );
  }
  return { start: start % MINUTES_PER_DAY, end: end % MINUTES_PER_DAY };
}

/** The zone's offset from UTC in minutes (east positive) at `at` (epoch ms). */
export function utcOffsetMinutes(timeZone: string, at: number): number {
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(at))
      .find((p) => p.type === 'timeZoneName')?.value;
  } catch (error) {
    throw new ConfigError(
      `time zone ${JSON.stringify(timeZone)}: not a known IANA time zone (e.g. UTC, Europe/Paris)`,
      {
        cause: error,
      },
    );
  }
  const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '');
  if (!m)
    throw new ConfigError(`time zone ${JSON.stringify(timeZone)}: cannot read its UTC offset (${name})`);
  if (m[1] === undefined) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** UTC minute-of-day intervals [start, end) outside business hours, merged and sorted. */
export function offHoursUtcIntervals(hours: BusinessHours, at: number): Array<[number, number]> {
  const window = parseWindow(hours.window);
  const offset = utcOffsetMinutes(hours.timeZone, at);
  const inside = new Array<boolean>(MINUTES_PER_DAY).fill(false);
  const length = (window.end - window.start + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  for (let i = 0; i < length; i++) {
    const utc = (((window.start + i - offset) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
    inside[utc] = true;
  }
  const intervals: Array<[number, number]> = [];
  for (let m = 0; m < MINUTES_PER_DAY; m++) {
    if (inside[m]) continue;
    const last = intervals.at(-1);
    if (last && last[1] === m) last[1] = m + 1;
    else intervals.push([m, m + 1]);
  }
  return intervals;
}

/**
 * Regex body (without the surrounding `%`) matching an RFC 3339 UTC time whose clock time is outside
 * business hours. Filter-pattern regex allows no parentheses, so every alternative is spelled out;
 * `.` stands for the `:` between hour and minute because `:` is missing from older lists of allowed
 * regex characters.
 */
export function offHoursTimeRegex(hours: BusinessHours, at: number): string {
  const alternatives: string[] = [];
  for (const [start, end] of offHoursUtcIntervals(hours, at)) {
    let m = start;
    while (m < end) {
      const hour = Math.floor(m / 60);
      const minute = m % 60;
      if (minute === 0 && end - m >= 60) {
        const lastFullHour = Math.floor(end / 60) - 1;
        for (const alt of twoDigitRange(hour, lastFullHour)) alternatives.push(`T${alt}`);
        m = (lastFullHour + 1) * 60;
      } else {
        const lastMinute = Math.min(end - 1, hour * 60 + 59) % 60;
        for (const alt of twoDigitRange(minute, lastMinute)) alternatives.push(`T${pad(hour)}.${alt}`);
        m = hour * 60 + lastMinute + 1;
      }
    }
  }
  return alternatives.join('|');
}

/** Regex alternatives (no parentheses) matching the zero-padded two-digit numbers lo..hi. */
export function twoDigitRange(lo: number, hi: number): string[] {
  const out: string[] = [];
  for (let tens = Math.floor(lo / 10); tens <= Math.floor(hi / 10); tens++) {
    const from = tens === Math.floor(lo / 10) ? lo % 10 : 0;
    const to = tens === Math.floor(hi / 10) ? hi % 10 : 9;
    out.push(`${tens}${from === to ? `${from}` : `[${from}-${to}]`}`);
  }
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
