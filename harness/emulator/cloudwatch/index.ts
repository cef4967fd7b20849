export { createCloudWatchService } from './service.ts';
export {
  MetricStore,
  aggregate,
  periodAggregates,
  STANDARD_RESOLUTION_MS,
  HIGH_RESOLUTION_MS,
  UNIT_NONE,
} from './metric-store.ts';
export type { MetricDatumInput, ListMetricsFilter, PeriodAggregate } from './metric-store.ts';
export { MetricRecord, RegionMetrics } from './metric-record.ts';
export { metricKey } from './metric-identity.ts';
export type {
  MetricIdentity,
  MetricIdentityInput,
  DimensionValue,
  DimensionFilter,
} from './metric-identity.ts';
export type { StatisticValuesInput } from './metric-series.ts';
export type { MetricStoreSnapshot } from './metric-store-snapshot.ts';
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
