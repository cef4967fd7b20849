/**
 * One evaluation of a metric alarm at a boundary: whether it is due, the datapoints of its range
 * (read from the metric store), and the state it moves to, decided by the shared alarm evaluation
 * (harness/alarm-evaluation) with AWS's StateReason and StateReasonData.
 */
import {
  alarmBreachTest,
  isEvaluatedAt,
  nextAlarmState,
  type MetricAlarmEvaluationSpec,
  type NextState,
} from '../../alarm-evaluation/index.ts';
import { alarmRange, planAlarmMetric, type AlarmMetricPlan } from './alarm-datapoints.ts';
import type { MetricAlarmConfig, MetricAlarmRecord } from './alarm-model.ts';
import type { RegionMetrics } from './metric-record.ts';

export type { NextState } from '../../alarm-evaluation/index.ts';

/** A metric alarm's compiled view: its metric plan and threshold test. */
export interface MetricAlarmRuntime {
  readonly plan: AlarmMetricPlan;
  readonly spec: MetricAlarmEvaluationSpec;
  readonly isBreaching: (value: number) => boolean;
}

/** Compiled once per configuration object (a PutMetricAlarm update replaces the object). */
const runtimes = new WeakMap<MetricAlarmConfig, MetricAlarmRuntime>();

export function alarmRuntime(config: MetricAlarmConfig): MetricAlarmRuntime {
  let runtime = runtimes.get(config);
  if (runtime === undefined) {
    const plan = planAlarmMetric(config);
    const spec: MetricAlarmEvaluationSpec = {
      namespace: config.namespace,
      statistic: config.statistic,
      extendedStatistic: config.extendedStatistic,
      metricMath: config.metrics !== undefined,
      unit: config.unit,
      periodMs: plan.periodMs,
      evaluationPeriods: config.evaluationPeriods,
      datapointsToAlarm: config.datapointsToAlarm,
      threshold: config.threshold,
      comparisonOperator: config.comparisonOperator,
      treatMissingData: config.treatMissingData,
      evaluateLowSampleCountPercentile: config.evaluateLowSampleCountPercentile,
    };
    runtime = { plan, spec, isBreaching: alarmBreachTest(spec) };
    runtimes.set(config, runtime);
  }
  return runtime;
}

/** Whether the alarm is evaluated at this boundary (every 10 s / every minute / every hour). */
export function isDue(alarm: MetricAlarmRecord, boundary: number): boolean {
  return isEvaluatedAt(alarmRuntime(alarm.config).plan.periodMs, alarm.config.evaluationPeriods, boundary);
}

/** The state an evaluation at `boundary` moves the alarm to; undefined when its state stays. */
export function evaluateMetricAlarm(
  alarm: MetricAlarmRecord,
  metrics: RegionMetrics,
  boundary: number,
): NextState | undefined {
  const { plan, spec, isBreaching } = alarmRuntime(alarm.config);
  const range = alarmRange(alarm.config, plan, metrics, boundary);
  return nextAlarmState(spec, range, alarm.state.value, boundary, isBreaching);
}
