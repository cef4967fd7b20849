/**
 * The metric store as plain JSON, for `--state-dir` persistence: per account and region, each
 * metric's identity, its last put time and its buckets per unit as compact tuples.
 */
import type { DimensionValue } from './metric-identity.ts';
import { identityKey, sortDimensions } from './metric-identity.ts';
import type { StoreSpec } from '../service.ts';
import { MetricRecord, RegionMetrics } from './metric-record.ts';
import { Series } from './metric-series.ts';

/** [start, sampleCount, sum, minimum, maximum, values|null, weights|null] */
type BucketTuple = readonly [number, number, number, number, number, number[] | null, number[] | null];

export interface MetricSnapshot {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly DimensionValue[];
  readonly lastPutAt: number;
  readonly series: readonly { readonly unit: string; readonly buckets: readonly BucketTuple[] }[];
}

export interface MetricStoreSnapshot {
  readonly version: 1;
  readonly regions: readonly {
    readonly accountId: string;
    readonly region: string;
    readonly metrics: readonly MetricSnapshot[];
  }[];
}

export function snapshotMetric(metric: MetricRecord): MetricSnapshot {
  return {
    namespace: metric.identity.namespace,
    metricName: metric.identity.metricName,
    dimensions: metric.identity.dimensions,
    lastPutAt: metric.lastPutAt,
    series: [...metric.series].map(([unit, series]) => ({
      unit,
      buckets: series.buckets.map((b): BucketTuple => [
        b.start,
        b.sampleCount,
        b.sum,
        b.minimum,
        b.maximum,
        b.values ?? null,
        b.weights ?? null,
      ]),
    })),
  };
}

export function restoreMetric(data: MetricSnapshot): MetricRecord {
  const dimensions = sortDimensions(data.dimensions);
  const metric = new MetricRecord(
    { namespace: data.namespace, metricName: data.metricName, dimensions },
    identityKey(data.namespace, data.metricName, dimensions),
  );
  metric.lastPutAt = data.lastPutAt;
  for (const s of data.series) {
    const series = new Series();
    for (const [start, sampleCount, sum, minimum, maximum, values, weights] of s.buckets) {
      series.restoreBucket({
        start,
        sampleCount,
        sum,
        minimum,
        maximum,
        values: values ?? undefined,
        weights: weights ?? undefined,
      });
    }
    metric.series.set(s.unit, series);
  }
  return metric;
}

/** One account/region's metrics, as persisted to `<state-dir>/cloudwatch-metrics/<account>-<region>.json`. */
export interface RegionMetricsSnapshot {
  readonly metrics: readonly MetricSnapshot[];
}

/** The StoreSpec of CloudWatch's per-region metrics on the StateRegistry (alarms are `cloudwatch`'s). */
export const regionMetricsStore: StoreSpec<RegionMetrics> = {
  create: () => new RegionMetrics(),
  serialize: (store): RegionMetricsSnapshot => ({ metrics: [...store.metrics.values()].map(snapshotMetric) }),
  restore: (data) => {
    const store = new RegionMetrics();
    for (const snapshot of (data as RegionMetricsSnapshot).metrics) {
      const metric = restoreMetric(snapshot);
      store.metrics.set(metric.key, metric);
    }
    return store;
  },
};
