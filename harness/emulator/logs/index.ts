export { createLogsService } from './service.ts';
export { MetricFilterEngine } from './metric-filter-engine.ts';
export { LogsStore, LogGroupState, LogStreamState, snapshotLogs, restoreLogs } from './store.ts';
export type { LogsSnapshot, MetricFilterState, StoredEvent } from './store.ts';
export * as limits from './limits.ts';
