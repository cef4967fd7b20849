/**
 * One evaluation of a metric alarm, from the datapoints of its evaluation range to the state it moves
 * to with AWS's StateReason and StateReasonData. The emulator feeds it ranges read from its metric
 * store, the backtest ranges built from a replayed log: both get CloudWatch's answer from one place.
 */
import {
  breachPredicate,
  comparisonPhrase,
  decideAlarmState,
  type AlarmStateValue,
  type RangeDatapoint,
  type StaticComparisonOperator,
  type TreatMissingData,
} from './alarm-evaluator.ts';
import { stateReasonFor } from './state-reason.ts';

/** The alarm settings an evaluation reads (PutMetricAlarm's names, camelCase). */
export interface MetricAlarmEvaluationSpec {
  readonly namespace?: string | undefined;
  readonly statistic?: string | undefined;
  readonly extendedStatistic?: string | undefined;
  /** Whether the alarm is a metric-math alarm (its StateReasonData names no statistic). */
  readonly metricMath?: boolean;
  readonly unit?: string | undefined;
  readonly periodMs: number;
  readonly evaluationPeriods: number;
  /** As set by the user; undefined means N (and changes the StateReason wording). */
  readonly datapointsToAlarm?: number | undefined;
  readonly threshold?: number | undefined;
  readonly comparisonOperator: string;
  /** As set by the user; undefined means `missing`. */
  readonly treatMissingData?: TreatMissingData | undefined;
  readonly evaluateLowSampleCountPercentile?: string | undefined;
}

/** A state an evaluation moves an alarm to, with AWS's reason texts. */
export interface NextState {
  readonly value: AlarmStateValue;
  readonly reason: string;
  readonly reasonData: string | undefined;
}

/** The threshold test of an alarm; compile it once per configuration. */
export function alarmBreachTest(spec: MetricAlarmEvaluationSpec): (value: number) => boolean {
  return breachPredicate(spec.comparisonOperator as StaticComparisonOperator, spec.threshold ?? 0);
}

/**
 * The state an evaluation at `boundary` over `range` (oldest first, its last N entries the
 * evaluation periods) moves the alarm to; undefined when the state stays `current`.
 */
export function nextAlarmState(
  spec: MetricAlarmEvaluationSpec,
  range: readonly RangeDatapoint[],
  current: AlarmStateValue,
  boundary: number,
  isBreaching: (value: number) => boolean = alarmBreachTest(spec),
): NextState | undefined {
  const decision = decideAlarmState(range, {
    evaluationPeriods: spec.evaluationPeriods,
    datapointsToAlarm: spec.datapointsToAlarm ?? spec.evaluationPeriods,
    // "alarms on AWS/DynamoDB metrics always ignore missing data" (user guide).
    treatMissingData: spec.namespace === 'AWS/DynamoDB' ? 'ignore' : (spec.treatMissingData ?? 'missing'),
    ignoreLowSamplePeriods: spec.evaluateLowSampleCountPercentile === 'ignore',
    isBreaching,
  });
  if (decision.kind === 'retain') return undefined;
  const value: AlarmStateValue = decision.kind === 'insufficient' ? 'INSUFFICIENT_DATA' : decision.state;
  if (value === current) return undefined;
  const { reason, reasonData } = stateReasonFor(decision, {
    phrase: comparisonPhrase(spec.comparisonOperator as StaticComparisonOperator),
    threshold: spec.threshold ?? 0,
    evaluationPeriods: spec.evaluationPeriods,
    datapointsToAlarm: spec.datapointsToAlarm ?? spec.evaluationPeriods,
    explicitDatapointsToAlarm: spec.datapointsToAlarm !== undefined,
    queryDate: boundary,
    periodSeconds: spec.periodMs / 1000,
    unit: spec.unit,
    statistic: spec.metricMath === true ? undefined : (spec.extendedStatistic ?? spec.statistic),
  });
  return { value, reason, reasonData };
}
