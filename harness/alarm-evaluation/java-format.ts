/**
 * Number and date formats of CloudWatch's own texts. CloudWatch is a Java service: the numbers in
 * StateReason, StateReasonData and the alarm notification are Java `Double.toString` values
 * (`21.0`, `0.43262672424316406`, `1.0E7`), and its dates have fixed, non-ISO shapes
 * (`2025-05-14T01:58:11.589+0000`, `(14/05/25 01:55:00)`, `Wednesday 15 August, 2018 21:20:02 UTC`).
 * See alarms-sns.md §2.7, §2.8 and §3.
 */

/** Java `Double.toString`: decimal in [1e-3, 1e7), computerized scientific notation outside. */
export function javaDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) {
    const text = String(n);
    return text.includes('.') ? text : `${text}.0`;
  }
  // toExponential() without digits gives the shortest round-tripping mantissa, like Java.
  const [mantissa, exponent] = n.toExponential().split('e') as [string, string];
  const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${m}E${exponent.startsWith('+') ? exponent.slice(1) : exponent}`;
}

/** A number that must be written as a Java double in `javaJson` output. */
export class JavaDouble {
  constructor(readonly value: number) {}
}

export function dbl(value: number): JavaDouble {
  return new JavaDouble(value);
}

/** A document already serialised by `javaJson`, embedded as is (keeps its Java doubles). */
export class RawJson {
  constructor(readonly json: string) {}
}

/**
 * JSON.stringify for CloudWatch's documents: JavaDouble values are written Java-style (`90.0`),
 * plain numbers as integers/JS numbers, keys in insertion order, no whitespace.
 */
export function javaJson(value: unknown): string {
  if (value instanceof JavaDouble) {
    // NaN/Infinity are not JSON; CloudWatch never emits them in these documents.
    return Number.isFinite(value.value) ? javaDouble(value.value) : 'null';
  }
  if (value instanceof RawJson) return value.json;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => javaJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      parts.push(`${JSON.stringify(k)}:${javaJson(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `2025-05-14T01:58:11.589+0000` (alarm notification, StateReasonData). */
export function cloudwatchTimestamp(epochMs: number): string {
  const d = new Date(epochMs);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`
  );
}

/** `14/05/25 01:55:00`: datapoint times in StateReason (dd/MM/yy HH:mm:ss, UTC). */
export function reasonDatapointTime(epochMs: number): string {
  const d = new Date(epochMs);
  return (
    `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear() % 100)} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `Wednesday 15 August, 2018 21:20:02 UTC` (email text, composite reasons). */
export function longUtcDate(epochMs: number): string {
  const d = new Date(epochMs);
  return (
    `${WEEKDAYS[d.getUTCDay()]} ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]}, ${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`
  );
}
