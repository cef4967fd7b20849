/**
 * CloudWatch statistics over one period's samples: the five basic statistics and the extended
 * ones (percentiles and the trimmed/winsorized family), as defined in the user guide's "CloudWatch
 * statistics definitions" page
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html).
 *
 * Choices where AWS documents no exact algorithm (AWS itself approximates percentiles):
 * - percentiles use the nearest-rank method on the raw values, weighted by their counts;
 * - a range `X%:Y%` keeps values strictly above the X-th percentile and at or below the Y-th (the
 *   guide's "TM(10%:90%) ... calculates the average after removing the 10% lowest data points and
 *   the 10% highest"); absolute ranges `a:b` keep `a < v <= b`;
 * - extended statistics need raw values: a period fed only by statistic sets has none (AWS says
 *   percentiles need values, statistic sets carry none), except p0/p100 which are min and max.
 */

export type BasicStatistic = 'SampleCount' | 'Average' | 'Sum' | 'Minimum' | 'Maximum';

export const BASIC_STATISTICS: readonly BasicStatistic[] = [
  'SampleCount',
  'Average',
  'Sum',
  'Minimum',
  'Maximum',
];

/** The samples of one period (or of one bucket), already merged. */
export interface Aggregate {
  sampleCount: number;
  sum: number;
  minimum: number;
  maximum: number;
  /** Raw values and their weights (counts); undefined when some samples came as statistic sets. */
  values?: number[] | undefined;
  weights?: number[] | undefined;
}

export type ExtendedStatisticKind = 'p' | 'TM' | 'WM' | 'TC' | 'TS' | 'PR';

/** A parsed extended statistic; bounds are percentiles (0-100) or absolute values. */
export interface ExtendedStatistic {
  readonly text: string;
  readonly kind: ExtendedStatisticKind;
  /** For `p`: the percentile. */
  readonly percentile?: number;
  readonly lower?: Bound | undefined;
  readonly upper?: Bound | undefined;
}

export interface Bound {
  readonly value: number;
  readonly percent: boolean;
}

const PERCENTILE_RE = /^p(\d{1,2}(?:\.\d{1,10})?|100(?:\.0{1,10})?)$/;
const SHORT_RE = /^(tm|wm|tc|ts)(\d{1,2}(?:\.\d{1,10})?|100(?:\.0{1,10})?)$/;
const RANGE_RE = /^(TM|WM|TC|TS|PR)\(([^:()]*):([^:()]*)\)$/;
const NUMBER_RE = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Parses an ExtendedStatistic string (`p99`, `p99.9`, `tm90`, `IQM`, `TM(10%:90%)`, `PR(:300)`...).
 * Returns undefined when the text is not a valid extended statistic.
 */
export function parseExtendedStatistic(text: string): ExtendedStatistic | undefined {
  const p = PERCENTILE_RE.exec(text);
  if (p !== null) return { text, kind: 'p', percentile: Number(p[1]) };
  if (text === 'IQM') {
    return { text, kind: 'TM', lower: { value: 25, percent: true }, upper: { value: 75, percent: true } };
  }
  const short = SHORT_RE.exec(text);
  if (short !== null) {
    // tm90 = TM(0%:90%): the lowest 90% of the values.
    const kind = short[1]!.toUpperCase() as ExtendedStatisticKind;
    return { text, kind, upper: { value: Number(short[2]), percent: true } };
  }
  const range = RANGE_RE.exec(text);
  if (range === null) return undefined;
  const kind = range[1] as ExtendedStatisticKind;
  const lower = parseBound(range[2]!);
  const upper = parseBound(range[3]!);
  if (lower === null || upper === null) return undefined;
  if (lower === undefined && upper === undefined) return undefined;
  // PR takes absolute values only; the others accept both forms but not a mix.
  if (kind === 'PR' && (lower?.percent === true || upper?.percent === true)) return undefined;
  if (lower !== undefined && upper !== undefined) {
    if (lower.percent !== upper.percent) return undefined;
    if (lower.value > upper.value) return undefined;
  }
  return { text, kind, lower, upper };
}

/** undefined = open bound, null = invalid. */
function parseBound(raw: string): Bound | undefined | null {
  const text = raw.trim();
  if (text === '') return undefined;
  if (text.endsWith('%')) {
    const body = text.slice(0, -1);
    if (!NUMBER_RE.test(body)) return null;
    const value = Number(body);
    if (value < 0 || value > 100) return null;
    return { value, percent: true };
  }
  if (!NUMBER_RE.test(text)) return null;
  return { value: Number(text), percent: false };
}

/** The value of a basic statistic for an aggregate. */
export function basicStatistic(agg: Aggregate, statistic: BasicStatistic): number {
  switch (statistic) {
    case 'SampleCount':
      return agg.sampleCount;
    case 'Sum':
      return agg.sum;
    case 'Minimum':
      return agg.minimum;
    case 'Maximum':
      return agg.maximum;
    case 'Average':
      return agg.sampleCount === 0 ? 0 : agg.sum / agg.sampleCount;
  }
}

/**
 * The value of an extended statistic, or undefined when it cannot be computed (no raw values, or
 * an empty trimmed range, which AWS reports as no datapoint).
 */
export function extendedStatistic(agg: Aggregate, stat: ExtendedStatistic): number | undefined {
  if (stat.kind === 'p' && stat.percentile === 100) return agg.maximum;
  if (stat.kind === 'p' && stat.percentile === 0) return agg.minimum;
  if (agg.values === undefined || agg.values.length === 0) return undefined;
  const sorted = sortedWeighted(agg.values, agg.weights);
  if (stat.kind === 'p') return percentileOf(sorted, stat.percentile!);
  const lo = boundValue(sorted, stat.lower);
  const hi = boundValue(sorted, stat.upper);
  let count = 0;
  let sum = 0;
  for (let i = 0; i < sorted.values.length; i++) {
    const v = sorted.values[i]!;
    const w = sorted.weights[i]!;
    const inRange = (lo === undefined || v > lo) && (hi === undefined || v <= hi);
    if (stat.kind === 'WM') {
      const clamped = Math.min(hi ?? v, Math.max(lo ?? v, v));
      count += w;
      sum += clamped * w;
    } else if (inRange) {
      count += w;
      sum += v * w;
    }
  }
  switch (stat.kind) {
    case 'TC':
      return count;
    case 'TS':
      return sum;
    case 'PR':
      return (count / sorted.total) * 100;
    default:
      return count === 0 ? undefined : sum / count;
  }
}

interface Sorted {
  values: number[];
  weights: number[];
  total: number;
}

function sortedWeighted(values: number[], weights: number[] | undefined): Sorted {
  const idx = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const outValues = idx.map((i) => values[i]!);
  const outWeights = idx.map((i) => weights?.[i] ?? 1);
  let total = 0;
  for (const w of outWeights) total += w;
  return { values: outValues, weights: outWeights, total };
}

/** Nearest-rank percentile over weighted values. */
function percentileOf(sorted: Sorted, p: number): number {
  const rank = (p / 100) * sorted.total;
  let acc = 0;
  for (let i = 0; i < sorted.values.length; i++) {
    acc += sorted.weights[i]!;
    if (acc >= rank && acc > 0) return sorted.values[i]!;
  }
  return sorted.values[sorted.values.length - 1]!;
}

function boundValue(sorted: Sorted, bound: Bound | undefined): number | undefined {
  if (bound === undefined) return undefined;
  if (!bound.percent) return bound.value;
  if (bound.value === 0) return sorted.values[0]! - 1;
  return percentileOf(sorted, bound.value);
}
