/**
 * One evaluation of a metric alarm at a boundary: whether it is due, the datapoints of its range,
 * the decision (alarm-evaluator.ts) and, when the state changes, AWS's StateReason and
 * StateReasonData for it.
 */
import {
  breachPredicate,
  comparisonPhrase,
  decideAlarmState,
  type AlarmStateValue,
  type StaticComparisonOperator,
} from './alarm-evaluator.ts';
import { alarmRange, planAlarmMetric, type AlarmMetricPlan } from './alarm-datapoints.ts';
import type { MetricAlarmConfig, MetricAlarmRecord } from './alarm-model.ts';
import { HIGH_RESOLUTION_STEP_MS, HOUR_MS, MINUTE_MS } from './alarm-scheduler.ts';
import type { RegionMetrics } from './metric-record.ts';
import { stateReasonFor } from './state-reason.ts';

/** "If Period × EvaluationPeriods is greater than one day, the alarm is evaluated once per hour." */
const DAILY_WINDOW_MS = 24 * HOUR_MS;

/** A metric alarm's compiled view: its metric plan and threshold test. */
export interface MetricAlarmRuntime {
  readonly plan: AlarmMetricPlan;
  readonly isBreaching: (value: number) => boolean;
}

/** A state an evaluation moves an alarm to, with AWS's reason texts. */
export interface NextState {
  readonly value: AlarmStateValue;
  readonly reason: string;
  readonly reasonData: string | undefined;
}

/** Compiled once per configuration object (a PutMetricAlarm update replaces the object). */
const runtimes = new WeakMap<MetricAlarmConfig, MetricAlarmRuntime>();

export function alarmRuntime(config: MetricAlarmConfig): MetricAlarmRuntime {
  let runtime = runtimes.get(config);
  if (runtime === undefined) {
    runtime = {
      plan: planAlarmMetric(config),
      isBreaching: breachPredicate(
        config.comparisonOperator as StaticComparisonOperator,
        config.threshold ?? 0,
      ),
    };
    runtimes.set(config, runtime);
  }
  return runtime;
}

/** Whether the alarm is evaluated at this boundary (every 10 s / every minute / every hour). */
export function isDue(alarm: MetricAlarmRecord, boundary: number): boolean {
  const { periodMs } = alarmRuntime(alarm.config).plan;
  if (periodMs < MINUTE_MS) return boundary % HIGH_RESOLUTION_STEP_MS === 0;
  if (periodMs * alarm.config.evaluationPeriods > DAILY_WINDOW_MS) return boundary % HOUR_MS === 0;
  return boundary % MINUTE_MS === 0;
}

/** The state an evaluation at `boundary` moves the alarm to; undefined when its state stays. */
export function evaluateMetricAlarm(
  alarm: MetricAlarmRecord,
  metrics: RegionMetrics,
  boundary: number,
): NextState | undefined {
  const c = alarm.config;
  const { plan, isBreaching } = alarmRuntime(c);
  const decision = decideAlarmState(alarmRange(c, plan, metrics, boundary), {
    evaluationPeriods: c.evaluationPeriods,
    datapointsToAlarm: c.datapointsToAlarm ?? c.evaluationPeriods,
    // "alarms on AWS/DynamoDB metrics always ignore missing data" (user guide).
    treatMissingData: c.namespace === 'AWS/DynamoDB' ? 'ignore' : (c.treatMissingData ?? 'missing'),
    ignoreLowSamplePeriods: c.evaluateLowSampleCountPercentile === 'ignore',
    isBreaching,
  });
  if (decision.kind === 'retain') return undefined;
  const value: AlarmStateValue = decision.kind === 'insufficient' ? 'INSUFFICIENT_DATA' : decision.state;
  if (value === alarm.state.value) return undefined;
  const { reason, reasonData } = stateReasonFor(decision, {
    phrase: comparisonPhrase(c.comparisonOperator as StaticComparisonOperator),
    threshold: c.threshold ?? 0,
    evaluationPeriods: c.evaluationPeriods,
    datapointsToAlarm: c.datapointsToAlarm ?? c.evaluationPeriods,
    explicitDatapointsToAlarm: c.datapointsToAlarm !== undefined,
    queryDate: boundary,
    periodSeconds: plan.periodMs / 1000,
    unit: c.unit,
    statistic: c.metrics === undefined ? (c.extendedStatistic ?? c.statistic) : undefined,
  });
  return { value, reason, reasonData };
}
