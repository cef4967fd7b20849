/**
 * CloudWatch's metric alarm evaluation as pure functions: statistics of a period, the M-out-of-N
 * decision with missing-data treatment over an evaluation range, the evaluation cadence, and AWS's
 * StateReason texts. No store, no clock, no I/O; the emulator and the backtest both call it.
 */
export {
  decideAlarmState,
  breachPredicate,
  comparisonPhrase,
  evaluationRangeSize,
  TREAT_MISSING_DATA_VALUES,
  STATIC_COMPARISON_OPERATORS,
} from './alarm-evaluator.ts';
export type {
  AlarmStateValue,
  TreatMissingData,
  RangeDatapoint,
  EvaluationParams,
  EvaluatedDatapoint,
  Decision,
  StaticComparisonOperator,
} from './alarm-evaluator.ts';
export { nextAlarmState, alarmBreachTest } from './metric-alarm.ts';
export type { MetricAlarmEvaluationSpec, NextState } from './metric-alarm.ts';
export { MINUTE_MS, HIGH_RESOLUTION_STEP_MS, HOUR_MS, evaluationStepMs, isEvaluatedAt } from './cadence.ts';
export { BASIC_STATISTICS, basicStatistic, extendedStatistic, parseExtendedStatistic } from './statistics.ts';
export type {
  Aggregate,
  BasicStatistic,
  ExtendedStatistic,
  ExtendedStatisticKind,
  Bound,
} from './statistics.ts';
export { stateReasonFor } from './state-reason.ts';
export type { ReasonContext, StateReason } from './state-reason.ts';
export {
  javaDouble,
  javaJson,
  JavaDouble,
  RawJson,
  dbl,
  cloudwatchTimestamp,
  reasonDatapointTime,
  longUtcDate,
} from './java-format.ts';
