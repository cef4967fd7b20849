import type { MetricDatumInput } from './cloudwatch/metric-store.ts';
import type { CapabilityRegistryApi } from './service.ts';

/**
 * In-process APIs one service offers the others, so services talk without HTTP and without importing
 * each other: Logs metric filters write datapoints to CloudWatch's metric store; alarms publish to
 * SNS; SNS delivers to SQS. A service provides its capability in its factory
 * (`env.capabilities.provide('metrics', store)`) and a consumer looks it up when it needs it. A
 * service adds its own keys by declaration merging, next to its factory:
 *
 *   declare module '../capabilities.ts' { interface EmulatorCapabilities { snsEngine: SnsEngine } }
 */

/** CloudWatch's metric store as seen by producers (`cloudwatch/metric-store.ts` implements it). */
export interface MetricSink {
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

export interface EmulatorCapabilities {
  metrics: MetricSink;
  metricProducers: MetricProducers;
}

export class CapabilityRegistry implements CapabilityRegistryApi {
  readonly #values = new Map<string, unknown>();

  provide<K extends keyof EmulatorCapabilities>(name: K, value: EmulatorCapabilities[K]): void {
    this.#values.set(name, value);
  }

  get<K extends keyof EmulatorCapabilities>(name: K): EmulatorCapabilities[K] | undefined {
    return this.#values.get(name) as EmulatorCapabilities[K] | undefined;
  }
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
