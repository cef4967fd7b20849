import type { MetricTransformation } from '@aws-sdk/client-cloudwatch-logs';
import type { Validated } from '../service.ts';
import { partitionPoint } from '../shared/sorted-search.ts';
import { DAY_MS } from './limits.ts';

/**
 * CloudWatch Logs state of one account and region: log groups, their streams and events, metric
 * filters and tags. Plain data plus small helpers; operations live in `operations/`.
 */
export interface StoredEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime: number;
  /** Store-wide arrival order: breaks timestamp ties and makes event ids and tokens stable. */
  readonly seq: number;
}

/**
 * 20 digits of timestamp + 36 of arrival order, so keys sort like (timestamp, seq): FilterLogEvents'
 * `eventId` and the position in GetLogEvents tokens, 56 digits like AWS's.
 */
export function eventKey(event: StoredEvent): string {
  return `${String(Math.max(0, event.timestamp)).padStart(20, '0')}${String(event.seq).padStart(36, '0')}`;
}

/** First index of time-ordered events whose timestamp is >= `timestamp`. */
export function firstEventAt(events: readonly StoredEvent[], timestamp: number): number {
  return partitionPoint(events, (e) => e.timestamp < timestamp);
}

export class LogStreamState {
  readonly events: StoredEvent[] = [];
  /** False once an event arrived older than the newest one; reads sort lazily. */
  sorted = true;
  firstEventTimestamp: number | undefined;
  lastEventTimestamp: number | undefined;
  lastIngestionTime: number | undefined;
  storedBytes = 0;
  uploadSequence = 1;

  constructor(
    readonly name: string,
    readonly creationTime: number,
  ) {}

  append(batch: readonly StoredEvent[], bytes: number): void {
    if (batch.length === 0) return;
    const first = batch[0]!;
    const last = batch[batch.length - 1]!;
    const previous = this.events[this.events.length - 1];
    if (previous !== undefined && previous.timestamp > first.timestamp) this.sorted = false;
    for (const event of batch) this.events.push(event);
    this.firstEventTimestamp = Math.min(this.firstEventTimestamp ?? first.timestamp, first.timestamp);
    this.lastEventTimestamp = Math.max(this.lastEventTimestamp ?? last.timestamp, last.timestamp);
    this.lastIngestionTime = last.ingestionTime;
    this.storedBytes += bytes;
    this.uploadSequence += 1;
  }

  /** Events in (timestamp, arrival) order. */
  ordered(): readonly StoredEvent[] {
    if (!this.sorted) {
      this.events.sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
      this.sorted = true;
    }
    return this.events;
  }

  /** Drops events older than `cutoff` (retention); returns the bytes freed. */
  expireBefore(cutoff: number): number {
    const events = this.ordered();
    let count = 0;
    let bytes = 0;
    while (count < events.length && events[count]!.timestamp < cutoff) {
      bytes += Buffer.byteLength(events[count]!.message, 'utf8');
      count += 1;
    }
    if (count > 0) {
      this.events.splice(0, count);
      this.storedBytes -= bytes;
    }
    return bytes;
  }
}

export interface MetricFilterState {
  readonly filterName: string;
  readonly filterPattern: string;
  readonly metricTransformations: Validated<MetricTransformation>[];
  readonly creationTime: number;
  readonly applyOnTransformedLogs?: boolean;
  readonly fieldSelectionCriteria?: string;
  readonly emitSystemFieldDimensions?: string[];
}

export class LogGroupState {
  readonly streams = new Map<string, LogStreamState>();
  readonly metricFilters = new Map<string, MetricFilterState>();
  tags: Record<string, string> = {};
  retentionInDays: number | undefined;

  constructor(
    readonly name: string,
    readonly creationTime: number,
    readonly logGroupClass: string = 'STANDARD',
    readonly kmsKeyId?: string,
    public deletionProtectionEnabled?: boolean,
  ) {}

  storedBytes(): number {
    let total = 0;
    for (const stream of this.streams.values()) total += stream.storedBytes;
    return total;
  }

  /** Oldest timestamp retention keeps at `now`, if a policy is set. */
  retentionCutoff(now: number): number | undefined {
    return this.retentionInDays === undefined ? undefined : now - this.retentionInDays * DAY_MS;
  }
}

export class LogsStore {
  readonly groups = new Map<string, LogGroupState>();
  #seq = 0;

  nextSeq(): number {
    this.#seq += 1;
    return this.#seq;
  }

  get seq(): number {
    return this.#seq;
  }

  set seq(value: number) {
    this.#seq = value;
  }
}

/** JSON snapshot for `--state-dir`: events as `[timestamp, message, ingestionTime, seq]` tuples. */
export interface LogsSnapshot {
  readonly seq: number;
  readonly groups: {
    readonly name: string;
    readonly creationTime: number;
    readonly logGroupClass: string;
    readonly kmsKeyId?: string;
    readonly deletionProtectionEnabled?: boolean;
    readonly retentionInDays?: number;
    readonly tags: Record<string, string>;
    readonly metricFilters: MetricFilterState[];
    readonly streams: {
      readonly name: string;
      readonly creationTime: number;
      readonly uploadSequence: number;
      readonly events: [number, string, number, number][];
    }[];
  }[];
}

export function snapshotLogs(store: LogsStore): LogsSnapshot {
  return {
    seq: store.seq,
    groups: [...store.groups.values()].map((group) => ({
      name: group.name,
      creationTime: group.creationTime,
      logGroupClass: group.logGroupClass,
      ...(group.kmsKeyId !== undefined ? { kmsKeyId: group.kmsKeyId } : {}),
      ...(group.deletionProtectionEnabled !== undefined
        ? { deletionProtectionEnabled: group.deletionProtectionEnabled }
        : {}),
      ...(group.retentionInDays !== undefined ? { retentionInDays: group.retentionInDays } : {}),
      tags: group.tags,
      metricFilters: [...group.metricFilters.values()],
      streams: [...group.streams.values()].map((stream) => ({
        name: stream.name,
        creationTime: stream.creationTime,
        uploadSequence: stream.uploadSequence,
        events: stream
          .ordered()
          .map((e) => [e.timestamp, e.message, e.ingestionTime, e.seq] as [number, string, number, number]),
      })),
    })),
  };
}

export function restoreLogs(snapshot: LogsSnapshot): LogsStore {
  const store = new LogsStore();
  store.seq = snapshot.seq;
  for (const g of snapshot.groups) {
    const group = new LogGroupState(
      g.name,
      g.creationTime,
      g.logGroupClass,
      g.kmsKeyId,
      g.deletionProtectionEnabled,
    );
    group.retentionInDays = g.retentionInDays;
    group.tags = { ...g.tags };
    for (const filter of g.metricFilters) group.metricFilters.set(filter.filterName, filter);
    for (const s of g.streams) {
      const stream = new LogStreamState(s.name, s.creationTime);
      const events = s.events.map(([timestamp, message, ingestionTime, seq]) => ({
        timestamp,
        message,
        ingestionTime,
        seq,
      }));
      const bytes = events.reduce((sum, e) => sum + Buffer.byteLength(e.message, 'utf8'), 0);
      stream.append(events, bytes);
      stream.uploadSequence = s.uploadSequence;
      // A loop, not Math.max(...events): a spread of 100,000+ arguments overflows the stack.
      let lastIngestion: number | undefined;
      for (const e of events) lastIngestion = Math.max(lastIngestion ?? e.ingestionTime, e.ingestionTime);
      stream.lastIngestionTime = lastIngestion;
      group.streams.set(s.name, stream);
    }
    store.groups.set(g.name, group);
  }
  return store;
}
