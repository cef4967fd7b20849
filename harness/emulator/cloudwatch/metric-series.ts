/**
 * The samples of one metric for one unit: buckets of the storage resolution (one minute, or one
 * second for high resolution), sorted by start, each keeping SampleCount, Sum, Minimum, Maximum and,
 * for percentiles, the raw values with their counts. A read costs a binary search plus the buckets
 * inside the range, which keeps a thousand alarms sliding over ten thousand metrics cheap.
 */
import { partitionPoint } from '../shared/sorted-search.ts';
import type { Aggregate } from '../../alarm-evaluation/index.ts';

export interface StatisticValuesInput {
  readonly sampleCount: number;
  readonly sum: number;
  readonly minimum: number;
  readonly maximum: number;
}

/** The samples of one datum: exactly one of `value`, `values` (+ optional `counts`) or `statisticValues`. */
export interface SamplesInput {
  readonly value?: number | undefined;
  readonly values?: readonly number[] | undefined;
  readonly counts?: readonly number[] | undefined;
  readonly statisticValues?: StatisticValuesInput | undefined;
}

export interface Bucket {
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

export class Series {
  readonly starts: number[] = [];
  readonly buckets: Bucket[] = [];

  /** Adds samples to the bucket starting at `start` (created if needed). */
  add(start: number, samples: SamplesInput): void {
    addToBucket(this.#bucketAt(start), samples);
  }

  /** Appends a bucket restored from a snapshot (buckets arrive in start order). */
  restoreBucket(bucket: Bucket): void {
    this.starts.push(bucket.start);
    this.buckets.push(bucket);
  }

  /** Drops the buckets that start before `before`. */
  dropBefore(before: number): void {
    const cut = this.firstAt(before);
    if (cut === 0) return;
    this.starts.splice(0, cut);
    this.buckets.splice(0, cut);
  }

  /** Index of the first bucket starting at or after `time`. */
  firstAt(time: number): number {
    return partitionPoint(this.starts, (start) => start < time);
  }

  /**
   * Merges the buckets in [start, end) into `into` (or a new aggregate); undefined when nothing
   * falls in the range. `withValues` keeps raw values, which only percentiles need.
   */
  merge(start: number, end: number, withValues: boolean, into?: Aggregate): Aggregate | undefined {
    let result = into;
    for (let i = this.firstAt(start); i < this.starts.length && this.starts[i]! < end; i++) {
      const b = this.buckets[i]!;
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
      if (result.weights === undefined && b.weights !== undefined)
        result.weights = result.values!.map(() => 1);
      // Element by element, not push(...b.values): a bucket can hold more values than a call takes arguments.
      for (let k = 0; k < b.values.length; k++) {
        result.values!.push(b.values[k]!);
        result.weights?.push(b.weights?.[k] ?? 1);
      }
    }
    return result;
  }

  #bucketAt(start: number): Bucket {
    const n = this.starts.length;
    // Data nearly always arrives in time order: check the tail before searching.
    if (n > 0 && this.starts[n - 1] === start) return this.buckets[n - 1]!;
    let index = n;
    if (n > 0 && this.starts[n - 1]! > start) {
      index = this.firstAt(start);
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

function addToBucket(bucket: Bucket, samples: SamplesInput): void {
  if (samples.value !== undefined) {
    addSample(bucket, samples.value, 1);
  } else if (samples.values !== undefined) {
    for (let i = 0; i < samples.values.length; i++)
      addSample(bucket, samples.values[i]!, samples.counts?.[i] ?? 1);
  }
  if (samples.statisticValues !== undefined) {
    const s = samples.statisticValues;
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
