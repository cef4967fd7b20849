import { logsModel } from '../models/logs.ts';
import type { ServiceDefinition, ServiceFactory } from '../service.ts';
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

/** CloudWatch Logs (awsJson 1.1, `Logs_20140328`): groups, streams, events, metric filters, tags. */
export const createLogsService: ServiceFactory = (env): ServiceDefinition<LogsStore> => {
  const logger = env.logger.extend('logs');
  const logs: LogsContext = {
    stores: env.state.accessor<LogsStore>('logs'),
    clock: env.clock,
    logger,
    metricFilters: new MetricFilterEngine({
      clock: env.clock,
      capabilities: env.capabilities,
      logger,
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
      CreateLogGroup: createLogGroup(logs),
      DeleteLogGroup: deleteLogGroup(logs),
      DescribeLogGroups: describeLogGroups(logs),
      CreateLogStream: createLogStream(logs),
      DeleteLogStream: deleteLogStream(logs),
      DescribeLogStreams: describeLogStreams(logs),
      PutLogEvents: putLogEvents(logs),
      GetLogEvents: getLogEvents(logs),
      FilterLogEvents: filterLogEvents(logs),
      PutMetricFilter: putMetricFilter(logs),
      DescribeMetricFilters: describeMetricFilters(logs),
      DeleteMetricFilter: deleteMetricFilter(logs),
      TestMetricFilter: testMetricFilter(),
      PutRetentionPolicy: putRetentionPolicy(logs),
      DeleteRetentionPolicy: deleteRetentionPolicy(logs),
      TagResource: tagResource(logs),
      UntagResource: untagResource(logs),
      ListTagsForResource: listTagsForResource(logs),
      TagLogGroup: tagLogGroup(logs),
      UntagLogGroup: untagLogGroup(logs),
      ListTagsLogGroup: listTagsLogGroup(logs),
    },
    onReset: () => logs.metricFilters.reset(),
    stop: () => logs.metricFilters.reset(),
  };
};
