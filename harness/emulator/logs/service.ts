import { logsModel, type LogsOperation } from '../models/logs.ts';
import type { EmulatorEnv, ServiceDefinition } from '../service.ts';
import type { MetricProducers, MetricWriter } from '../shared/metric-producers.ts';
import type { LogsContext } from './context.ts';
import { MetricFilterEngine } from './metric-filter-engine.ts';
import { filterLogEvents } from './operations/filter-log-events.ts';
import { getLogEvents } from './operations/get-log-events.ts';
import {
  createLogGroup,
  deleteLogGroup,
  deleteRetentionPolicy,
  describeLogGroups,
  putRetentionPolicy,
} from './operations/groups.ts';
import {
  deleteMetricFilter,
  describeMetricFilters,
  putMetricFilter,
  testMetricFilter,
} from './operations/metric-filters.ts';
import { putLogEvents } from './operations/put-log-events.ts';
import { createLogStream, deleteLogStream, describeLogStreams } from './operations/streams.ts';
import {
  listTagsForResource,
  listTagsLogGroup,
  tagLogGroup,
  tagResource,
  untagLogGroup,
  untagResource,
} from './operations/tags.ts';
import type { LogsSnapshot } from './store.ts';
import { LogsStore, restoreLogs, snapshotLogs } from './store.ts';

/** What Logs takes from the other services: metric filters write to CloudWatch's metric store. */
export interface LogsDependencies {
  readonly metrics: MetricWriter;
  readonly producers: MetricProducers;
}

/** CloudWatch Logs (awsJson 1.1, `Logs_20140328`): groups, streams, events, metric filters, tags. */
export function createLogsService(
  env: EmulatorEnv,
  deps: LogsDependencies,
): ServiceDefinition<LogsStore, LogsOperation> {
  const logger = env.logger.extend('logs');
  const logs: LogsContext = {
    stores: env.state.accessor<LogsStore>('logs'),
    clock: env.clock,
    logger,
    metricFilters: new MetricFilterEngine({
      clock: env.clock,
      metrics: deps.metrics,
      producers: deps.producers,
      onChange: () => env.state.markDirty(),
    }),
  };
  return {
    name: 'logs',
    model: logsModel,
    store: {
      create: () => new LogsStore(),
      serialize: (store) => snapshotLogs(store),
      restore: (data) => restoreLogs(data as LogsSnapshot),
    },
    operations: {
      CreateLogGroup: (input, ctx) => createLogGroup(logs, input, ctx),
      DeleteLogGroup: (input, ctx) => deleteLogGroup(logs, input, ctx),
      DescribeLogGroups: (input, ctx) => describeLogGroups(logs, input, ctx),
      CreateLogStream: (input, ctx) => createLogStream(logs, input, ctx),
      DeleteLogStream: (input, ctx) => deleteLogStream(logs, input, ctx),
      DescribeLogStreams: (input, ctx) => describeLogStreams(logs, input, ctx),
      PutLogEvents: (input, ctx) => putLogEvents(logs, input, ctx),
      GetLogEvents: (input, ctx) => getLogEvents(logs, input, ctx),
      FilterLogEvents: (input, ctx) => filterLogEvents(logs, input, ctx),
      PutMetricFilter: (input, ctx) => putMetricFilter(logs, input, ctx),
      DescribeMetricFilters: (input, ctx) => describeMetricFilters(logs, input, ctx),
      DeleteMetricFilter: (input, ctx) => deleteMetricFilter(logs, input, ctx),
      TestMetricFilter: (input) => testMetricFilter(input),
      PutRetentionPolicy: (input, ctx) => putRetentionPolicy(logs, input, ctx),
      DeleteRetentionPolicy: (input, ctx) => deleteRetentionPolicy(logs, input, ctx),
      TagResource: (input, ctx) => tagResource(logs, input, ctx),
      UntagResource: (input, ctx) => untagResource(logs, input, ctx),
      ListTagsForResource: (input, ctx) => listTagsForResource(logs, input, ctx),
      TagLogGroup: (input, ctx) => tagLogGroup(logs, input, ctx),
      UntagLogGroup: (input, ctx) => untagLogGroup(logs, input, ctx),
      ListTagsLogGroup: (input, ctx) => listTagsLogGroup(logs, input, ctx),
    },
    onReset: () => logs.metricFilters.reset(),
    stop: () => logs.metricFilters.reset(),
  };
}
