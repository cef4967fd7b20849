/**
 * The lab's pipeline end to end inside the emulator, over HTTP with the SDK: a metric filter on a log
 * group, Vault-like audit events put, the clock advanced, the alarm in ALARM, the SNS notification
 * delivered to an HTTP endpoint (subscription confirmed, signature verified by sns-validator) and to
 * an SQS queue read with ReceiveMessage, both carrying CloudWatch's alarm JSON.
 */
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../harness/util/wait-for.ts';
import { startTestEmulator, TEST_START, type TestEmulator } from '../../support/emulator.ts';
import { alarmClients, type AlarmClients } from '../../support/sns-clients.ts';
import {
  emulatorSignatureVerifier,
  startSnsHttpReceiver,
  type SnsHttpReceiver,
} from '../../support/sns-http-receiver.ts';

const MINUTE = 60_000;
const GROUP = 'vault_audit_log';
const ALARM = 'vault-root-login';

let lab: TestEmulator;
let c: AlarmClients;
let receiver: SnsHttpReceiver;
let queueUrl: string;
let topicArn: string;

function auditLine(displayName: string, path: string): string {
  return JSON.stringify({
    time: new Date(TEST_START).toISOString(),
    type: 'response',
    auth: { display_name: displayName, policies: ['root'] },
    request: { operation: 'read', path },
  });
}

beforeAll(async () => {
  lab = await startTestEmulator({ startAt: TEST_START + 5_000 });
  c = alarmClients(lab.endpoint);
  receiver = await startSnsHttpReceiver({ autoConfirm: true });
  await lab.logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
  await lab.logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 'vault' }));
  await lab.logs.send(
    new PutMetricFilterCommand({
      logGroupName: GROUP,
      filterName: 'root-sys-auth',
      filterPattern: '{ $.auth.display_name = "root" && $.request.path = "sys/auth" && $.type = "response" }',
      metricTransformations: [
        { metricName: 'RootAuthListCount', metricNamespace: 'VaultMetricNamespace', metricValue: '1' },
      ],
    }),
  );
  topicArn = (await c.sns.send(new CreateTopicCommand({ Name: 'vault-alerts' }))).TopicArn!;
  await c.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: receiver.url }));
  queueUrl = (await c.sqs.send(new CreateQueueCommand({ QueueName: 'vault-alerts' }))).QueueUrl!;
  const queueArn = (
    await c.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))
  ).Attributes!['QueueArn']!;
  await c.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn }));
  await waitFor(
    async () => {
      const { json } = await lab.control('GET', '/_lab/sns/subscription-tokens');
      return (json as { subscriptions: { pendingConfirmation: boolean }[] }).subscriptions.every(
        (s) => !s.pendingConfirmation,
      );
    },
    { description: 'the HTTP subscription confirmed by the receiver', timeoutMs: 10_000 },
  );
  await c.cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: ALARM,
      AlarmDescription: 'root listed auth methods',
      Namespace: 'VaultMetricNamespace',
      MetricName: 'RootAuthListCount',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [topicArn],
    }),
  );
  await lab.logs.send(
    new PutLogEventsCommand({
      logGroupName: GROUP,
      logStreamName: 'vault',
      logEvents: [
        { timestamp: TEST_START + 10_000, message: auditLine('token-app', 'secret/data/x') },
        { timestamp: TEST_START + 20_000, message: auditLine('root', 'sys/auth') },
        { timestamp: TEST_START + 30_000, message: auditLine('root', 'sys/auth') },
      ],
    }),
  );
  await lab.clock.advanceTo(TEST_START + MINUTE + 1);
});

afterAll(async () => {
  c?.destroy();
  await receiver?.close();
  await lab?.stop();
});

describe('metric filter → alarm → SNS → subscribers', () => {
  it('puts the alarm in ALARM from the filtered events of the minute', async () => {
    const out = await c.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [ALARM] }));
    expect(out.MetricAlarms![0]!.StateValue).toBe('ALARM');
    expect(out.MetricAlarms![0]!.StateReason).toBe(
      'Threshold Crossed: 1 out of the last 1 datapoints [2.0 (15/01/26 10:00:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).',
    );
  });

  it('delivers a confirmed, signature-verified HTTP notification with the AWS alarm message', async () => {
    const verify = await emulatorSignatureVerifier(lab.endpoint);
    await waitFor(() => receiver.requests.some((r) => r.json?.['Type'] === 'Notification'), {
      description: 'the alarm notification at the HTTP endpoint',
      timeoutMs: 10_000,
    });
    const notification = receiver.requests.find((r) => r.json?.['Type'] === 'Notification')!;
    await verify(notification.json!);
    expect(notification.json!['Subject']).toBe('ALARM: "vault-root-login" in US East (N. Virginia)');
    const alarm = JSON.parse(notification.json!['Message']!) as Record<string, unknown>;
    expect(Object.keys(alarm)).toEqual([
      'AlarmName',
      'AlarmDescription',
      'AWSAccountId',
      'AlarmConfigurationUpdatedTimestamp',
      'NewStateValue',
      'NewStateReason',
      'StateChangeTime',
      'Region',
      'AlarmArn',
      'OldStateValue',
      'ActionExecutedAfterMuteWindow',
      'OKActions',
      'AlarmActions',
      'InsufficientDataActions',
      'Trigger',
    ]);
    expect(alarm).toMatchObject({
      AlarmName: ALARM,
      AlarmDescription: 'root listed auth methods',
      AWSAccountId: '000000000000',
      NewStateValue: 'ALARM',
      StateChangeTime: '2026-01-15T10:01:00.000+0000',
      Region: 'US East (N. Virginia)',
      AlarmArn: `arn:aws:cloudwatch:us-east-1:000000000000:alarm:${ALARM}`,
      OldStateValue: 'INSUFFICIENT_DATA',
      OKActions: [],
      AlarmActions: [topicArn],
      InsufficientDataActions: [],
      Trigger: {
        MetricName: 'RootAuthListCount',
        Namespace: 'VaultMetricNamespace',
        StatisticType: 'Statistic',
        Statistic: 'SUM',
        Unit: null,
        Dimensions: [],
        Period: 60,
        EvaluationPeriods: 1,
        DatapointsToAlarm: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 1,
        TreatMissingData: 'notBreaching',
        EvaluateLowSampleCountPercentile: '',
      },
    });
    // Java-style doubles, as CloudWatch writes them.
    expect(notification.json!['Message']).toContain('"Threshold":1.0');
  });

  it('delivers the same notification to the SQS queue, read with ReceiveMessage', async () => {
    const out = await c.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 2, AttributeNames: ['All'] }),
    );
    expect(out.Messages).toHaveLength(1);
    const envelope = JSON.parse(out.Messages![0]!.Body!) as Record<string, string>;
    expect(envelope['Type']).toBe('Notification');
    expect(envelope['Subject']).toBe('ALARM: "vault-root-login" in US East (N. Virginia)');
    expect(JSON.parse(envelope['Message']!)).toMatchObject({ AlarmName: ALARM, NewStateValue: 'ALARM' });
    await c.sqs.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: out.Messages![0]!.ReceiptHandle! }),
    );
  });
});
