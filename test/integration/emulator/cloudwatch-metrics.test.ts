/**
 * CloudWatch metric operations through the SDK (awsJson 1.0, gzip-compressed PutMetricData) and the
 * query protocol: statistics per period and per unit, percentiles, GetMetricData with metric math
 * and AWS's labels and MultipleUnits message, ListMetrics filters; and persistence of metrics,
 * alarms, topics, subscriptions and queues through --state-dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, ListSubscriptionsCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_START, type TestEmulator } from '../../support/emulator.ts';
import { alarmClients, type AlarmClients } from '../../support/sns-clients.ts';

const MINUTE = 60_000;
let lab: TestEmulator;
let c: AlarmClients;

describe('metrics', () => {
  beforeEach(async () => {
    lab = await startTestEmulator({ startAt: TEST_START + 10 * MINUTE });
    c = alarmClients(lab.endpoint);
  });
  afterEach(async () => {
    c.destroy();
    await lab.stop();
  });

  it('accepts a gzip-compressed batch of 1000 data and reads statistics per period', async () => {
    const data = Array.from({ length: 1000 }, (_, i) => ({
      MetricName: 'load',
      Dimensions: [{ Name: 'host', Value: `h${i % 2}` }],
      Value: i % 10,
      Unit: 'Count' as const,
      Timestamp: new Date(TEST_START + (i % 5) * MINUTE + 1000),
    }));
    await c.cloudwatch.send(new PutMetricDataCommand({ Namespace: 'Lab', MetricData: data }));
    const stats = await c.cloudwatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'Lab',
        MetricName: 'load',
        Dimensions: [{ Name: 'host', Value: 'h0' }],
        StartTime: new Date(TEST_START + 15_000),
        EndTime: new Date(TEST_START + 5 * MINUTE),
        Period: 120,
        Statistics: ['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum'],
        ExtendedStatistics: ['p50', 'p100'],
      }),
    );
    // StartTime is rounded down to the minute: periods [10:00,10:02) [10:02,10:04) [10:04,10:05).
    expect(stats.Label).toBe('load');
    expect(stats.Datapoints!.map((d) => [d.Timestamp!.toISOString(), d.SampleCount, d.Unit])).toEqual([
      ['2026-01-15T10:00:00.000Z', 200, 'Count'],
      ['2026-01-15T10:02:00.000Z', 200, 'Count'],
      ['2026-01-15T10:04:00.000Z', 100, 'Count'],
    ]);
    // host h0 holds the even i: minute 0 gets value 0, minute 1 value 6 (100 samples each).
    expect(stats.Datapoints![0]).toMatchObject({
      Minimum: 0,
      Maximum: 6,
      Sum: 600,
      ExtendedStatistics: { p50: 0, p100: 6 },
    });
  });

  it('reports one datapoint per unit without a unit filter', async () => {
    await c.cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'Lab',
        MetricData: [
          { MetricName: 'm-test', Value: 10, Timestamp: new Date(TEST_START + 1000) },
          { MetricName: 'm-test', Value: 5, Unit: 'Count', Timestamp: new Date(TEST_START + 1000) },
          { MetricName: 'm-test', Value: 1, Unit: 'Seconds', Timestamp: new Date(TEST_START + 1000) },
        ],
      }),
    );
    const stats = await c.cloudwatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'Lab',
        MetricName: 'm-test',
        StartTime: new Date(TEST_START),
        EndTime: new Date(TEST_START + MINUTE),
        Period: 60,
        Statistics: ['Average'],
      }),
    );
    expect(stats.Datapoints!.map((d) => [d.Unit, d.Average]).sort()).toEqual([
      ['Count', 5],
      ['None', 10],
      ['Seconds', 1],
    ]);
    const counted = await c.cloudwatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'Lab',
        MetricName: 'm-test',
        StartTime: new Date(TEST_START),
        EndTime: new Date(TEST_START + MINUTE),
        Period: 60,
        Statistics: ['Sum'],
        Unit: 'Count',
      }),
    );
    expect(counted.Datapoints!.map((d) => d.Sum)).toEqual([5]);
  });

  it('answers GetMetricData with generated labels, metric math and the MultipleUnits message', async () => {
    for (let minute = 0; minute < 3; minute++) {
      await c.cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: 'Lab',
          MetricData: [
            {
              MetricName: 'errors',
              Value: minute + 1,
              Unit: 'Count',
              Timestamp: new Date(TEST_START + minute * MINUTE + 1000),
            },
            {
              MetricName: 'errors',
              Value: 100,
              Unit: 'Seconds',
              Timestamp: new Date(TEST_START + minute * MINUTE + 2000),
            },
            { MetricName: 'calls', Value: 10, Timestamp: new Date(TEST_START + minute * MINUTE + 1000) },
          ],
        }),
      );
    }
    const out = await c.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(TEST_START),
        EndTime: new Date(TEST_START + 3 * MINUTE),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          {
            Id: 'sum',
            MetricStat: {
              Metric: { Namespace: 'Lab', MetricName: 'errors' },
              Period: 60,
              Stat: 'Sum',
              Unit: 'Count',
            },
          },
          {
            Id: 'max',
            MetricStat: { Metric: { Namespace: 'Lab', MetricName: 'errors' }, Period: 60, Stat: 'Maximum' },
          },
          {
            Id: 'calls',
            MetricStat: { Metric: { Namespace: 'Lab', MetricName: 'calls' }, Period: 60, Stat: 'Sum' },
            ReturnData: false,
          },
          { Id: 'ratio', Expression: 'sum / calls * 100', Label: 'error %' },
        ],
      }),
    );
    const byId: Record<string, MetricDataResult> = Object.fromEntries(
      out.MetricDataResults!.map((r) => [r.Id!, r]),
    );
    expect(Object.keys(byId)).toEqual(['sum', 'max', 'ratio']);
    expect(byId['sum']).toMatchObject({ Label: 'errors Sum', Values: [1, 2, 3], StatusCode: 'Complete' });
    expect(byId['sum']!.Timestamps!.map((t: Date) => t.toISOString())).toEqual([
      '2026-01-15T10:00:00.000Z',
      '2026-01-15T10:01:00.000Z',
      '2026-01-15T10:02:00.000Z',
    ]);
    expect(byId['max']).toMatchObject({
      Label: 'errors Maximum',
      Values: [100, 100, 100],
      Messages: [{ Code: 'MultipleUnits', Value: "Multiple units returned: '[Count, Seconds]'" }],
    });
    expect(byId['ratio']).toMatchObject({ Label: 'error %', Values: [10, 20, 30] });
    const descending = await c.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(TEST_START),
        EndTime: new Date(TEST_START + 3 * MINUTE),
        MetricDataQueries: [
          {
            Id: 'calls',
            MetricStat: { Metric: { Namespace: 'Lab', MetricName: 'calls' }, Period: 60, Stat: 'Sum' },
          },
        ],
      }),
    );
    expect(descending.MetricDataResults![0]!.Label).toBe('calls');
    expect(descending.MetricDataResults![0]!.Timestamps![0]!.toISOString()).toBe('2026-01-15T10:02:00.000Z');
  });

  it('lists metrics by namespace, name and dimension filter', async () => {
    await c.cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'Lab',
        MetricData: [
          { MetricName: 'a', Dimensions: [{ Name: 'env', Value: 'prod' }], Value: 1 },
          { MetricName: 'a', Dimensions: [{ Name: 'env', Value: 'dev' }], Value: 1 },
          { MetricName: 'b', Value: 1 },
        ],
      }),
    );
    await c.cloudwatch.send(
      new PutMetricDataCommand({ Namespace: 'Other', MetricData: [{ MetricName: 'a', Value: 1 }] }),
    );
    const prod = await c.cloudwatch.send(
      new ListMetricsCommand({ Namespace: 'Lab', Dimensions: [{ Name: 'env', Value: 'prod' }] }),
    );
    expect(prod.Metrics).toEqual([
      { Namespace: 'Lab', MetricName: 'a', Dimensions: [{ Name: 'env', Value: 'prod' }] },
    ]);
    const named = await c.cloudwatch.send(new ListMetricsCommand({ MetricName: 'a' }));
    expect(named.Metrics).toHaveLength(3);
    const recent = await c.cloudwatch.send(
      new ListMetricsCommand({ Namespace: 'Other', RecentlyActive: 'PT3H' }),
    );
    expect(recent.Metrics).toEqual([{ Namespace: 'Other', MetricName: 'a', Dimensions: [] }]);
  });
});

describe('persistence (--state-dir)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lab-alarms-state-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps metrics, alarms and their history, topics, subscriptions and queued messages across a restart', async () => {
    lab = await startTestEmulator({ startAt: TEST_START + 30_000, stateDir: dir });
    c = alarmClients(lab.endpoint);
    const topicArn = (await c.sns.send(new CreateTopicCommand({ Name: 'kept' }))).TopicArn!;
    const queueUrl = (await c.sqs.send(new CreateQueueCommand({ QueueName: 'kept' }))).QueueUrl!;
    const queueArn = (
      await c.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes!['QueueArn']!;
    await c.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn }));
    await c.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'still here' }));
    await c.cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'Lab',
        MetricData: [{ MetricName: 'm', Value: 4, Timestamp: new Date(TEST_START + 1000) }],
      }),
    );
    await c.cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'kept',
        Namespace: 'Lab',
        MetricName: 'm',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    await lab.clock.advance(31_000);
    expect((await c.cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms![0]!.StateValue).toBe(
      'ALARM',
    );
    c.destroy();
    await lab.stop();

    lab = await startTestEmulator({ startAt: TEST_START + 61_000, stateDir: dir });
    c = alarmClients(lab.endpoint);
    const alarm = (await c.cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms![0]!;
    expect(alarm).toMatchObject({ AlarmName: 'kept', StateValue: 'ALARM' });
    const stats = await c.cloudwatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'Lab',
        MetricName: 'm',
        StartTime: new Date(TEST_START),
        EndTime: new Date(TEST_START + MINUTE),
        Period: 60,
        Statistics: ['Sum'],
      }),
    );
    expect(stats.Datapoints!.map((d) => d.Sum)).toEqual([4]);
    const subs = await c.sns.send(new ListSubscriptionsCommand({}));
    expect(subs.Subscriptions!.map((s) => [s.TopicArn, s.Protocol])).toEqual([[topicArn, 'sqs']]);
    const received = await c.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: `${lab.endpoint}/000000000000/kept`, WaitTimeSeconds: 1 }),
    );
    expect(received.Messages!.map((m) => m.Body)).toEqual(['still here']);
    c.destroy();
    await lab.stop();
  });
});
