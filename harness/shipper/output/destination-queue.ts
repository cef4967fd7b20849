import type { Clock } from '../../clock.ts';
import { LabError } from '../../errors.ts';
import { Batch } from './batch.ts';
import type { ConcurrencyLimiter } from './concurrency-limiter.ts';
import type { EventPart, PartOwner, RejectedCounts } from './event-part.ts';
import type { ShipperEventListener } from '../events.ts';
import type { RejectedInfo } from './logs-api.ts';
import type { Sender } from './sender.ts';
import { MAX_BATCH_BYTES, MAX_BATCH_EVENTS, EVENT_OVERHEAD_BYTES } from '../../aws/facts/logs.ts';

/**
 * Batches the events bound for one (log group, log stream) and sends them.
 *
 * - A batch goes out as soon as it is full, when its flush timer (`force_flush_interval`, started by
 *   its first event, on the injected Clock) fires, or on `flush()`.
 * - Several batches may be in flight at once ("where order allows"): CloudWatch accepts concurrent
 *   PutLogEvents on one stream and returns events ordered by timestamp, but says nothing about the
 *   order of equal timestamps from different requests. So a batch starts only when its oldest event
 *   is strictly newer than every event in flight; otherwise it waits (and keeps filling meanwhile).
 * - Memory is bounded: `hasCapacity()` turns false past `maxBufferedBytes` and the readers pause.
 * - A fatal error stops the destination: nothing more is sent and no checkpoint moves past the
 *   failed batch.
 */
export interface DestinationOptions {
  readonly group: string;
  readonly stream: string;
  readonly clock: Clock;
  /** Wall clock for latency figures. */
  readonly wallNow: () => number;
  readonly flushIntervalMs: number;
  readonly maxInFlight: number;
  readonly limiter: ConcurrencyLimiter;
  readonly sender: Sender;
  readonly maxBufferedBytes: number;
  readonly emit: ShipperEventListener;
}

export class DestinationStoppedError extends LabError {
  constructor(group: string, stream: string, reason: string) {
    super('LAB_SHIPPER_DESTINATION_STOPPED', `shipping to ${group} / ${stream} stopped: ${reason}`);
  }
}

let nextBatchId = 1;

export class DestinationQueue {
  readonly group: string;
  readonly stream: string;
  readonly #o: DestinationOptions;
  #batches: Batch[] = [];
  #inFlight = new Set<Batch>();
  #bufferedBytes = 0;
  #failure: string | undefined;
  #capacityListeners = new Set<() => void>();
  #idleWaiters: { resolve(): void; reject(e: unknown): void }[] = [];
  #abort = new AbortController();
  #waitingForLimiter = false;

  constructor(options: DestinationOptions) {
    this.#o = options;
    this.group = options.group;
    this.stream = options.stream;
  }

  get failure(): string | undefined {
    return this.#failure;
  }

  get bufferedBytes(): number {
    return this.#bufferedBytes;
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  hasCapacity(): boolean {
    return this.#failure === undefined && this.#bufferedBytes < this.#o.maxBufferedBytes;
  }

  /** `listener` runs whenever buffered bytes drop (a batch was accepted). */
  onCapacity(listener: () => void): () => void {
    this.#capacityListeners.add(listener);
    return () => this.#capacityListeners.delete(listener);
  }

  add(part: EventPart): void {
    if (this.#failure !== undefined)
      throw new DestinationStoppedError(this.group, this.stream, this.#failure);
    let batch = this.#batches[this.#batches.length - 1];
    if (batch === undefined || batch.full || !batch.fits(part)) {
      const carried: EventPart[] = [];
      if (batch !== undefined && !batch.full) {
        batch.full = true;
        if (batch.maxTs === part.timestamp) carried.push(...batch.takeTrailingRun());
      }
      batch = this.#newBatch();
      for (const p of carried) batch.add(p);
    }
    batch.add(part);
    this.#bufferedBytes += part.bytes;
    // No further event can fit: send it now rather than when the next event arrives.
    if (batch.size >= MAX_BATCH_EVENTS || batch.requestBytes + EVENT_OVERHEAD_BYTES + 1 > MAX_BATCH_BYTES) {
      batch.full = true;
    }
    this.#dispatch();
  }

  /** Marks every waiting batch due and sends what ordering and concurrency allow. */
  flush(): void {
    for (const batch of this.#batches) this.#markDue(batch);
    this.#dispatch();
  }

  /** Resolves when nothing is waiting or in flight; rejects if the destination stops on an error. */
  whenIdle(): Promise<void> {
    if (this.#failure !== undefined)
      return Promise.reject(new DestinationStoppedError(this.group, this.stream, this.#failure));
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve, reject) => this.#idleWaiters.push({ resolve, reject }));
  }

  /** Stops retries and in-flight requests; their events stay unshipped (and are re-read next run). */
  abort(): void {
    this.#abort.abort(new Error('shipper stopping'));
    for (const batch of this.#batches) batch.cancelTimer?.();
  }

  #newBatch(): Batch {
    const batch = new Batch(nextBatchId++);
    this.#batches.push(batch);
    batch.cancelTimer = this.#o.clock.setTimer(this.#o.flushIntervalMs, () => {
      batch.cancelTimer = undefined;
      this.#markDue(batch);
      this.#dispatch();
    });
    return batch;
  }

  #markDue(batch: Batch): void {
    batch.due = true;
    batch.cancelTimer?.();
    batch.cancelTimer = undefined;
  }

  #dispatch(): void {
    while (this.#failure === undefined && !this.#abort.signal.aborted) {
      const batch = this.#batches[0];
      if (batch === undefined || batch.size === 0) break;
      if (!batch.full && !batch.due) break;
      if (this.#inFlight.size >= this.#o.maxInFlight) break;
      let newestInFlight = -Infinity;
      for (const b of this.#inFlight) newestInFlight = Math.max(newestInFlight, b.maxTs);
      if (batch.minTs <= newestInFlight) break;
      if (!this.#o.limiter.tryAcquire()) {
        if (!this.#waitingForLimiter) {
          this.#waitingForLimiter = true;
          this.#o.limiter.onRelease(() => {
            this.#waitingForLimiter = false;
            this.#dispatch();
          });
        }
        break;
      }
      this.#batches.shift();
      batch.full = true;
      batch.cancelTimer?.();
      this.#inFlight.add(batch);
      void this.#send(batch);
    }
  }

  async #send(batch: Batch): Promise<void> {
    const parts = batch.eventsInOrder();
    const byOwner = groupByOwner(parts);
    const started = this.#o.wallNow();
    let outcome;
    try {
      await Promise.all([...byOwner].map(([owner, own]) => owner.beginSend(batch.id, own, this)));
      outcome = await this.#o.sender.send({
        group: this.group,
        stream: this.stream,
        events: parts.map((p) => ({ timestamp: p.timestamp, message: p.message })),
        signal: this.#abort.signal,
        onRetry: (notice) => {
          for (const owner of byOwner.keys()) owner.retried();
          this.#o.emit({
            type: 'retry',
            group: this.group,
            stream: this.stream,
            attempt: notice.attempt,
            delayMs: notice.delayMs,
            error: notice.error,
          });
        },
      });
    } catch (error) {
      // Only a checkpoint write can throw here (disk full, permissions): nothing was sent.
      outcome = {
        state: 'failed' as const,
        error,
        description: `cannot record the batch before sending it: ${(error as Error).message}`,
        attempts: 0,
      };
    } finally {
      this.#o.limiter.release();
    }
    this.#inFlight.delete(batch);
    if (outcome.state === 'accepted') {
      const rejected = rejectedByOwner(parts, outcome.rejected);
      for (const [owner, own] of byOwner) {
        const counts = rejected.get(owner) ?? NONE_REJECTED;
        owner.accepted(batch.id, own, counts);
        if (counts.tooNew + counts.tooOld + counts.expired > 0) {
          this.#o.emit({
            type: 'rejected',
            group: this.group,
            stream: this.stream,
            path: owner.label,
            ...counts,
          });
        }
      }
      this.#bufferedBytes -= batch.messageBytes;
      this.#o.emit({
        type: 'batch-accepted',
        group: this.group,
        stream: this.stream,
        events: parts.length,
        bytes: batch.requestBytes,
        attempts: outcome.attempts,
        latencyMs: this.#o.wallNow() - started,
        ranges: rangesOf(byOwner),
        foundAfterFailure: outcome.foundAfterFailure,
      });
      for (const listener of [...this.#capacityListeners]) listener();
    } else if (outcome.state === 'failed') {
      for (const [owner, own] of byOwner) owner.abandoned(batch.id, own, true);
      this.#fail(outcome.description);
    } else {
      for (const [owner, own] of byOwner) owner.abandoned(batch.id, own, false);
    }
    this.#dispatch();
    this.#settleIdle();
  }

  #fail(description: string): void {
    this.#failure = description;
    for (const batch of this.#batches) batch.cancelTimer?.();
    this.#o.emit({ type: 'destination-stopped', group: this.group, stream: this.stream, error: description });
    for (const listener of [...this.#capacityListeners]) listener();
  }

  #isIdle(): boolean {
    return this.#inFlight.size === 0 && this.#batches.every((b) => b.size === 0);
  }

  #settleIdle(): void {
    if (this.#failure !== undefined) {
      const waiters = this.#idleWaiters.splice(0);
      for (const w of waiters) w.reject(new DestinationStoppedError(this.group, this.stream, this.#failure));
    } else if (this.#isIdle() || this.#abort.signal.aborted) {
      const waiters = this.#idleWaiters.splice(0);
      for (const w of waiters) w.resolve();
    }
  }
}

const NONE_REJECTED: RejectedCounts = { tooNew: 0, tooOld: 0, expired: 0 };

function groupByOwner(parts: readonly EventPart[]): Map<PartOwner, EventPart[]> {
  const map = new Map<PartOwner, EventPart[]>();
  for (const part of parts) {
    const list = map.get(part.owner);
    if (list) list.push(part);
    else map.set(part.owner, [part]);
  }
  return map;
}

/** Indices refer to the request's events: too old/expired are a prefix [0, n), too new a suffix [n, end). */
function rejectedByOwner(
  parts: readonly EventPart[],
  info: RejectedInfo | undefined,
): Map<PartOwner, RejectedCounts> {
  const result = new Map<PartOwner, RejectedCounts>();
  if (info === undefined) return result;
  const expiredEnd = info.expiredLogEventEndIndex ?? 0;
  const tooOldEnd = info.tooOldLogEventEndIndex ?? 0;
  const tooNewStart = info.tooNewLogEventStartIndex ?? parts.length;
  parts.forEach((part, i) => {
    const kind =
      i < expiredEnd ? 'expired' : i < tooOldEnd ? 'tooOld' : i >= tooNewStart ? 'tooNew' : undefined;
    if (kind === undefined) return;
    const counts = { ...(result.get(part.owner) ?? NONE_REJECTED) };
    counts[kind] += 1;
    result.set(part.owner, counts);
  });
  return result;
}

function rangesOf(byOwner: Map<PartOwner, EventPart[]>): { path: string; from: number; to: number }[] {
  return [...byOwner].map(([owner, parts]) => {
    let from = Infinity;
    let to = -Infinity;
    for (const p of parts) {
      from = Math.min(from, p.from[0]);
      to = Math.max(to, p.to[0]);
    }
    return { path: owner.label, from, to };
  });
}
