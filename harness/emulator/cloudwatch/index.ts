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
