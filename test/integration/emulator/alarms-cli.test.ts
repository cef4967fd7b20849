/**
 * The alarm flow driven entirely by the Debian AWS CLI 2.9.19 (`/usr/bin/aws`, awsQuery for
 * CloudWatch, SNS and SQS): create a topic and a queue, subscribe the queue, put data, put an alarm
 * with the topic as action, advance the emulator clock through its control API, then describe the
 * alarm and its history and receive the notification from the queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_START, type TestEmulator } from '../../support/emulator.ts';
import { awsCliUnavailable, runAwsCli } from '../../support/emulator-aws-cli.ts';

const skipReason = awsCliUnavailable();
if (skipReason) console.warn(skipReason);

let lab: TestEmulator;
const aws = (...args: string[]) => runAwsCli(lab.endpoint, args, { region: 'us-east-2' });
let topicArn: string;
let queueUrl: string;

describe.skipIf(skipReason !== undefined)(
  'the alarm flow through the AWS CLI 2.9.19 (query protocol)',
  () => {
    beforeAll(async () => {
      lab = await startTestEmulator({ startAt: TEST_START + 15_000, region: 'us-east-2' });
    });
    afterAll(async () => {
      await lab?.stop();
    });

    it('creates the topic and the queue and subscribes the queue', async () => {
      const topic = await aws('sns', 'create-topic', '--name', 'vault-alerts');
      expect(topic.exitCode).toBe(0);
      topicArn = topic.json<{ TopicArn: string }>().TopicArn;
      expect(topicArn).toBe('arn:aws:sns:us-east-2:000000000000:vault-alerts');
      const queue = await aws('sqs', 'create-queue', '--queue-name', 'alerts');
      queueUrl = queue.json<{ QueueUrl: string }>().QueueUrl;
      expect(queueUrl).toBe(`${lab.endpoint}/000000000000/alerts`);
      const attributes = await aws(
        'sqs',
        'get-queue-attributes',
        '--queue-url',
        queueUrl,
        '--attribute-names',
        'All',
      );
      const queueArn = attributes.json<{ Attributes: Record<string, string> }>().Attributes['QueueArn']!;
      expect(attributes.json<{ Attributes: Record<string, string> }>().Attributes).toMatchObject({
        VisibilityTimeout: '30',
        MaximumMessageSize: '1048576',
        MessageRetentionPeriod: '345600',
        ApproximateNumberOfMessages: '0',
      });
      const sub = await aws(
        'sns',
        'subscribe',
        '--topic-arn',
        topicArn,
        '--protocol',
        'sqs',
        '--notification-endpoint',
        queueArn,
      );
      expect(sub.exitCode).toBe(0);
      expect(sub.json<{ SubscriptionArn: string }>().SubscriptionArn).toMatch(
        /^arn:aws:sns:us-east-2:000000000000:vault-alerts:/,
      );
    });

    it('puts an alarm, puts data, and the advanced clock moves it to ALARM', async () => {
      const alarm = await aws(
        'cloudwatch',
        'put-metric-alarm',
        '--alarm-name',
        'root-login',
        '--metric-name',
        'RootAuthListCount',
        '--namespace',
        'VaultMetricNamespace',
        '--statistic',
        'Sum',
        '--period',
        '60',
        '--evaluation-periods',
        '1',
        '--threshold',
        '1',
        '--comparison-operator',
        'GreaterThanOrEqualToThreshold',
        '--treat-missing-data',
        'notBreaching',
        '--alarm-actions',
        topicArn,
      );
      expect(alarm).toMatchObject({ exitCode: 0, stdout: '' });
      const data = await aws(
        'cloudwatch',
        'put-metric-data',
        '--namespace',
        'VaultMetricNamespace',
        '--metric-name',
        'RootAuthListCount',
        '--value',
        '3',
        '--timestamp',
        new Date(TEST_START + 20_000).toISOString(),
      );
      expect(data.exitCode).toBe(0);
      const before = await aws('cloudwatch', 'describe-alarms', '--alarm-names', 'root-login');
      expect(
        before.json<{ MetricAlarms: { StateValue: string; StateReason: string }[] }>().MetricAlarms[0],
      ).toMatchObject({
        StateValue: 'INSUFFICIENT_DATA',
        StateReason: 'Unchecked: Initial alarm creation',
      });
      const advanced = await lab.control('POST', '/_lab/clock', { advanceSeconds: 60 });
      expect(advanced.status).toBe(200);
      const after = await aws(
        'cloudwatch',
        'describe-alarms',
        '--alarm-names',
        'root-login',
        '--state-value',
        'ALARM',
      );
      const described = after.json<{ MetricAlarms: Record<string, unknown>[]; CompositeAlarms: unknown[] }>();
      expect(described.CompositeAlarms).toEqual([]);
      expect(described.MetricAlarms[0]).toMatchObject({
        AlarmName: 'root-login',
        AlarmArn: 'arn:aws:cloudwatch:us-east-2:000000000000:alarm:root-login',
        StateValue: 'ALARM',
        StateReason:
          'Threshold Crossed: 1 datapoint [3.0 (15/01/26 10:00:00)] was greater than or equal to the threshold (1.0).',
        Threshold: 1,
        AlarmActions: [topicArn],
        OKActions: [],
        Dimensions: [],
      });
    });

    it('shows the history with StateUpdate, Action and ConfigurationUpdate items', async () => {
      const history = await aws('cloudwatch', 'describe-alarm-history', '--alarm-name', 'root-login');
      const items = history.json<{
        AlarmHistoryItems: { HistoryItemType: string; HistorySummary: string; HistoryData: string }[];
      }>().AlarmHistoryItems;
      expect(items.map((i) => [i.HistoryItemType, i.HistorySummary])).toEqual([
        ['Action', `Successfully executed action ${topicArn}`],
        ['StateUpdate', 'Alarm updated from INSUFFICIENT_DATA to ALARM'],
        ['ConfigurationUpdate', 'Alarm "root-login" created'],
      ]);
      expect(JSON.parse(items[1]!.HistoryData)).toMatchObject({
        version: '1.0',
        oldState: { stateValue: 'INSUFFICIENT_DATA', stateReason: 'Unchecked: Initial alarm creation' },
        newState: {
          stateValue: 'ALARM',
          stateReasonData: { statistic: 'Sum', period: 60, recentDatapoints: [3] },
        },
      });
      const onlyState = await aws(
        'cloudwatch',
        'describe-alarm-history',
        '--alarm-name',
        'root-login',
        '--history-item-type',
        'StateUpdate',
      );
      expect(onlyState.json<{ AlarmHistoryItems: unknown[] }>().AlarmHistoryItems).toHaveLength(1);
    });

    it('receives the alarm notification from the queue', async () => {
      const received = await aws(
        'sqs',
        'receive-message',
        '--queue-url',
        queueUrl,
        '--wait-time-seconds',
        '2',
        '--attribute-names',
        'All',
      );
      expect(received.exitCode).toBe(0);
      const messages = received.json<{
        Messages: { Body: string; MD5OfBody: string; Attributes: Record<string, string> }[];
      }>().Messages;
      expect(messages).toHaveLength(1);
      const envelope = JSON.parse(messages[0]!.Body) as Record<string, string>;
      expect(envelope['Subject']).toBe('ALARM: "root-login" in US East (Ohio)');
      expect(JSON.parse(envelope['Message']!)).toMatchObject({
        AlarmName: 'root-login',
        NewStateValue: 'ALARM',
        Region: 'US East (Ohio)',
        Trigger: { MetricName: 'RootAuthListCount', Statistic: 'SUM', Threshold: 1 },
      });
      expect(messages[0]!.Attributes['ApproximateReceiveCount']).toBe('1');
    });

    it('reads the metric back and sets, lists and deletes', async () => {
      const stats = await aws(
        'cloudwatch',
        'get-metric-statistics',
        '--namespace',
        'VaultMetricNamespace',
        '--metric-name',
        'RootAuthListCount',
        '--start-time',
        new Date(TEST_START).toISOString(),
        '--end-time',
        new Date(TEST_START + 300_000).toISOString(),
        '--period',
        '60',
        '--statistics',
        'Sum',
        'SampleCount',
      );
      expect(stats.json()).toEqual({
        Label: 'RootAuthListCount',
        Datapoints: [{ Timestamp: '2026-01-15T10:00:00+00:00', Sum: 3, SampleCount: 1, Unit: 'None' }],
      });
      const metrics = await aws('cloudwatch', 'list-metrics', '--namespace', 'VaultMetricNamespace');
      expect(metrics.json<{ Metrics: unknown[] }>().Metrics).toEqual([
        { Namespace: 'VaultMetricNamespace', MetricName: 'RootAuthListCount', Dimensions: [] },
      ]);
      const set = await aws(
        'cloudwatch',
        'set-alarm-state',
        '--alarm-name',
        'root-login',
        '--state-value',
        'OK',
        '--state-reason',
        'manual',
      );
      expect(set.exitCode).toBe(0);
      const topics = await aws('sns', 'list-topics');
      expect(topics.json()).toEqual({ Topics: [{ TopicArn: topicArn }] });
      const deleted = await aws('cloudwatch', 'delete-alarms', '--alarm-names', 'root-login');
      expect(deleted.exitCode).toBe(0);
      const gone = await aws('cloudwatch', 'describe-alarms');
      expect(gone.json()).toEqual({ MetricAlarms: [], CompositeAlarms: [] });
    });
  },
);
