/**
 * The CloudWatch metric store: every datapoint put by PutMetricData or by a CloudWatch Logs metric
 * filter, per account and region, and the reads the API and the alarm evaluator need.
 *
 * Shape of the data, as CloudWatch keeps it:
 * - a metric is identified by namespace, metric name and its full set of dimensions (order does not
 *   matter: dimensions are kept sorted by name);
 * - samples are aggregated into buckets of their storage resolution: one minute for standard
 *   resolution, one second for high resolution (StorageResolution 1); a bucket keeps SampleCount,
 *   Sum, Minimum, Maximum and, for percentiles, the raw values with their counts;
 * - the unit belongs to each sample, not to the metric; a sample put without a unit has unit `None`
 *   ("If you omit this, the unit is set as None", botocore MetricDatum). Buckets are kept per unit so
 *   a query (or an alarm) with a Unit only sees samples of that unit.
 *
 * Reads are per period: `aggregate()` merges the buckets of one half-open time range [start, end).
 * Buckets sit in a start-sorted array per (metric, unit), so a read costs a binary search plus the
 * buckets inside the range, which keeps a thousand alarms sliding over ten thousand metrics cheap.
 */
import { partitionPoint } from '../shared/sorted-search.ts';
import type { Aggregate } from './statistics.ts';

/** Standard resolution: samples are stored at one-minute granularity. */
export const STANDARD_RESOLUTION_MS = 60_000;
/** High resolution (StorageResolution=1): one-second granularity. */
export const HIGH_RESOLUTION_MS = 1_000;
/** The unit CloudWatch records for samples put without one. */
export const UNIT_NONE = 'None';

export interface DimensionValue {
  readonly name: string;
  readonly value: string;
}

export interface StatisticValuesInput {
  readonly sampleCount: number;
  readonly sum: number;
  readonly minimum: number;
  readonly maximum: number;
}

/**
 * One datum, already validated (the API layer validates requests; metric filters produce valid
 * data). Exactly one of `value`, `values` (+ optional `counts`) or `statisticValues` is expected.
 */
export interface MetricDatumInput {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions?: readonly DimensionValue[];
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly unit?: string | undefined;
  readonly storageResolution?: 1 | 60 | undefined;
  readonly value?: number | undefined;
  readonly values?: readonly number[] | undefined;
  readonly counts?: readonly number[] | undefined;
  readonly statisticValues?: StatisticValuesInput | undefined;
}

export interface MetricIdentity {
  readonly namespace: string;
  readonly metricName: string;
  /** Sorted by name. */
  readonly dimensions: readonly DimensionValue[];
}

export interface DimensionFilter {
  readonly name: string;
  readonly value?: string | undefined;
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

interface Bucket {
  readonly start: number;
  sampleCount: number;
  sum: number;
  minimum: number;
  maximum: number;
  /** Raw values; undefined once a statistic set without values landed in this bucket. */
  values: number[] | undefined;
  /** Counts parallel to `values`; undefined while every count is 1. */
  weights: number[] | undefined;
}

/** The buckets of one metric for one unit, sorted by start. */
class Series {
  readonly starts: number[] = [];
  readonly buckets: Bucket[] = [];

  bucketAt(start: number): Bucket {
    const n = this.starts.length;
    // Data nearly always arrives in time order: check the tail before searching.
    if (n > 0 && this.starts[n - 1] === start) return this.buckets[n - 1]!;
    let index = n;
    if (n > 0 && this.starts[n - 1]! > start) {
      index = lowerBound(this.starts, start);
      if (this.starts[index] === start) return this.buckets[index]!;
    }
    const bucket: Bucket = {
      start,
      sampleCount: 0,
      sum: 0,
      minimum: Infinity,
      maximum: -Infinity,
      values: [],
      weights: undefined,
    };
    this.starts.splice(index, 0, start);
    this.buckets.splice(index, 0, bucket);
    return bucket;
  }
}

/** One metric: its identity and its samples per unit. */
export class MetricRecord {
  readonly identity: MetricIdentity;
  readonly key: string;
  readonly series = new Map<string, Series>();
  /** Epoch ms of the newest put (not of the newest sample timestamp). */
  lastPutAt = 0;

  constructor(identity: MetricIdentity, key: string) {
    this.identity = identity;
    this.key = key;
  }

  /** Units that have samples, in first-seen order. */
  units(): string[] {
    return [...this.series.keys()];
  }
}

/** The metrics of one account in one region. */
export class RegionMetrics {
  readonly metrics = new Map<string, MetricRecord>();

  find(identity: MetricIdentityInput): MetricRecord | undefined {
    return this.metrics.get(metricKey(identity));
  }

  findByKey(key: string): MetricRecord | undefined {
    return this.metrics.get(key);
  }
}

export interface MetricIdentityInput {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions?: readonly DimensionValue[] | undefined;
}

/** Serialised form of the store, for `--state-dir` persistence (plain JSON). */
export interface MetricStoreSnapshot {
  readonly version: 1;
  readonly regions: readonly {
    readonly accountId: string;
    readonly region: string;
    readonly metrics: readonly {
      readonly namespace: string;
      readonly metricName: string;
      readonly dimensions: readonly DimensionValue[];
      readonly lastPutAt: number;
      readonly series: readonly {
        readonly unit: string;
        /** [start, sampleCount, sum, minimum, maximum, values|null, weights|null] */
        readonly buckets: readonly (readonly [
          number,
          number,
          number,
          number,
          number,
          number[] | null,
          number[] | null,
        ])[];
      }[];
    }[];
  }[];
}

export class MetricStore {
  readonly #regions = new Map<string, RegionMetrics>();
  readonly #listeners = new Set<(accountId: string, region: string, metric: MetricRecord) => void>();

  /** The metrics of an account/region (created empty on first use). */
  region(accountId: string, region: string): RegionMetrics {
    const key = `${accountId}/${region}`;
    let regionMetrics = this.#regions.get(key);
    if (regionMetrics === undefined) {
      regionMetrics = new RegionMetrics();
      this.#regions.set(key, regionMetrics);
    }
    return regionMetrics;
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
    const key = keyOf(datum.namespace, datum.metricName, dimensions);
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
    const bucket = series.bucketAt(Math.floor(datum.timestamp / resolution) * resolution);
    addToBucket(bucket, datum);
    for (const listener of this.#listeners) listener(accountId, region, metric);
    return metric;
  }

  /** Called after every put; returns an unsubscribe function. */
  onPut(listener: (accountId: string, region: string, metric: MetricRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  find(accountId: string, region: string, identity: MetricIdentityInput): MetricRecord | undefined {
    return this.#regions.get(`${accountId}/${region}`)?.find(identity);
  }

  /** Metrics matching a ListMetrics-style filter, sorted by namespace, name, then dimensions. */
  list(accountId: string, region: string, filter: ListMetricsFilter = {}): MetricRecord[] {
    const regionMetrics = this.#regions.get(`${accountId}/${region}`);
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
    this.#regions.clear();
  }

  /** Drops buckets older than `before` (epoch ms) and metrics left empty; retention housekeeping. */
  prune(before: number): void {
    for (const regionMetrics of this.#regions.values()) {
      for (const [key, metric] of regionMetrics.metrics) {
        for (const [unit, series] of metric.series) {
          const cut = lowerBound(series.starts, before);
          if (cut > 0) {
            series.starts.splice(0, cut);
            series.buckets.splice(0, cut);
          }
          if (series.starts.length === 0) metric.series.delete(unit);
        }
        if (metric.series.size === 0) regionMetrics.metrics.delete(key);
      }
    }
  }

  snapshot(): MetricStoreSnapshot {
    const regions: MetricStoreSnapshot['regions'][number][] = [];
    for (const [key, regionMetrics] of this.#regions) {
      const slash = key.indexOf('/');
      regions.push({
        accountId: key.slice(0, slash),
        region: key.slice(slash + 1),
        metrics: [...regionMetrics.metrics.values()].map((metric) => ({
          namespace: metric.identity.namespace,
          metricName: metric.identity.metricName,
          dimensions: metric.identity.dimensions,
          lastPutAt: metric.lastPutAt,
          series: [...metric.series].map(([unit, series]) => ({
            unit,
            buckets: series.buckets.map(
              (b) =>
                [
                  b.start,
                  b.sampleCount,
                  b.sum,
                  b.minimum,
                  b.maximum,
                  b.values ?? null,
                  b.weights ?? null,
                ] as const,
            ),
          })),
        })),
      });
    }
    return { version: 1, regions };
  }

  /** Replaces the whole content with a snapshot taken by `snapshot()`. */
  restore(snapshot: MetricStoreSnapshot): void {
    this.#regions.clear();
    for (const r of snapshot.regions) {
      const regionMetrics = this.region(r.accountId, r.region);
      for (const m of r.metrics) {
        const dimensions = sortDimensions(m.dimensions);
        const key = keyOf(m.namespace, m.metricName, dimensions);
        const metric = new MetricRecord(
          { namespace: m.namespace, metricName: m.metricName, dimensions },
          key,
        );
        metric.lastPutAt = m.lastPutAt;
        for (const s of m.series) {
          const series = new Series();
          for (const [start, sampleCount, sum, minimum, maximum, values, weights] of s.buckets) {
            series.starts.push(start);
            series.buckets.push({
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
        regionMetrics.metrics.set(key, metric);
      }
    }
  }
}

/**
 * Merges the samples of `metric` in [start, end). With `unit`, only samples of that unit count;
 * without, every unit is merged. `withValues` keeps raw values (percentiles need them; the basic
 * statistics do not, and skipping them keeps alarm evaluation cheap). Undefined when no sample falls
 * in the range.
 */
export function aggregate(
  metric: MetricRecord,
  start: number,
  end: number,
  options: { unit?: string | undefined; withValues?: boolean } = {},
): Aggregate | undefined {
  let result: Aggregate | undefined;
  if (options.unit !== undefined) {
    const series = metric.series.get(options.unit);
    if (series !== undefined) result = mergeRange(series, start, end, options.withValues === true, undefined);
    return result;
  }
  for (const series of metric.series.values()) {
    result = mergeRange(series, start, end, options.withValues === true, result);
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
  options: { unit?: string | undefined; withValues?: boolean } = {},
): PeriodAggregate[] {
  const out: PeriodAggregate[] = [];
  const units = options.unit !== undefined ? [options.unit] : metric.units();
  for (const unit of units) {
    const series = metric.series.get(unit);
    if (series === undefined) continue;
    // Walk only the buckets inside the range instead of every period (a sparse metric over a long
    // range stays cheap).
    let i = lowerBound(series.starts, start);
    while (i < series.starts.length && series.starts[i]! < end) {
      const periodStart = start + Math.floor((series.starts[i]! - start) / periodMs) * periodMs;
      const periodEnd = Math.min(end, periodStart + periodMs);
      const agg = mergeRange(series, periodStart, periodEnd, options.withValues === true, undefined);
      if (agg !== undefined) out.push({ timestamp: periodStart, unit, aggregate: agg });
      i = lowerBound(series.starts, periodEnd);
    }
  }
  return out.sort((a, b) => a.timestamp - b.timestamp);
}

/** The key of a metric identity (namespace, name and sorted dimensions). */
export function metricKey(identity: MetricIdentityInput): string {
  return keyOf(identity.namespace, identity.metricName, sortDimensions(identity.dimensions ?? []));
}

function keyOf(namespace: string, metricName: string, dimensions: readonly DimensionValue[]): string {
  let key = `${namespace}\u0000${metricName}`;
  for (const d of dimensions) key += `\u0000${d.name}\u0001${d.value}`;
  return key;
}

function sortDimensions(dimensions: readonly DimensionValue[]): DimensionValue[] {
  return dimensions
    .map((d) => ({ name: d.name, value: d.value }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function matchesDimensionFilters(
  dimensions: readonly DimensionValue[],
  filters: readonly DimensionFilter[],
): boolean {
  return filters.every((f) =>
    dimensions.some((d) => d.name === f.name && (f.value === undefined || d.value === f.value)),
  );
}

function addToBucket(bucket: Bucket, datum: MetricDatumInput): void {
  if (datum.value !== undefined) {
    addSample(bucket, datum.value, 1);
  } else if (datum.values !== undefined) {
    for (let i = 0; i < datum.values.length; i++) addSample(bucket, datum.values[i]!, datum.counts?.[i] ?? 1);
  }
  if (datum.statisticValues !== undefined) {
    const s = datum.statisticValues;
    bucket.sampleCount += s.sampleCount;
    bucket.sum += s.sum;
    bucket.minimum = Math.min(bucket.minimum, s.minimum);
    bucket.maximum = Math.max(bucket.maximum, s.maximum);
    // A statistic set hides its values: percentiles of this bucket are no longer computable.
    bucket.values = undefined;
    bucket.weights = undefined;
  }
}

function addSample(bucket: Bucket, value: number, count: number): void {
  bucket.sampleCount += count;
  bucket.sum += value * count;
  if (value < bucket.minimum) bucket.minimum = value;
  if (value > bucket.maximum) bucket.maximum = value;
  if (bucket.values === undefined) return;
  if (count !== 1 && bucket.weights === undefined) bucket.weights = bucket.values.map(() => 1);
  bucket.values.push(value);
  bucket.weights?.push(count);
}

function mergeRange(
  series: Series,
  start: number,
  end: number,
  withValues: boolean,
  into: Aggregate | undefined,
): Aggregate | undefined {
  let i = lowerBound(series.starts, start);
  let result = into;
  for (; i < series.starts.length && series.starts[i]! < end; i++) {
    const b = series.buckets[i]!;
    if (b.sampleCount === 0) continue;
    if (result === undefined) {
      result = {
        sampleCount: b.sampleCount,
        sum: b.sum,
        minimum: b.minimum,
        maximum: b.maximum,
        values: withValues && b.values !== undefined ? [...b.values] : undefined,
        weights: withValues && b.weights !== undefined ? [...b.weights] : undefined,
      };
      continue;
    }
    const hadValues = result.values !== undefined;
    result.sampleCount += b.sampleCount;
    result.sum += b.sum;
    if (b.minimum < result.minimum) result.minimum = b.minimum;
    if (b.maximum > result.maximum) result.maximum = b.maximum;
    if (!withValues) continue;
    if (!hadValues || b.values === undefined) {
      result.values = undefined;
      result.weights = undefined;
      continue;
    }
    if (result.weights === undefined && b.weights !== undefined) result.weights = result.values!.map(() => 1);
    // Element by element, not push(...b.values): a bucket can hold more values than a call takes arguments.
    for (let k = 0; k < b.values.length; k++) {
      result.values!.push(b.values[k]!);
      result.weights?.push(b.weights?.[k] ?? 1);
    }
  }
  return result;
}

/** First index of ascending `sorted` holding a value >= `target`. */
function lowerBound(sorted: readonly number[], target: number): number {
  return partitionPoint(sorted, (value) => value < target);
}
