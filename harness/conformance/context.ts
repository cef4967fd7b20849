import type { AwsClients } from '../aws/index.ts';
import type { EndpointClock } from './endpoint-clock.ts';
import { sleep } from './endpoint-clock.ts';
import type { ResourceTracker } from './resources.ts';

/** Everything an area needs to run its checks against one endpoint. */
export interface ConformanceContext {
  readonly clients: AwsClients;
  readonly region: string;
  /** `http://…` for an emulator, undefined for real AWS. */
  readonly endpoint: string | undefined;
  readonly clock: EndpointClock;
  /** Every resource name starts with it, so runs never meet each other's resources. */
  readonly prefix: string;
  readonly resources: ResourceTracker;
  readonly signal: AbortSignal;
  /** Whether the endpoint can POST to a receiver on this machine's 127.0.0.1 (not real AWS). */
  readonly loopbackReachable: boolean;
  /** How long wall-clock waits may last against this endpoint. */
  readonly bounds: WallBounds;
  progress(message: string): void;
}

/** How long wall-clock waits may last: every wait in a run is bounded by these. */
export interface WallBounds {
  /** After an alarm evaluation boundary, for the evaluation of that minute (ends once settled). */
  readonly afterBoundaryMs: number;
  /** Sending the filter-pattern events (one PutLogEvents per vector). */
  readonly ingestMs: number;
  /** From the first reading of the metric filter datapoints to the last. */
  readonly metricVisibilityMs: number;
  /** From an evaluation boundary to the SNS notification of the transition it causes. */
  readonly deliveryMs: number;
  readonly pollIntervalMs: number;
  /** A complete reading (everything AWS would show is there) unchanged this long is final. */
  readonly settleMs: number;
  /** An incomplete reading unchanged this long is final: what is missing is not coming. */
  readonly quietMs: number;
}

/** Real AWS: its documented latencies (metric filter data in about 1-3 minutes). */
export const AWS_WALL_BOUNDS: WallBounds = {
  afterBoundaryMs: 40_000,
  ingestMs: 180_000,
  metricVisibilityMs: 240_000,
  deliveryMs: 120_000,
  pollIntervalMs: 5_000,
  // AWS may show metric filter sums and alarm states in parts; a reading must hold a while.
  settleMs: 30_000,
  quietMs: 30_000,
};

/**
 * An endpoint on this machine (LocalStack, moto, the lab's emulator on the wall clock): nothing crosses
 * a network or a batching pipeline, so a metric filter datapoint not readable within a minute of the
 * events never will be, and a reading that holds for one poll is final. Alarm evaluation gets more
 * than AWS's bound: an endpoint may evaluate each alarm once per period from its creation rather than
 * on minute boundaries (LocalStack does), so a state or a notification may come up to a period after
 * the boundary, later on a busy machine; alarm states that hold for 20 s are final even when some
 * never moved (read before such an endpoint's next round of evaluations, a period later).
 */
export const LOCAL_WALL_BOUNDS: WallBounds = {
  afterBoundaryMs: 90_000,
  ingestMs: 180_000,
  metricVisibilityMs: 60_000,
  deliveryMs: 90_000,
  pollIntervalMs: 2_000,
  settleMs: 2_000,
  quietMs: 20_000,
};

/**
 * Follows successive readings of an endpoint: given the latest, how long (ms) it has been the same,
 * or undefined when it just changed. On the lab clock a reading that repeats is settled at once.
 */
export function readingTracker(context: ConformanceContext): (reading: string) => number | undefined {
  let last: string | undefined;
  let since = 0;
  return (reading) => {
    const now = performance.now();
    if (reading !== last) {
      last = reading;
      since = now;
      return undefined;
    }
    return context.clock.kind === 'lab' ? Number.POSITIVE_INFINITY : now - since;
  };
}

/** The next minute boundary at least `marginMs` after `now` (endpoint time). */
export function nextBoundary(now: number, marginMs = 25_000): number {
  const boundary = Math.ceil(now / 60_000) * 60_000;
  return boundary - now >= marginMs ? boundary : boundary + 60_000;
}

/**
 * Waits for `check` to give a value: on the lab clock the endpoint's clock has already been moved,
 * so a few real seconds cover asynchronous deliveries; on the wall clock, up to `wallMs`.
 */
export async function eventually<T>(
  context: ConformanceContext,
  check: () => Promise<T | undefined>,
  wallMs: number,
): Promise<T | undefined> {
  const deadline = performance.now() + (context.clock.kind === 'lab' ? 5_000 : wallMs);
  const interval = context.clock.kind === 'lab' ? 50 : context.bounds.pollIntervalMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (performance.now() >= deadline || context.signal.aborted) return undefined;
    await sleep(interval, context.signal);
  }
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(workers);
  return results;
}
