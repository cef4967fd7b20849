/**
 * The datapoints of a metric alarm's evaluation range at boundary T: period j (newest j = 0) covers
 * [T − (j+1)·Period, T − j·Period), so an evaluation at T uses the periods that ended at or before T
 * (alarms-sns.md §2.3: windows end on the evaluation's minute boundary, not on multiples of the
 * period). Single-metric alarms read the metric store; metric-math alarms evaluate their queries.
 */
import type { MetricAlarmConfig } from './alarm-model.ts';
import { evaluateMetricQueries } from './metric-math.ts';
import { metricKey } from './metric-identity.ts';
import type { RegionMetrics } from './metric-record.ts';
import { aggregate } from './metric-store.ts';
import {
  evaluationRangeSize,
  type RangeDatapoint,
  BASIC_STATISTICS,
  basicStatistic,
  extendedStatistic,
  parseExtendedStatistic,
  type BasicStatistic,
  type ExtendedStatistic,
} from '../../alarm-evaluation/index.ts';

/** A compiled view of an alarm's metric, computed once per configuration. */
export interface AlarmMetricPlan {
  readonly key: string | undefined;
  readonly basic: BasicStatistic | undefined;
  readonly extended: ExtendedStatistic | undefined;
  readonly periodMs: number;
  readonly rangeSize: number;
}

export function planAlarmMetric(config: MetricAlarmConfig): AlarmMetricPlan {
  const periodSeconds = config.period ?? config.metrics?.find((q) => q.metricStat)?.metricStat?.period ?? 60;
  return {
    key:
      config.metrics === undefined && config.namespace !== undefined && config.metricName !== undefined
        ? metricKey({
            namespace: config.namespace,
            metricName: config.metricName,
            dimensions: config.dimensions,
          })
        : undefined,
    basic: BASIC_STATISTICS.includes(config.statistic as BasicStatistic)
      ? (config.statistic as BasicStatistic)
      : undefined,
    extended:
      config.extendedStatistic === undefined ? undefined : parseExtendedStatistic(config.extendedStatistic),
    periodMs: periodSeconds * 1000,
    rangeSize: evaluationRangeSize(config.evaluationPeriods),
  };
}

/** Oldest first, `plan.rangeSize` entries. */
export function alarmRange(
  config: MetricAlarmConfig,
  plan: AlarmMetricPlan,
  metrics: RegionMetrics,
  boundary: number,
): RangeDatapoint[] {
  const first = boundary - plan.rangeSize * plan.periodMs;
  if (config.metrics !== undefined) {
    const series = evaluateMetricQueries(config.metrics, metrics, first, boundary, plan.periodMs / 1000);
    const byTime = new Map(series.timestamps.map((t, i) => [t, series.values[i]!]));
    const out: RangeDatapoint[] = [];
    for (let j = plan.rangeSize - 1; j >= 0; j--) {
      const start = boundary - (j + 1) * plan.periodMs;
      const value = byTime.get(start);
      out.push({ timestamp: start, value: value === undefined || Number.isNaN(value) ? undefined : value });
    }
    return out;
  }
  const metric = plan.key === undefined ? undefined : metrics.findByKey(plan.key);
  const out: RangeDatapoint[] = [];
  for (let j = plan.rangeSize - 1; j >= 0; j--) {
    const start = boundary - (j + 1) * plan.periodMs;
    const agg =
      metric === undefined
        ? undefined
        : aggregate(metric, start, start + plan.periodMs, {
            unit: config.unit,
            withValues: plan.extended !== undefined,
          });
    if (agg === undefined) {
      out.push({ timestamp: start, value: undefined });
      continue;
    }
    if (plan.extended !== undefined) {
      const value = extendedStatistic(agg, plan.extended);
      out.push({
        timestamp: start,
        value,
        sampleCount: agg.sampleCount,
        lowSample: plan.extended.kind === 'p' && lowSampleCount(plan.extended.percentile!, agg.sampleCount),
      });
    } else {
      out.push({
        timestamp: start,
        value: basicStatistic(agg, plan.basic ?? 'Average'),
        sampleCount: agg.sampleCount,
      });
    }
  }
  return out;
}

/**
 * "Low sample" percentiles (user guide "Percentile-based alarms and low data samples"): for
 * 0.5 <= p < 1 fewer than 10/(1-p) samples, for p < 0.5 fewer than 10/p.
 */
function lowSampleCount(percentile: number, samples: number): boolean {
  const p = percentile / 100;
  if (p >= 1 || p <= 0) return false;
  const needed = p >= 0.5 ? 10 / (1 - p) : 10 / p;
  return samples < needed;
}
