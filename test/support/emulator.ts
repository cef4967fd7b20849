import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { OffsetClock } from '../../harness/clock.ts';
import { LOCAL_CREDENTIALS } from '../../harness/aws/clients.ts';
import { aggregate } from '../../harness/emulator/cloudwatch/metric-store.ts';
import type { MetricStore } from '../../harness/emulator/cloudwatch/metric-store.ts';
import { startEmulator } from '../../harness/emulator/index.ts';
import type { EmulatorOptions, RunningEmulator } from '../../harness/emulator/index.ts';

/**
 * The real emulator over real HTTP for emulator tests, on an OffsetClock the test controls, with an
 * SDK v3 Logs client and CloudWatch's metric store, which metric filters write to.
 */
export interface TestEmulator {
  readonly emulator: RunningEmulator;
  readonly endpoint: string;
  readonly clock: OffsetClock;
  readonly logs: CloudWatchLogsClient;
  readonly metrics: MetricStore;
  /** Sum/SampleCount of a metric over [start, end) (undefined when no sample). */
  metricStats(
    identity: { namespace: string; metricName: string; dimensions?: { name: string; value: string }[] },
    start: number,
    end: number,
  ): { sum: number; sampleCount: number; minimum: number; maximum: number } | undefined;
  /** A `/_lab/` call: JSON in, status + JSON out. */
  control(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  stop(): Promise<void>;
}

/** 2026-01-15T10:00:00Z: a fixed, minute-aligned start so minute buckets are predictable. */
export const TEST_START = Date.UTC(2026, 0, 15, 10, 0, 0);

export async function startTestEmulator(
  options: Omit<EmulatorOptions, 'clock'> & { startAt?: number; region?: string } = {},
): Promise<TestEmulator> {
  const clock = new OffsetClock({ startAt: options.startAt ?? TEST_START });
  const emulator = await startEmulator({ ...options, clock });
  const store = emulator.engines.metrics;
  const logs = new CloudWatchLogsClient({
    endpoint: emulator.endpoint,
    region: options.region ?? emulator.region,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  return {
    emulator,
    endpoint: emulator.endpoint,
    clock,
    logs,
    metrics: store,
    metricStats(identity, start, end) {
      const record = store.find('000000000000', options.region ?? emulator.region, identity);
      if (record === undefined) return undefined;
      const agg = aggregate(record, start, end);
      return agg === undefined
        ? undefined
        : { sum: agg.sum, sampleCount: agg.sampleCount, minimum: agg.minimum, maximum: agg.maximum };
    },
    async control(method, path, body) {
      // The lab takes POSTs only as JSON, even empty ones (a web page cannot send that cross-site).
      const json = body !== undefined || method === 'POST';
      const response = await fetch(`${emulator.endpoint}${path}`, {
        method,
        ...(json
          ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) }
          : {}),
      });
      const text = await response.text();
      return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
    },
    async stop() {
      logs.destroy();
      await emulator.stop();
    },
  };
}

/** Raw HTTP to the emulator, for requests no SDK would send (bad JSON, unknown targets, bad forms). */
export async function rawRequest(
  endpoint: string,
  init: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${endpoint}${init.path ?? '/'}`, {
    method: init.method ?? 'POST',
    headers: init.headers ?? {},
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A SigV4 Authorization header with a given credential scope (signature not checked). */
export function authHeader(service: string, region = 'us-east-1', accessKeyId = 'test'): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260115/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000`;
}
