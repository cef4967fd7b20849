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
export type { Aggregate } from '../../alarm-evaluation/index.ts';
export { AlarmEngine } from './alarm-engine.ts';
export type { AlarmRecordTransition } from './alarm-engine.ts';
export type { AlarmActionPublisher } from './alarm-actions.ts';
export { createRegionAlarms } from './region-alarms.ts';
export type { RegionAlarms } from './region-alarms.ts';
export { decideAlarmState, evaluationRangeSize } from '../../alarm-evaluation/index.ts';
export type {
  AlarmStateValue,
  TreatMissingData,
  Decision,
  RangeDatapoint,
} from '../../alarm-evaluation/index.ts';
export type {
  AlarmRecord,
  MetricAlarmRecord,
  CompositeAlarmRecord,
  AlarmStateRecord,
} from './alarm-model.ts';
export { buildAlarmNotification, alarmSubject } from './alarm-notification.ts';
export type { AlarmNotification } from './alarm-notification.ts';
export { parseAlarmRule, evaluateAlarmRule, AlarmRuleSyntaxError } from './composite-rule.ts';
export { regionLongName } from './region-names.ts';
