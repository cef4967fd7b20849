/**
 * The CloudWatch metric store: every datapoint put by PutMetricData or by a CloudWatch Logs metric
 * filter, per account and region, and the reads the API and the alarm evaluator need. The metrics of
 * each (account, region) are a store of the StateRegistry, like every service's state (`POST
 * /_lab/reset` drops them, `--state-dir` persists them per region).
 *
 * - a metric is identified by namespace, metric name and its set of dimensions (`metric-identity.ts`);
 * - its samples are kept per unit, in buckets of their storage resolution (`metric-series.ts`); a
 *   sample put without a unit has unit `None`;
 * - reads are per period: `aggregate()` merges the buckets of one half-open time range [start, end).
 */
import type { DimensionFilter, DimensionValue, MetricIdentityInput } from './metric-identity.ts';
import { identityKey, matchesDimensionFilters, sortDimensions } from './metric-identity.ts';
import { MetricRecord, RegionMetrics } from './metric-record.ts';
import { Series, type SamplesInput } from './metric-series.ts';
import { restoreMetric, snapshotMetric, type MetricStoreSnapshot } from './metric-store-snapshot.ts';
import { standaloneStores, type StoreAccessor } from '../state/state-registry.ts';
import type { Aggregate } from '../../alarm-evaluation/index.ts';

/** Standard resolution: samples are stored at one-minute granularity. */
export const STANDARD_RESOLUTION_MS = 60_000;
/** High resolution (StorageResolution=1): one-second granularity. */
export const HIGH_RESOLUTION_MS = 1_000;
/** The unit CloudWatch records for samples put without one. */
export const UNIT_NONE = 'None';

/** One datum, already validated (the API layer validates requests; metric filters produce valid data). */
export interface MetricDatumInput extends SamplesInput {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions?: readonly DimensionValue[];
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly unit?: string | undefined;
  readonly storageResolution?: 1 | 60 | undefined;
}

export interface ListMetricsFilter {
  readonly namespace?: string | undefined;
  readonly metricName?: string | undefined;
  readonly dimensions?: readonly DimensionFilter[] | undefined;
  /** Only metrics that received a sample at or after this time (ListMetrics RecentlyActive=PT3H). */
  readonly activeSince?: number | undefined;
}

export interface PeriodAggregate {
  /** Start of the period, epoch ms. */
  readonly timestamp: number;
  readonly unit: string;
  readonly aggregate: Aggregate;
}

export interface AggregateOptions {
  /** Only samples of this unit; every unit merged when absent. */
  readonly unit?: string | undefined;
  /** Keep raw values: percentiles need them, the basic statistics do not (alarms stay cheap). */
  readonly withValues?: boolean;
  /** Without `unit`: collects the units whose samples were merged (GetMetricData's MultipleUnits). */
  readonly unitsSeen?: Set<string>;
}

type PutListener = (accountId: string, region: string, metric: MetricRecord) => void;

export class MetricStore {
  readonly #regions: StoreAccessor<RegionMetrics>;
  readonly #listeners = new Set<PutListener>();

  /** `regions`: the emulator's StateRegistry accessor; standalone stores for unit tests and benchmarks. */
  constructor(regions: StoreAccessor<RegionMetrics> = standaloneStores(() => new RegionMetrics())) {
    this.#regions = regions;
  }

  /** The metrics of an account/region (created empty on first use). */
  region(accountId: string, region: string): RegionMetrics {
    return this.#regions.get({ accountId, region });
  }

  /**
   * Records one datum. `now` (epoch ms, the emulator clock) is when it was put; it feeds ListMetrics'
   * RecentlyActive filter and defaults to the datum's timestamp.
   */
  put(
    accountId: string,
    region: string,
    datum: MetricDatumInput,
    now: number = datum.timestamp,
  ): MetricRecord {
    const regionMetrics = this.region(accountId, region);
    const dimensions = sortDimensions(datum.dimensions ?? []);
    const key = identityKey(datum.namespace, datum.metricName, dimensions);
    let metric = regionMetrics.metrics.get(key);
    if (metric === undefined) {
      metric = new MetricRecord(
        { namespace: datum.namespace, metricName: datum.metricName, dimensions },
        key,
      );
      regionMetrics.metrics.set(key, metric);
    }
    metric.lastPutAt = Math.max(metric.lastPutAt, now);
    const unit = datum.unit ?? UNIT_NONE;
    let series = metric.series.get(unit);
    if (series === undefined) {
      series = new Series();
      metric.series.set(unit, series);
    }
    const resolution = datum.storageResolution === 1 ? HIGH_RESOLUTION_MS : STANDARD_RESOLUTION_MS;
    series.add(Math.floor(datum.timestamp / resolution) * resolution, datum);
    for (const listener of this.#listeners) listener(accountId, region, metric);
    return metric;
  }

  /** Called after every put; returns an unsubscribe function. */
  onPut(listener: PutListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  find(accountId: string, region: string, identity: MetricIdentityInput): MetricRecord | undefined {
    return this.#regions.peek({ accountId, region })?.find(identity);
  }

  /** Metrics matching a ListMetrics-style filter, sorted by namespace, name, then dimensions. */
  list(accountId: string, region: string, filter: ListMetricsFilter = {}): MetricRecord[] {
    const regionMetrics = this.#regions.peek({ accountId, region });
    if (regionMetrics === undefined) return [];
    const out: MetricRecord[] = [];
    for (const metric of regionMetrics.metrics.values()) {
      const { identity } = metric;
      if (filter.namespace !== undefined && identity.namespace !== filter.namespace) continue;
      if (filter.metricName !== undefined && identity.metricName !== filter.metricName) continue;
      if (filter.activeSince !== undefined && metric.lastPutAt < filter.activeSince) continue;
      if (filter.dimensions !== undefined && !matchesDimensionFilters(identity.dimensions, filter.dimensions))
        continue;
      out.push(metric);
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Removes every metric of every account and region. */
  clear(): void {
    for (const { store } of this.#regions.entries()) store.metrics.clear();
  }

  /** Drops buckets older than `before` (epoch ms) and metrics left empty; retention housekeeping. */
  prune(before: number): void {
    for (const { store: regionMetrics } of this.#regions.entries()) {
      for (const [key, metric] of regionMetrics.metrics) {
        for (const [unit, series] of metric.series) {
          series.dropBefore(before);
          if (series.starts.length === 0) metric.series.delete(unit);
        }
        if (metric.series.size === 0) regionMetrics.metrics.delete(key);
      }
    }
  }

  snapshot(): MetricStoreSnapshot {
    return {
      version: 1,
      regions: [...this.#regions.entries()].map(({ scope, store }) => ({
        accountId: scope.accountId,
        region: scope.region,
        metrics: [...store.metrics.values()].map(snapshotMetric),
      })),
    };
  }

  /** Replaces the whole content with a snapshot taken by `snapshot()`. */
  restore(snapshot: MetricStoreSnapshot): void {
    this.clear();
    for (const r of snapshot.regions) {
      const regionMetrics = this.region(r.accountId, r.region);
      for (const data of r.metrics) {
        const metric = restoreMetric(data);
        regionMetrics.metrics.set(metric.key, metric);
      }
    }
  }
}

/**
 * Merges the samples of `metric` in [start, end): of one unit, or of every unit when none is given.
 * Undefined when no sample falls in the range.
 */
export function aggregate(
  metric: MetricRecord,
  start: number,
  end: number,
  options: AggregateOptions = {},
): Aggregate | undefined {
  const withValues = options.withValues === true;
  if (options.unit !== undefined) return metric.series.get(options.unit)?.merge(start, end, withValues);
  let result: Aggregate | undefined;
  for (const [unit, series] of metric.series) {
    const samplesBefore = result?.sampleCount ?? 0;
    result = series.merge(start, end, withValues, result);
    if ((result?.sampleCount ?? 0) > samplesBefore) options.unitsSeen?.add(unit);
  }
  return result;
}

/**
 * Per-period aggregates of `metric` over [start, end) with periods of `periodMs` starting at
 * `start`; one entry per (period, unit) that has samples, ordered by time. Units stay apart unless a
 * unit filter is given, as GetMetricStatistics reports one datapoint per unit.
 */
export function periodAggregates(
  metric: MetricRecord,
  start: number,
  end: number,
  periodMs: number,
  options: AggregateOptions = {},
): PeriodAggregate[] {
  const out: PeriodAggregate[] = [];
  const withValues = options.withValues === true;
  for (const unit of options.unit !== undefined ? [options.unit] : metric.units()) {
    const series = metric.series.get(unit);
    if (series === undefined) continue;
    // Walk only the buckets inside the range instead of every period (a sparse metric over a long
    // range stays cheap).
    let i = series.firstAt(start);
    while (i < series.starts.length && series.starts[i]! < end) {
      const periodStart = start + Math.floor((series.starts[i]! - start) / periodMs) * periodMs;
      const periodEnd = Math.min(end, periodStart + periodMs);
      const agg = series.merge(periodStart, periodEnd, withValues);
      if (agg !== undefined) out.push({ timestamp: periodStart, unit, aggregate: agg });
      i = series.firstAt(periodEnd);
    }
  }
  return out.sort((a, b) => a.timestamp - b.timestamp);
}
