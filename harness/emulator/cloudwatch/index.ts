export { createCloudWatchService } from './service.ts';
export {
  MetricStore,
  MetricRecord,
  RegionMetrics,
  aggregate,
  periodAggregates,
  metricKey,
  STANDARD_RESOLUTION_MS,
  HIGH_RESOLUTION_MS,
  UNIT_NONE,
} from './metric-store.ts';
export type {
  MetricDatumInput,
  MetricIdentity,
  MetricIdentityInput,
  DimensionValue,
  DimensionFilter,
  ListMetricsFilter,
  PeriodAggregate,
  StatisticValuesInput,
  MetricStoreSnapshot,
} from './metric-store.ts';
export type { Aggregate } from './statistics.ts';
export { AlarmEngine, createRegionAlarms } from './alarm-engine.ts';
export type { AlarmActionTarget, AlarmTransition, RegionAlarms } from './alarm-engine.ts';
export { decideAlarmState, evaluationRangeSize } from './alarm-evaluator.ts';
export type { AlarmStateValue, TreatMissingData, Decision, RangeDatapoint } from './alarm-evaluator.ts';
export type { AlarmRecord, MetricAlarmRecord, CompositeAlarmRecord, AlarmState } from './alarm-model.ts';
export { buildAlarmNotification, alarmSubject } from './alarm-notification.ts';
export type { AlarmNotification } from './alarm-notification.ts';
export { parseAlarmRule, evaluateAlarmRule, AlarmRuleSyntaxError } from './composite-rule.ts';
export { regionLongName } from './region-names.ts';
