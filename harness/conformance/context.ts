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
  progress(message: string): void;
}

/** How long wall-clock waits may last: every wait in a run is bounded by these. */
export const WALL_BOUNDS = {
  /** After an alarm evaluation boundary: AWS evaluates within the minute that follows it. */
  afterBoundaryMs: 40_000,
  /** Sending the filter-pattern events (one PutLogEvents per vector). */
  ingestMs: 180_000,
  /** Metric filter metrics appear at AWS within about 1-3 minutes of ingestion. */
  metricVisibilityMs: 240_000,
  /** An SNS notification after the alarm's transition. */
  deliveryMs: 120_000,
  pollIntervalMs: 5_000,
} as const;

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
  const interval = context.clock.kind === 'lab' ? 50 : WALL_BOUNDS.pollIntervalMs;
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
