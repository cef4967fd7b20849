/**
 * The agent's `timestamp_format` (strftime-like) turned into an unanchored regex plus a parser, as
 * the agent does (`internal/util/timestamp/timestamp.go`). Directives: %Y %y %b %B %m %-m %d %-d %H
 * %I %-I %M %-M %S %-S %p %Z %z %f %A %a %%. Two differences from the agent, both to parse more:
 * `%B` matches every full month name (the agent's regex takes exactly 7 letters, so only January and
 * October parse), and `%z` also takes `+07:00` and `Z` besides `-0700`.
 */
export interface TimestampFormat {
  readonly format: string;
  readonly timezone: 'UTC' | 'Local';
  /** Unanchored; the first match in the message is the timestamp. */
  readonly regex: RegExp;
  parse(message: string, now: number): ParsedTimestamp | undefined;
}

export interface ParsedTimestamp {
  readonly epochMs: number;
  readonly index: number;
  readonly length: number;
}

type Field =
  | 'year'
  | 'year2'
  | 'month'
  | 'monthName'
  | 'day'
  | 'hour'
  | 'hour12'
  | 'minute'
  | 'second'
  | 'ampm'
  | 'zoneName'
  | 'offset'
  | 'fraction'
  | 'weekday';

interface Directive {
  readonly pattern: string;
  readonly field: Field;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const DIRECTIVES: Readonly<Record<string, Directive>> = {
  Y: { pattern: '(\\d{4})', field: 'year' },
  y: { pattern: '(\\d{2})', field: 'year2' },
  b: { pattern: `(${MONTHS.map((m) => m.slice(0, 3)).join('|')})`, field: 'monthName' },
  B: { pattern: `(${MONTHS.join('|')})`, field: 'monthName' },
  m: { pattern: '(\\d{1,2})', field: 'month' },
  '-m': { pattern: '(\\d{1,2})', field: 'month' },
  d: { pattern: '\\s?(\\d{1,2})', field: 'day' },
  '-d': { pattern: '(\\d{1,2})', field: 'day' },
  H: { pattern: '(\\d{1,2})', field: 'hour' },
  I: { pattern: '(\\d{1,2})', field: 'hour12' },
  '-I': { pattern: '(\\d{1,2})', field: 'hour12' },
  M: { pattern: '(\\d{1,2})', field: 'minute' },
  '-M': { pattern: '(\\d{1,2})', field: 'minute' },
  S: { pattern: '(\\d{1,2})', field: 'second' },
  '-S': { pattern: '(\\d{1,2})', field: 'second' },
  p: { pattern: '(AM|PM)', field: 'ampm' },
  Z: { pattern: '([A-Za-z]{1,5})', field: 'zoneName' },
  z: { pattern: '(Z|[+-]\\d{2}:?\\d{2})', field: 'offset' },
  f: { pattern: '(\\d{1,9})', field: 'fraction' },
  A: { pattern: `(${WEEKDAYS.join('|')})`, field: 'weekday' },
  a: { pattern: `(${WEEKDAYS.map((d) => d.slice(0, 3)).join('|')})`, field: 'weekday' },
};

export const SUPPORTED_DIRECTIVES = Object.keys(DIRECTIVES).map((d) => `%${d}`);

/** Throws an Error whose message names the unsupported directive. */
export function compileTimestampFormat(format: string, timezone: 'UTC' | 'Local'): TimestampFormat {
  const fields: Field[] = [];
  let source = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch !== '%') {
      source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    if (format[i + 1] === '%') {
      source += '%';
      i += 1;
      continue;
    }
    const key = format[i + 1] === '-' ? `-${format[i + 2] ?? ''}` : (format[i + 1] ?? '');
    const directive = DIRECTIVES[key];
    if (directive === undefined) {
      throw new Error(
        `unsupported directive %${key} at index ${i}; supported: ${SUPPORTED_DIRECTIVES.join(' ')} %%`,
      );
    }
    source += directive.pattern;
    fields.push(directive.field);
    i += key.length;
  }
  if (fields.length === 0) throw new Error('it has no % directive, so it can never match a time');
  const regex = new RegExp(source, 'i');
  return {
    format,
    timezone,
    regex,
    parse(message, now) {
      const match = regex.exec(message);
      if (match === null) return undefined;
      const epochMs = toEpoch(fields, match, timezone, now);
      return epochMs === undefined ? undefined : { epochMs, index: match.index, length: match[0].length };
    },
  };
}

function toEpoch(
  fields: readonly Field[],
  match: RegExpExecArray,
  timezone: 'UTC' | 'Local',
  now: number,
): number | undefined {
  let year: number | undefined;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millis = 0;
  let pm: boolean | undefined;
  let offsetMinutes: number | undefined;
  fields.forEach((field, i) => {
    const text = match[i + 1] ?? '';
    switch (field) {
      case 'year':
        year = Number(text);
        break;
      case 'year2':
        // Go's rule for two-digit years: 69–99 → 19xx, 00–68 → 20xx.
        year = Number(text) + (Number(text) >= 69 ? 1900 : 2000);
        break;
      case 'month':
        month = Number(text);
        break;
      case 'monthName':
        month = MONTHS.findIndex((m) => m.startsWith(text.toLowerCase().slice(0, 3))) + 1;
        break;
      case 'day':
        day = Number(text);
        break;
      case 'hour':
      case 'hour12':
        hour = Number(text);
        break;
      case 'minute':
        minute = Number(text);
        break;
      case 'second':
        second = Number(text);
        break;
      case 'fraction':
        millis = Math.floor(Number(`0.${text}`) * 1000);
        break;
      case 'ampm':
        pm = text.toUpperCase() === 'PM';
        break;
      case 'offset':
        offsetMinutes = parseOffset(text);
        break;
      case 'zoneName':
        if (/^(utc|gmt|z)$/i.test(text)) offsetMinutes = 0;
        break;
      case 'weekday':
        break;
    }
  });
  if (pm !== undefined) hour = (hour % 12) + (pm ? 12 : 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return undefined;
  const utc = offsetMinutes !== undefined || timezone === 'UTC';
  const resolvedYear = year ?? yearWithoutYear(month, now, utc);
  const epoch = utc
    ? Date.UTC(resolvedYear, month - 1, day, hour, minute, second, millis) - (offsetMinutes ?? 0) * 60_000
    : new Date(resolvedYear, month - 1, day, hour, minute, second, millis).getTime();
  return Number.isFinite(epoch) ? epoch : undefined;
}

function parseOffset(text: string): number {
  if (text.toUpperCase() === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/**
 * A timestamp without a year gets the current one, except across New Year: a December line read in
 * January belongs to last year, a January line read in December (clock skew) to next year.
 */
function yearWithoutYear(month: number, now: number, utc: boolean): number {
  const date = new Date(now);
  const currentYear = utc ? date.getUTCFullYear() : date.getFullYear();
  const currentMonth = (utc ? date.getUTCMonth() : date.getMonth()) + 1;
  if (month === 12 && currentMonth === 1) return currentYear - 1;
  if (month === 1 && currentMonth === 12) return currentYear + 1;
  return currentYear;
}
