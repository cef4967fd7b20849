import type { MetricDatumInput } from '../cloudwatch/metric-store.ts';

/**
 * How Logs metric filters reach CloudWatch's metrics in process, without the services importing each
 * other: `emulator.ts` hands CloudWatch's metric store to Logs as a MetricWriter, and one
 * MetricProducers to both.
 */

/** CloudWatch's metric store as seen by producers (`cloudwatch/metric-store.ts` implements it). */
export interface MetricWriter {
  /** `now` (emulator clock, epoch ms) is when the datum was put. */
  put(accountId: string, region: string, datum: MetricDatumInput, now?: number): unknown;
}

export type { MetricDatumInput };

/**
 * Producers that aggregate before publishing (metric filters hold a minute's default value until the
 * minute closes) register a flush; the alarm evaluator calls `flush(T)` before it reads the periods
 * that end at or before T, so every datapoint of those minutes is in the store.
 */
export interface MetricProducers {
  register(flush: (untilMs: number) => void): void;
  flush(untilMs: number): void;
}

export function createMetricProducers(): MetricProducers {
  const flushes: ((untilMs: number) => void)[] = [];
  return {
    register(flush) {
      flushes.push(flush);
    },
    flush(untilMs) {
      for (const flush of flushes) flush(untilMs);
    },
  };
}
