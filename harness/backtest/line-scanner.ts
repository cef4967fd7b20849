import { compileMetricFilter, splitFields } from '../filter-pattern/index.ts';
import type {
  CompiledMetricFilter,
  JsonObject,
  PreparedEvent,
  SplitFields,
} from '../filter-pattern/index.ts';
import type { BacktestRule } from './backtest-rule.ts';
import { CAUSES_PER_FIRING, MALFORMED_KEPT_PER_PIECE } from './scan-result.ts';
import type { CauseRequest, CausingEntry, MalformedLine, MinuteBucket, ScanResult } from './scan-result.ts';

const MINUTE_MS = 60_000;
/** Vault writes `time` in UTC with a fraction: `2026-03-02T14:30:00.123456Z`. */
const VAULT_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z$/;

/** The event-time window of a backtest; entries outside it are counted, not evaluated. */
export interface TimeWindow {
  readonly fromMs?: number | undefined;
  readonly toMs?: number | undefined;
}

/**
 * An audit line parsed once and shared by every rule's metric filter (the filter-pattern engine's
 * PreparedEvent contract), so ten JSON rules cost one JSON.parse.
 */
class ParsedLine implements PreparedEvent {
  #fields: SplitFields | undefined;
  constructor(
    readonly message: string,
    private readonly object: JsonObject,
  ) {}
  json(): JsonObject {
    return this.object;
  }
  fields(): SplitFields {
    this.#fields ??= splitFields(this.message);
    return this.#fields;
  }
}

interface CompiledRule {
  readonly filter: CompiledMetricFilter;
  readonly alarmDimensions: readonly (readonly [string, string])[];
}

/**
 * Evaluates audit lines against the rules' metric filters exactly as the emulator's metric filter
 * engine does (same compiled filters, same values and dimensions), bucketed per minute of the
 * entry's `time`. Feed it whole lines in order; it never throws on a bad line, it records it.
 */
export class LineScanner {
  readonly #rules: readonly CompiledRule[];
  readonly #window: TimeWindow;
  readonly #perRule: ScanResult['rules'];
  readonly #entriesPerMinute = new Map<number, number>();
  readonly #malformed: MalformedLine[] = [];
  #malformedCount = 0;
  #lines = 0;
  #entries = 0;
  #outside = 0;
  #bytes = 0;
  #first: number | undefined;
  #last: number | undefined;
  #lastPrefix = '';
  #lastMinute = 0;

  /** Second pass: minute → the cause requests covering it; undefined in the first pass. */
  readonly #requestsByMinute: Map<number, CauseRequest[]> | undefined;
  readonly #causes = new Map<string, CausingEntry[]>();

  constructor(
    rules: readonly BacktestRule[],
    window: TimeWindow = {},
    causeRequests?: readonly CauseRequest[],
  ) {
    this.#rules = rules.map((rule) => ({
      filter: compileMetricFilter(rule.filter.pattern, [
        {
          metricName: rule.filter.metricName,
          metricNamespace: rule.filter.namespace,
          metricValue: rule.filter.value,
          ...(rule.filter.defaultValue !== undefined ? { defaultValue: rule.filter.defaultValue } : {}),
          ...(rule.filter.dimensions ? { dimensions: { ...rule.filter.dimensions } } : {}),
        },
      ]),
      alarmDimensions: Object.entries(rule.alarm.dimensions ?? {}),
    }));
    this.#perRule = rules.map(() => ({ matches: 0, minutes: new Map<number, MinuteBucket>() }));
    this.#window = window;
    if (causeRequests !== undefined) {
      this.#requestsByMinute = new Map();
      for (const request of causeRequests) {
        for (let minute = request.fromMs; minute < request.toMs; minute += MINUTE_MS) {
          const list = this.#requestsByMinute.get(minute) ?? [];
          list.push(request);
          this.#requestsByMinute.set(minute, list);
        }
      }
    }
  }

  /** Counts bytes read (progress and throughput); lines are fed separately. */
  addBytes(count: number): void {
    this.#bytes += count;
  }

  /** One line without its newline. */
  line(text: string): void {
    this.#lines += 1;
    const line = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
    if (line.length === 0) return this.#bad('empty line');
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      return this.#bad(`not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.#bad('not a JSON object (a Vault audit entry is one object per line)');
    }
    const entry = value as JsonObject;
    const time = entry['time'];
    if (typeof time !== 'string') return this.#bad('no "time" string (every Vault audit entry has one)');
    const minute = this.#minuteOf(time);
    if (minute === undefined)
      return this.#bad(`"time" ${JSON.stringify(time.slice(0, 40))} is not an ISO UTC time`);
    if (this.#window.fromMs !== undefined || this.#window.toMs !== undefined) {
      const at = Date.parse(time);
      if (
        (this.#window.fromMs !== undefined && at < this.#window.fromMs) ||
        (this.#window.toMs !== undefined && at >= this.#window.toMs)
      ) {
        this.#outside += 1;
        return;
      }
    }
    if (this.#requestsByMinute !== undefined) return this.#collectCauses(line, entry, time, minute);
    this.#entries += 1;
    this.#entriesPerMinute.set(minute, (this.#entriesPerMinute.get(minute) ?? 0) + 1);
    if (this.#first === undefined || minute < this.#first) this.#first = minute;
    if (this.#last === undefined || minute > this.#last) this.#last = minute;
    const event = new ParsedLine(line, entry);
    for (let i = 0; i < this.#rules.length; i++) {
      const rule = this.#rules[i]!;
      const emissions = rule.filter.apply(event);
      if (emissions === undefined) continue;
      const stats = this.#perRule[i]!;
      stats.matches += 1;
      let bucket = stats.minutes.get(minute);
      if (bucket === undefined) {
        bucket = { matches: 0, sampleCount: 0, sum: 0, minimum: Infinity, maximum: -Infinity };
        stats.minutes.set(minute, bucket);
      }
      bucket.matches += 1;
      for (const emission of emissions) {
        if (!sameDimensions(emission.dimensions, rule.alarmDimensions)) continue;
        bucket.sampleCount += 1;
        bucket.sum += emission.value;
        if (emission.value < bucket.minimum) bucket.minimum = emission.value;
        if (emission.value > bucket.maximum) bucket.maximum = emission.value;
      }
    }
  }

  #collectCauses(line: string, entry: JsonObject, time: string, minute: number): void {
    const requests = this.#requestsByMinute!.get(minute);
    if (requests === undefined) return;
    const event = new ParsedLine(line, entry);
    for (const request of requests) {
      let list = this.#causes.get(request.key);
      if (list === undefined) {
        list = [];
        this.#causes.set(request.key, list);
      }
      if (list.length >= CAUSES_PER_FIRING) continue;
      if (this.#rules[request.rule]!.filter.apply(event) !== undefined) list.push(causingEntry(entry, time));
    }
  }

  /** The rest of the piece cannot be read (a gzip stream cut short): recorded after the last line. */
  unreadableRest(reason: string): void {
    this.#malformedCount += 1;
    if (this.#malformed.length < MALFORMED_KEPT_PER_PIECE)
      this.#malformed.push({ line: this.#lines + 1, reason });
  }

  result(): ScanResult {
    return {
      bytes: this.#bytes,
      lines: this.#lines,
      entries: this.#entries,
      outsideWindow: this.#outside,
      entriesPerMinute: this.#entriesPerMinute,
      firstEventMs: this.#first,
      lastEventMs: this.#last,
      rules: this.#perRule,
      malformedCount: this.#malformedCount,
      malformed: this.#malformed,
      causes: this.#causes,
    };
  }

  /** Minute of a Vault time; the per-minute prefix is parsed once, not once per line. */
  #minuteOf(time: string): number | undefined {
    const prefix = time.slice(0, 16);
    if (prefix === this.#lastPrefix && time.charCodeAt(time.length - 1) === 90 /* Z */)
      return this.#lastMinute;
    if (VAULT_TIME.test(time)) {
      this.#lastPrefix = prefix;
      this.#lastMinute = Date.parse(`${prefix}:00Z`);
      return this.#lastMinute;
    }
    // Another ISO form (an offset instead of Z): correct but slower.
    const at = Date.parse(time);
    if (Number.isNaN(at) || !/^\d{4}-\d\d-\d\dT/.test(time)) return undefined;
    return Math.floor(at / MINUTE_MS) * MINUTE_MS;
  }

  #bad(reason: string): void {
    this.#malformedCount += 1;
    if (this.#malformed.length < MALFORMED_KEPT_PER_PIECE)
      this.#malformed.push({ line: this.#lines, reason });
  }
}

function sameDimensions(
  emitted: Readonly<Record<string, string>>,
  watched: readonly (readonly [string, string])[],
): boolean {
  let count = 0;
  for (const _name in emitted) count += 1;
  if (count !== watched.length) return false;
  for (const [name, value] of watched) if (emitted[name] !== value) return false;
  return true;
}

function causingEntry(entry: JsonObject, time: string): CausingEntry {
  const request = asObject(entry['request']);
  const auth = asObject(entry['auth']);
  return {
    time,
    type: asString(entry['type']),
    requestId: asString(request?.['id']),
    path: asString(request?.['path']),
    operation: asString(request?.['operation']),
    displayName: asString(auth?.['display_name']),
    remoteAddress: asString(request?.['remote_address']),
  };
}

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
