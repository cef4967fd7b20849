/**
 * The CloudWatch service of the emulator: metrics (PutMetricData, GetMetricStatistics, GetMetricData,
 * ListMetrics), metric and composite alarms evaluated on the emulator clock, alarm history and tags.
 * Offers the metric store to other services (Logs metric filters write to it) and publishes alarm
 * actions through SNS in process.
 */
import { cloudwatchModel } from '../models/cloudwatch.ts';
import type { EmulatorEnv, ServiceDefinition } from '../service.ts';
import type { AlarmActionTarget } from './alarm-actions.ts';
import { AlarmEngine } from './alarm-engine.ts';
import type { CloudWatchContext } from './context.ts';
import { MetricStore } from './metric-store.ts';
import type { MetricStoreSnapshot } from './metric-store-snapshot.ts';
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

declare module '../capabilities.ts' {
  interface EmulatorCapabilities {
    /** The alarm engine (transitions, SetAlarmState) for in-process users such as the runner. */
    alarms: AlarmEngine;
    /** SNS Publish as alarm actions need it (provided by the SNS service). */
    snsPublish: AlarmActionTarget;
  }
}

export function createCloudWatchService(env: EmulatorEnv): ServiceDefinition<RegionAlarms> {
  const metrics = new MetricStore();
  const flushProducers = (until: number): void => env.capabilities.get('metricProducers')?.flush(until);
  const alarms = new AlarmEngine({
    clock: env.clock,
    metrics,
    regions: env.state.accessor<RegionAlarms>('cloudwatch'),
    beforeEvaluate: flushProducers,
    onChange: () => env.state.markDirty(),
    // Looked up at publish time: SNS may be created after CloudWatch.
    actions: {
      publish: (topicArn, message) => {
        const sns = env.capabilities.get('snsPublish');
        if (sns === undefined) return Promise.reject(new Error('No SNS service is running in this emulator'));
        return sns.publish(topicArn, message);
      },
    },
  });
  env.capabilities.provide('metrics', metrics);
  env.capabilities.provide('alarms', alarms);
  const cw: CloudWatchContext = { clock: env.clock, metrics, alarms, flushProducers };

  return {
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
    globalState: {
      serialize: () => metrics.snapshot(),
      restore: (data) => metrics.restore(data as MetricStoreSnapshot),
    },
    start() {
      alarms.start();
      alarms.refresh();
    },
    async stop() {
      alarms.stop();
      await alarms.settled();
    },
    onReset() {
      metrics.clear();
    },
  };
}
