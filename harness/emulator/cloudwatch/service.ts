/**
 * The CloudWatch service of the emulator: metrics (PutMetricData, GetMetricStatistics, GetMetricData,
 * ListMetrics), metric and composite alarms evaluated on the emulator clock, alarm history and tags.
 * Offers the metric store to other services (Logs metric filters write to it) and publishes alarm
 * actions through SNS in process.
 */
import { cloudwatchModel, type CloudWatchOperation } from '../models/cloudwatch.ts';
import type { EmulatorEnv, ServiceDefinition } from '../service.ts';
import type { MetricProducers } from '../shared/metric-producers.ts';
import type { AlarmActionPublisher } from './alarm-actions.ts';
import { AlarmEngine } from './alarm-engine.ts';
import type { CloudWatchContext } from './context.ts';
import { MetricStore } from './metric-store.ts';
import type { RegionMetrics } from './metric-record.ts';
import { regionMetricsStore } from './metric-store-snapshot.ts';
import { disableAlarmActions, enableAlarmActions } from './operations/alarm-actions-enabled.ts';
import { deleteAlarms } from './operations/delete-alarms.ts';
import { describeAlarmHistory } from './operations/describe-alarm-history.ts';
import { describeAlarms, describeAlarmsForMetric } from './operations/describe-alarms.ts';
import { putCompositeAlarm } from './operations/put-composite-alarm.ts';
import { putMetricAlarm } from './operations/put-metric-alarm.ts';
import { setAlarmState } from './operations/set-alarm-state.ts';
import { getMetricData } from './operations/get-metric-data.ts';
import { getMetricStatistics } from './operations/get-metric-statistics.ts';
import { listMetrics } from './operations/list-metrics.ts';
import { putMetricData } from './operations/put-metric-data.ts';
import { listTagsForResource, tagResource, untagResource } from './operations/tags.ts';
import {
  createRegionAlarms,
  restoreRegionAlarms,
  snapshotRegionAlarms,
  type RegionAlarms,
  type RegionAlarmsSnapshot,
} from './region-alarms.ts';

/** What CloudWatch takes from the other services. */
export interface CloudWatchDependencies {
  /** Metric producers (Logs metric filters) flushed before alarms read a period. */
  readonly producers: MetricProducers;
  /** SNS Publish, for alarm actions. */
  readonly sns: AlarmActionPublisher;
}

/** The service plus the engines in-process users (tests, benchmarks, Logs) work with. */
export interface CloudWatchService extends ServiceDefinition<RegionAlarms, CloudWatchOperation> {
  readonly metrics: MetricStore;
  readonly alarms: AlarmEngine;
}

export function createCloudWatchService(env: EmulatorEnv, deps: CloudWatchDependencies): CloudWatchService {
  // Metrics are their own per-region stores beside the alarms (`cloudwatch`), persisted per region.
  env.state.register(METRICS_STATE, regionMetricsStore);
  const metrics = new MetricStore(env.state.accessor<RegionMetrics>(METRICS_STATE));
  const flushProducers = (until: number): void => deps.producers.flush(until);
  const alarms = new AlarmEngine({
    clock: env.clock,
    metrics,
    regions: env.state.accessor<RegionAlarms>('cloudwatch'),
    beforeEvaluate: flushProducers,
    onChange: () => env.state.markDirty(),
    actions: deps.sns,
  });
  const cw: CloudWatchContext = { clock: env.clock, metrics, alarms, flushProducers };

  return {
    metrics,
    alarms,
    name: 'cloudwatch',
    model: cloudwatchModel,
    operations: {
      PutMetricData: (input, ctx) => putMetricData(cw, input, ctx),
      GetMetricStatistics: (input, ctx) => getMetricStatistics(cw, input, ctx),
      GetMetricData: (input, ctx) => getMetricData(cw, input, ctx),
      ListMetrics: (input, ctx) => listMetrics(cw, input, ctx),
      PutMetricAlarm: (input, ctx) => putMetricAlarm(cw, input, ctx),
      PutCompositeAlarm: (input, ctx) => putCompositeAlarm(cw, input, ctx),
      DescribeAlarms: (input, ctx) => describeAlarms(cw, input, ctx),
      DescribeAlarmsForMetric: (input, ctx) => describeAlarmsForMetric(cw, input, ctx),
      DescribeAlarmHistory: (input, ctx) => describeAlarmHistory(cw, input, ctx),
      SetAlarmState: (input, ctx) => setAlarmState(cw, input, ctx),
      DeleteAlarms: (input, ctx) => deleteAlarms(cw, input, ctx),
      EnableAlarmActions: (input, ctx) => enableAlarmActions(cw, input, ctx),
      DisableAlarmActions: (input, ctx) => disableAlarmActions(cw, input, ctx),
      TagResource: (input, ctx) => tagResource(cw, input, ctx),
      UntagResource: (input, ctx) => untagResource(cw, input, ctx),
      ListTagsForResource: (input, ctx) => listTagsForResource(cw, input, ctx),
    },
    store: {
      create: createRegionAlarms,
      serialize: snapshotRegionAlarms,
      restore: (data, scope) => restoreRegionAlarms(data as RegionAlarmsSnapshot, scope),
    },
    start() {
      alarms.start();
      alarms.refresh();
    },
    async stop() {
      alarms.stop();
      await alarms.settled();
    },
  };
}

/** The StateRegistry name of CloudWatch's per-region metrics. */
export const METRICS_STATE = 'cloudwatch-metrics';
