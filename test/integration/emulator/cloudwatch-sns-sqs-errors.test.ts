/**
 * Invalid requests to CloudWatch, SNS and SQS get AWS's errors, table-driven: each case is sent
 * through the SDK v3 (checking the exception name the caller sees, the HTTP status and, where AWS's
 * text is known, the message) and through the Debian AWS CLI 2.9.19 (checking the error code it
 * prints; awsQuery for all three services).
 */
import {
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  GetMetricStatisticsCommand,
  PutCompositeAlarmCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  GetTopicAttributesCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  type QueueAttributeName,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_START, type TestEmulator } from '../../support/emulator.ts';
import { awsCliUnavailable, runAwsCli } from '../../support/emulator-aws-cli.ts';
import { alarmClients, type AlarmClients } from '../../support/sns-clients.ts';

const cliSkip = awsCliUnavailable();
if (cliSkip) console.warn(cliSkip);

let lab: TestEmulator;
let c: AlarmClients;
const TOPIC = 'arn:aws:sns:us-east-1:000000000000:exists';
const MISSING_TOPIC = 'arn:aws:sns:us-east-1:000000000000:missing';
let queueUrl = '';
let purgedUrl = '';
let subscriptionArn = '';

interface ErrorCase {
  readonly name: string;
  readonly sdk: () => Promise<unknown>;
  /** CLI arguments; a function when they need values created in setup. */
  readonly cli: () => string[];
  /** SDK `err.name`. */
  readonly exception: string;
  /** The query code the CLI prints. */
  readonly code: string;
  readonly status: number;
  readonly message?: string | RegExp;
  /** The CLI's message when the query protocol words it differently. */
  readonly cliMessage?: string;
}

const alarmBase: PutMetricAlarmCommandInput = {
  AlarmName: 'bad',
  Namespace: 'Lab',
  MetricName: 'm',
  Statistic: 'Sum',
  Period: 60,
  EvaluationPeriods: 1,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanThreshold',
};
const alarmCli = [
  'cloudwatch',
  'put-metric-alarm',
  '--alarm-name',
  'bad',
  '--namespace',
  'Lab',
  '--metric-name',
  'm',
  '--threshold',
  '1',
  '--comparison-operator',
  'GreaterThanThreshold',
];
const now = (): string => new Date(TEST_START).toISOString();

const CASES: ErrorCase[] = [
  // --- CloudWatch ---------------------------------------------------------------------------------
  {
    name: 'PutMetricData with both Value and Values',
    sdk: () =>
      c.cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: 'Lab',
          MetricData: [{ MetricName: 'm', Value: 1, Values: [1] }],
        }),
      ),
    cli: () => [
      'cloudwatch',
      'put-metric-data',
      '--namespace',
      'Lab',
      '--metric-data',
      '[{"MetricName":"m","Value":1,"Values":[1]}]',
    ],
    exception: 'InvalidParameterCombinationException',
    code: 'InvalidParameterCombination',
    status: 400,
    message:
      'The parameters MetricData.member.1.Value and MetricData.member.1.Values are mutually exclusive and you have specified both.',
  },
  {
    name: 'PutMetricData with Values and Counts of different sizes',
    sdk: () =>
      c.cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: 'Lab',
          MetricData: [{ MetricName: 'm', Values: [1, 2], Counts: [1] }],
        }),
      ),
    cli: () => [
      'cloudwatch',
      'put-metric-data',
      '--namespace',
      'Lab',
      '--metric-data',
      '[{"MetricName":"m","Values":[1,2],"Counts":[1]}]',
    ],
    exception: 'InvalidParameterValueException',
    code: 'InvalidParameterValue',
    status: 400,
    message:
      'The parameters MetricData.member.1.Values and MetricData.member.1.Counts must be of the same size.',
  },
  {
    name: 'PutMetricData into a reserved AWS/ namespace',
    sdk: () =>
      c.cloudwatch.send(
        new PutMetricDataCommand({ Namespace: 'AWS/EC2', MetricData: [{ MetricName: 'm', Value: 1 }] }),
      ),
    cli: () => [
      'cloudwatch',
      'put-metric-data',
      '--namespace',
      'AWS/EC2',
      '--metric-name',
      'm',
      '--value',
      '1',
    ],
    exception: 'InvalidParameterValueException',
    code: 'InvalidParameterValue',
    status: 400,
  },
  {
    name: 'PutMetricData three weeks in the past',
    sdk: () =>
      c.cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: 'Lab',
          MetricData: [{ MetricName: 'm', Value: 1, Timestamp: new Date(TEST_START - 21 * 86_400_000) }],
        }),
      ),
    cli: () => [
      'cloudwatch',
      'put-metric-data',
      '--namespace',
      'Lab',
      '--metric-name',
      'm',
      '--value',
      '1',
      '--timestamp',
      new Date(TEST_START - 21 * 86_400_000).toISOString(),
    ],
    exception: 'InvalidParameterValueException',
    code: 'InvalidParameterValue',
    status: 400,
    message: /Timestamp must specify a time no more than two weeks in the past/,
  },
  {
    name: 'PutMetricData with StorageResolution 5',
    sdk: () =>
      c.cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: 'Lab',
          MetricData: [{ MetricName: 'm', Value: 1, StorageResolution: 5 }],
        }),
      ),
    cli: () => [
      'cloudwatch',
      'put-metric-data',
      '--namespace',
      'Lab',
      '--metric-name',
      'm',
      '--value',
      '1',
      '--storage-resolution',
      '5',
    ],
    exception: 'InvalidParameterValueException',
    code: 'InvalidParameterValue',
    status: 400,
  },
  {
    name: 'GetMetricStatistics with StartTime after EndTime',
    sdk: () =>
      c.cloudwatch.send(
        new GetMetricStatisticsCommand({
          Namespace: 'Lab',
          MetricName: 'm',
          StartTime: new Date(TEST_START),
          EndTime: new Date(TEST_START - 60_000),
          Period: 60,
          Statistics: ['Sum'],
        }),
      ),
    cli: () => [
      'cloudwatch',
      'get-metric-statistics',
      '--namespace',
      'Lab',
      '--metric-name',
      'm',
      '--start-time',
      now(),
      '--end-time',
      new Date(TEST_START - 60_000).toISOString(),
      '--period',
      '60',
      '--statistics',
      'Sum',
    ],
    exception: 'InvalidParameterValueException',
    code: 'InvalidParameterValue',
    status: 400,
    message: 'The parameter StartTime must be less than the parameter EndTime.',
  },
  {
    name: 'GetMetricStatistics asking for 2880 datapoints',
    sdk: () =>
      c.cloudwatch.send(
        new GetMetricStatisticsCommand({
          Namespace: 'Lab',
          MetricName: 'm',
          StartTime: new Date(TEST_START - 2 * 86_400_000),
          EndTime: new Date(TEST_START),
          Period: 60,
          Statistics: ['Sum'],
        }),
      ),
    cli: () => [
      'cloudwatch',
      'get-metric-statistics',
      '--namespace',
      'Lab',
      '--metric-name',
      'm',
      '--start-time',
      new Date(TEST_START - 2 * 86_400_000).toISOString(),
      '--end-time',
      now(),
      '--period',
      '60',
      '--statistics',
      'Sum',
    ],
    exception: 'InvalidParameterCombinationException',
    code: 'InvalidParameterCombination',
    status: 400,
    message:
      'You have requested up to 2880 datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.',
  },
  {
    name: 'GetMetricStatistics without any statistic',
    sdk: () =>
      c.cloudwatch.send(
        new GetMetricStatisticsCommand({
          Namespace: 'Lab',
          MetricName: 'm',
          StartTime: new Date(TEST_START - 60_000),
          EndTime: new Date(TEST_START),
          Period: 60,
        }),
      ),
    cli: () => [
      'cloudwatch',
      'get-metric-statistics',
      '--namespace',
      'Lab',
      '--metric-name',
      'm',
      '--start-time',
      new Date(TEST_START - 60_000).toISOString(),
      '--end-time',
      now(),
      '--period',
      '60',
    ],
    exception: 'MissingRequiredParameterException',
    code: 'MissingParameter',
    status: 400,
  },
  {
    name: 'GetMetricStatistics with ExtendedStatistics p101',
    sdk: () =>
      c.cloudwatch.send(
        new GetMetricStatisticsCommand({
          Namespace: 'Lab',
          MetricName: 'm',
          StartTime: new Date(TEST_START - 60_000),
          EndTime: new Date(TEST_START),
          Period: 60,
          ExtendedStatistics: ['p101'],
        }),
      ),
    cli: () => [
      'cloudwatch',
      'get-metric-statistics',
      '--namespace',
      'Lab',
      '--metric-name',
      'm',
      '--start-time',
      new Date(TEST_START - 60_000).toISOString(),
      '--end-time',
      now(),
      '--period',
      '60',
      '--extended-statistics',
      'p101',
    ],
    exception: 'InvalidParameterValueException',
    code: 'InvalidParameterValue',
    status: 400,
  },
  {
    name: 'PutMetricAlarm with a 45-second period',
    sdk: () => c.cloudwatch.send(new PutMetricAlarmCommand({ ...alarmBase, Period: 45 })),
    cli: () => [...alarmCli, '--statistic', 'Sum', '--period', '45', '--evaluation-periods', '1'],
    exception: 'ValidationException',
    code: 'ValidationError',
    status: 400,
  },
  {
    name: 'PutMetricAlarm with an unknown TreatMissingData',
    sdk: () => c.cloudwatch.send(new PutMetricAlarmCommand({ ...alarmBase, TreatMissingData: 'sometimes' })),
    cli: () => [
      ...alarmCli,
      '--statistic',
      'Sum',
      '--period',
      '60',
      '--evaluation-periods',
      '1',
      '--treat-missing-data',
      'sometimes',
    ],
    exception: 'ValidationException',
    code: 'ValidationError',
    status: 400,
  },
  {
    name: 'PutMetricAlarm with both Statistic and ExtendedStatistic',
    sdk: () => c.cloudwatch.send(new PutMetricAlarmCommand({ ...alarmBase, ExtendedStatistic: 'p99' })),
    cli: () => [
      ...alarmCli,
      '--statistic',
      'Sum',
      '--extended-statistic',
      'p99',
      '--period',
      '60',
      '--evaluation-periods',
      '1',
    ],
    exception: 'InvalidParameterCombinationException',
    code: 'InvalidParameterCombination',
    status: 400,
  },
  {
    name: 'PutMetricAlarm with DatapointsToAlarm above EvaluationPeriods',
    sdk: () =>
      c.cloudwatch.send(
        new PutMetricAlarmCommand({ ...alarmBase, EvaluationPeriods: 2, DatapointsToAlarm: 3 }),
      ),
    cli: () => [
      ...alarmCli,
      '--statistic',
      'Sum',
      '--period',
      '60',
      '--evaluation-periods',
      '2',
      '--datapoints-to-alarm',
      '3',
    ],
    exception: 'ValidationException',
    code: 'ValidationError',
    status: 400,
  },
  {
    name: 'PutMetricAlarm watching more than a day of one-minute periods',
    sdk: () => c.cloudwatch.send(new PutMetricAlarmCommand({ ...alarmBase, EvaluationPeriods: 1441 })),
    cli: () => [...alarmCli, '--statistic', 'Sum', '--period', '60', '--evaluation-periods', '1441'],
    exception: 'ValidationException',
    code: 'ValidationError',
    status: 400,
    message:
      'Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400).',
  },
  {
    name: 'PutMetricAlarm with an unknown ComparisonOperator',
    sdk: () =>
      c.cloudwatch.send(
        new PutMetricAlarmCommand({ ...alarmBase, ComparisonOperator: 'Bigger' as 'GreaterThanThreshold' }),
      ),
    cli: () => [
      'cloudwatch',
      'put-metric-alarm',
      '--alarm-name',
      'bad',
      '--namespace',
      'Lab',
      '--metric-name',
      'm',
      '--threshold',
      '1',
      '--comparison-operator',
      'Bigger',
      '--statistic',
      'Sum',
      '--period',
      '60',
      '--evaluation-periods',
      '1',
    ],
    exception: 'ValidationException',
    code: 'ValidationError',
    status: 400,
    message:
      /^1 validation error detected: Value 'Bigger' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set/,
  },
  {
    name: 'PutMetricAlarm with an action that is not an ARN',
    sdk: () => c.cloudwatch.send(new PutMetricAlarmCommand({ ...alarmBase, AlarmActions: ['not-an-arn'] })),
    cli: () => [
      ...alarmCli,
      '--statistic',
      'Sum',
      '--period',
      '60',
      '--evaluation-periods',
      '1',
      '--alarm-actions',
      'not-an-arn',
    ],
    exception: 'ValidationException',
    code: 'ValidationError',
    status: 400,
    message: /^Invalid arn syntax: not-an-arn/,
  },
  {
    name: 'PutMetricAlarm with two metrics returning data',
    sdk: () =>
      c.cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: 'bad',
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanThreshold',
          Metrics: [
            {
              Id: 'a',
              MetricStat: { Metric: { Namespace: 'Lab', MetricName: 'a' }, Period: 60, Stat: 'Sum' },
            },
            {
              Id: 'b',
              MetricStat: { Metric: { Namespace: 'Lab', MetricName: 'b' }, Period: 60, Stat: 'Sum' },
            },
          ],
        }),
      ),
    cli: () => [
      'cloudwatch',
      'put-metric-alarm',
      '--alarm-name',
      'bad',
      '--evaluation-periods',
      '1',
      '--threshold',
      '1',
      '--comparison-operator',
      'GreaterThanThreshold',
      '--metrics',
      '[{"Id":"a","MetricStat":{"Metric":{"Namespace":"Lab","MetricName":"a"},"Period":60,"Stat":"Sum"}},{"Id":"b","MetricStat":{"Metric":{"Namespace":"Lab","MetricName":"b"},"Period":60,"Stat":"Sum"}}]',
    ],
    exception: 'ValidationException',
    code: 'ValidationError',
    status: 400,
    message: 'Exactly one element of the metrics list should return data.',
  },
  {
    name: 'SetAlarmState on a missing alarm',
    sdk: () =>
      c.cloudwatch.send(
        new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'ALARM', StateReason: 'x' }),
      ),
    cli: () => [
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      'nope',
      '--state-value',
      'ALARM',
      '--state-reason',
      'x',
    ],
    exception: 'ResourceNotFound',
    code: 'ResourceNotFound',
    status: 404,
  },
  {
    name: 'SetAlarmState with an invalid state value',
    sdk: () =>
      c.cloudwatch.send(
        new SetAlarmStateCommand({ AlarmName: 'exists', StateValue: 'INVALID' as 'OK', StateReason: 'x' }),
      ),
    cli: () => [
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      'exists',
      '--state-value',
      'INVALID',
      '--state-reason',
      'x',
    ],
    exception: 'ValidationException',
    code: 'ValidationError',
    status: 400,
    // AWS lists the set as [INSUFFICIENT_DATA, ALARM, OK]; the emulator lists the model's order.
    message:
      /^1 validation error detected: Value 'INVALID' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: \[(OK|ALARM|INSUFFICIENT_DATA)(, (OK|ALARM|INSUFFICIENT_DATA)){2}\]$/,
  },
  {
    name: 'SetAlarmState with StateReasonData that is not JSON',
    sdk: () =>
      c.cloudwatch.send(
        new SetAlarmStateCommand({
          AlarmName: 'exists',
          StateValue: 'OK',
          StateReason: 'x',
          StateReasonData: '{nope',
        }),
      ),
    cli: () => [
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      'exists',
      '--state-value',
      'OK',
      '--state-reason',
      'x',
      '--state-reason-data',
      '{nope',
    ],
    exception: 'InvalidFormatFault',
    code: 'InvalidFormat',
    status: 400,
  },
  {
    name: 'DeleteAlarms naming a missing alarm',
    sdk: () => c.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: ['exists', 'nope'] })),
    cli: () => ['cloudwatch', 'delete-alarms', '--alarm-names', 'exists', 'nope'],
    exception: 'ResourceNotFound',
    code: 'ResourceNotFound',
    status: 404,
  },
  {
    name: 'DescribeAlarms with a NextToken the emulator never issued',
    sdk: () => c.cloudwatch.send(new DescribeAlarmsCommand({ NextToken: 'garbage' })),
    cli: () => [
      'cloudwatch',
      'describe-alarms',
      '--no-paginate',
      '--cli-input-json',
      '{"NextToken":"garbage"}',
    ],
    exception: 'InvalidNextToken',
    code: 'InvalidNextToken',
    status: 400,
  },
  {
    name: 'PutCompositeAlarm with a malformed rule',
    sdk: () =>
      c.cloudwatch.send(new PutCompositeAlarmCommand({ AlarmName: 'comp', AlarmRule: 'ALARM(exists) AND' })),
    cli: () => [
      'cloudwatch',
      'put-composite-alarm',
      '--alarm-name',
      'comp',
      '--alarm-rule',
      'ALARM(exists) AND',
    ],
    exception: 'ValidationException',
    code: 'ValidationError',
    status: 400,
  },
  {
    name: 'PutCompositeAlarm referencing a missing alarm',
    sdk: () =>
      c.cloudwatch.send(
        new PutCompositeAlarmCommand({ AlarmName: 'comp', AlarmRule: 'ALARM(exists) OR OK("ghost")' }),
      ),
    cli: () => [
      'cloudwatch',
      'put-composite-alarm',
      '--alarm-name',
      'comp',
      '--alarm-rule',
      'ALARM(exists) OR OK("ghost")',
    ],
    exception: 'ValidationException',
    code: 'ValidationError',
    status: 400,
    message: 'Could not save the composite alarm as alarms [ghost] in the alarm rule do not exist',
  },
  // --- SNS ----------------------------------------------------------------------------------------
  {
    name: 'CreateTopic with an invalid name',
    sdk: () => c.sns.send(new CreateTopicCommand({ Name: 'bad name!' })),
    cli: () => ['sns', 'create-topic', '--name', 'bad name!'],
    exception: 'InvalidParameterException',
    code: 'InvalidParameter',
    status: 400,
    message: 'Invalid parameter: Topic Name',
  },
  {
    name: 'GetTopicAttributes of a missing topic',
    sdk: () => c.sns.send(new GetTopicAttributesCommand({ TopicArn: MISSING_TOPIC })),
    cli: () => ['sns', 'get-topic-attributes', '--topic-arn', MISSING_TOPIC],
    exception: 'NotFoundException',
    code: 'NotFound',
    status: 404,
    message: 'Topic does not exist',
  },
  {
    name: 'Publish to a missing topic',
    sdk: () => c.sns.send(new PublishCommand({ TopicArn: MISSING_TOPIC, Message: 'x' })),
    cli: () => ['sns', 'publish', '--topic-arn', MISSING_TOPIC, '--message', 'x'],
    exception: 'NotFoundException',
    code: 'NotFound',
    status: 404,
    message: 'Topic does not exist',
  },
  {
    name: 'Publish to a malformed topic ARN',
    sdk: () => c.sns.send(new PublishCommand({ TopicArn: 'foo', Message: 'x' })),
    cli: () => ['sns', 'publish', '--topic-arn', 'foo', '--message', 'x'],
    exception: 'InvalidParameterException',
    code: 'InvalidParameter',
    status: 400,
    message: 'Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1',
  },
  {
    name: 'Publish an empty message',
    sdk: () => c.sns.send(new PublishCommand({ TopicArn: TOPIC, Message: '' })),
    cli: () => ['sns', 'publish', '--topic-arn', TOPIC, '--message', ''],
    exception: 'InvalidParameterException',
    code: 'InvalidParameter',
    status: 400,
    message: 'Invalid parameter: Empty message',
  },
  {
    name: 'Publish with a subject containing a line break',
    sdk: () => c.sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'x', Subject: 'two\nlines' })),
    cli: () => ['sns', 'publish', '--topic-arn', TOPIC, '--message', 'x', '--subject', 'two\nlines'],
    exception: 'InvalidParameterException',
    code: 'InvalidParameter',
    status: 400,
    message: 'Invalid parameter: Subject',
  },
  {
    name: 'Publish a JSON-structured message without a default entry',
    sdk: () =>
      c.sns.send(new PublishCommand({ TopicArn: TOPIC, Message: '{"email":"x"}', MessageStructure: 'json' })),
    cli: () => [
      'sns',
      'publish',
      '--topic-arn',
      TOPIC,
      '--message',
      '{"email":"x"}',
      '--message-structure',
      'json',
    ],
    exception: 'InvalidParameterException',
    code: 'InvalidParameter',
    status: 400,
    message: 'Invalid parameter: Message Structure - No default entry in JSON message body',
  },
  {
    name: 'Publish a message attribute without a value',
    sdk: () =>
      c.sns.send(
        new PublishCommand({
          TopicArn: TOPIC,
          Message: 'x',
          MessageAttributes: { attr1: { DataType: 'String', StringValue: '' } },
        }),
      ),
    cli: () => [
      'sns',
      'publish',
      '--topic-arn',
      TOPIC,
      '--message',
      'x',
      '--message-attributes',
      '{"attr1":{"DataType":"String","StringValue":""}}',
    ],
    exception: 'InvalidParameterValueException',
    code: 'ParameterValueInvalid',
    status: 400,
    message:
      "The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'String'.",
  },
  {
    name: 'Subscribe with an unknown protocol',
    sdk: () =>
      c.sns.send(new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'test-protocol', Endpoint: 'x' })),
    cli: () => [
      'sns',
      'subscribe',
      '--topic-arn',
      TOPIC,
      '--protocol',
      'test-protocol',
      '--notification-endpoint',
      'x',
    ],
    exception: 'InvalidParameterException',
    code: 'InvalidParameter',
    status: 400,
    message: 'Invalid parameter: Amazon SNS does not support this protocol string: test-protocol',
  },
  {
    name: 'Subscribe an http endpoint that is not an http URL',
    sdk: () =>
      c.sns.send(
        new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'http', Endpoint: 'ftp://example.com/x' }),
      ),
    cli: () => [
      'sns',
      'subscribe',
      '--topic-arn',
      TOPIC,
      '--protocol',
      'http',
      '--notification-endpoint',
      'ftp://example.com/x',
    ],
    exception: 'InvalidParameterException',
    code: 'InvalidParameter',
    status: 400,
  },
  {
    name: 'ConfirmSubscription with an unknown token',
    sdk: () => c.sns.send(new ConfirmSubscriptionCommand({ TopicArn: TOPIC, Token: 'abc' })),
    cli: () => ['sns', 'confirm-subscription', '--topic-arn', TOPIC, '--token', 'abc'],
    exception: 'InvalidParameterException',
    code: 'InvalidParameter',
    status: 400,
    message: 'Invalid parameter: Token',
  },
  {
    name: 'Unsubscribe a missing subscription',
    sdk: () =>
      c.sns.send(
        new UnsubscribeCommand({ SubscriptionArn: `${TOPIC}:00000000-0000-0000-0000-000000000000` }),
      ),
    cli: () => ['sns', 'unsubscribe', '--subscription-arn', `${TOPIC}:00000000-0000-0000-0000-000000000000`],
    exception: 'NotFoundException',
    code: 'NotFound',
    status: 404,
    message: 'Subscription does not exist',
  },
  {
    name: 'SetSubscriptionAttributes RawMessageDelivery to a non-boolean',
    sdk: () =>
      c.sns.send(
        new SetSubscriptionAttributesCommand({
          SubscriptionArn: subscriptionArn,
          AttributeName: 'RawMessageDelivery',
          AttributeValue: 'wrongvalue',
        }),
      ),
    cli: () => [
      'sns',
      'set-subscription-attributes',
      '--subscription-arn',
      subscriptionArn,
      '--attribute-name',
      'RawMessageDelivery',
      '--attribute-value',
      'wrongvalue',
    ],
    exception: 'InvalidParameterException',
    code: 'InvalidParameter',
    status: 400,
    message:
      'Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [wrongvalue]. Must be true or false.',
  },
  {
    name: 'SetTopicAttributes with an unknown attribute name',
    sdk: () =>
      c.sns.send(
        new SetTopicAttributesCommand({ TopicArn: TOPIC, AttributeName: 'Bogus', AttributeValue: 'x' }),
      ),
    cli: () => [
      'sns',
      'set-topic-attributes',
      '--topic-arn',
      TOPIC,
      '--attribute-name',
      'Bogus',
      '--attribute-value',
      'x',
    ],
    exception: 'InvalidParameterException',
    code: 'InvalidParameter',
    status: 400,
    message: 'Invalid parameter: AttributeName',
  },
  // --- SQS ----------------------------------------------------------------------------------------
  {
    name: 'GetQueueUrl of a missing queue',
    sdk: () => c.sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' })),
    cli: () => ['sqs', 'get-queue-url', '--queue-name', 'nope'],
    exception: 'QueueDoesNotExist',
    code: 'AWS.SimpleQueueService.NonExistentQueue',
    status: 400,
    message: 'The specified queue does not exist.',
    cliMessage: 'The specified queue does not exist for this wsdl version.',
  },
  {
    name: 'ReceiveMessage with MaxNumberOfMessages 11',
    sdk: () => c.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 11 })),
    cli: () => ['sqs', 'receive-message', '--queue-url', queueUrl, '--max-number-of-messages', '11'],
    exception: 'InvalidParameterValue',
    code: 'InvalidParameterValue',
    status: 400,
    message:
      'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
  },
  {
    name: 'ReceiveMessage with WaitTimeSeconds 21',
    sdk: () => c.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 21 })),
    cli: () => ['sqs', 'receive-message', '--queue-url', queueUrl, '--wait-time-seconds', '21'],
    exception: 'InvalidParameterValue',
    code: 'InvalidParameterValue',
    status: 400,
    message:
      'Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.',
  },
  {
    name: 'SendMessage with an empty body',
    sdk: () => c.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '' })),
    cli: () => ['sqs', 'send-message', '--queue-url', queueUrl, '--message-body', ''],
    exception: 'MissingParameter',
    code: 'MissingParameter',
    status: 400,
    message: 'The request must contain the parameter MessageBody.',
  },
  {
    name: 'SendMessage with a character XML cannot carry',
    sdk: () => c.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'bell \u0007' })),
    cli: () => ['sqs', 'send-message', '--queue-url', queueUrl, '--message-body', 'bell \u0007'],
    exception: 'InvalidMessageContents',
    code: 'InvalidMessageContents',
    status: 400,
  },
  {
    name: 'CreateQueue with an invalid name',
    sdk: () => c.sqs.send(new CreateQueueCommand({ QueueName: 'bad name' })),
    cli: () => ['sqs', 'create-queue', '--queue-name', 'bad name'],
    exception: 'InvalidParameterValue',
    code: 'InvalidParameterValue',
    status: 400,
  },
  {
    name: 'CreateQueue of an existing queue with another DelaySeconds',
    sdk: () => c.sqs.send(new CreateQueueCommand({ QueueName: 'exists', Attributes: { DelaySeconds: '5' } })),
    cli: () => ['sqs', 'create-queue', '--queue-name', 'exists', '--attributes', 'DelaySeconds=5'],
    exception: 'QueueNameExists',
    code: 'QueueAlreadyExists',
    status: 400,
    message: 'A queue already exists with the same name and a different value for attribute DelaySeconds',
  },
  {
    name: 'SetQueueAttributes with VisibilityTimeout 50000',
    sdk: () =>
      c.sqs.send(
        new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { VisibilityTimeout: '50000' } }),
      ),
    cli: () => [
      'sqs',
      'set-queue-attributes',
      '--queue-url',
      queueUrl,
      '--attributes',
      'VisibilityTimeout=50000',
    ],
    exception: 'InvalidAttributeValue',
    code: 'InvalidAttributeValue',
    status: 400,
  },
  {
    name: 'GetQueueAttributes of an unknown attribute',
    sdk: () =>
      c.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['FifoQueueX' as QueueAttributeName],
        }),
      ),
    cli: () => ['sqs', 'get-queue-attributes', '--queue-url', queueUrl, '--attribute-names', 'FifoQueueX'],
    exception: 'InvalidAttributeName',
    code: 'InvalidAttributeName',
    status: 400,
    message: 'Unknown Attribute FifoQueueX.',
  },
  {
    name: 'DeleteMessage with a receipt handle never issued',
    sdk: () => c.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: 'garbage' })),
    cli: () => ['sqs', 'delete-message', '--queue-url', queueUrl, '--receipt-handle', 'garbage'],
    exception: 'ReceiptHandleIsInvalid',
    code: 'ReceiptHandleIsInvalid',
    status: 404,
    message: 'The input receipt handle "garbage" is not a valid receipt handle.',
  },
  {
    name: 'ChangeMessageVisibility with a receipt handle never issued',
    sdk: () =>
      c.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: 'garbage',
          VisibilityTimeout: 10,
        }),
      ),
    cli: () => [
      'sqs',
      'change-message-visibility',
      '--queue-url',
      queueUrl,
      '--receipt-handle',
      'garbage',
      '--visibility-timeout',
      '10',
    ],
    exception: 'ReceiptHandleIsInvalid',
    code: 'ReceiptHandleIsInvalid',
    status: 404,
  },
  {
    name: 'PurgeQueue twice within 60 seconds',
    sdk: () => c.sqs.send(new PurgeQueueCommand({ QueueUrl: purgedUrl })),
    cli: () => ['sqs', 'purge-queue', '--queue-url', purgedUrl],
    exception: 'PurgeQueueInProgress',
    code: 'AWS.SimpleQueueService.PurgeQueueInProgress',
    status: 403,
    message: 'Only one PurgeQueue operation on purged is allowed every 60 seconds.',
  },
  {
    name: 'SendMessageBatch with 11 entries',
    sdk: () =>
      c.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' })),
        }),
      ),
    cli: () => [
      'sqs',
      'send-message-batch',
      '--queue-url',
      queueUrl,
      '--entries',
      JSON.stringify(Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' }))),
    ],
    exception: 'TooManyEntriesInBatchRequest',
    code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    status: 400,
    message: 'Maximum number of entries per request are 10. You have sent 11.',
  },
  {
    name: 'DeleteMessageBatch with no entries',
    sdk: () => c.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: [] })),
    cli: () => ['sqs', 'delete-message-batch', '--queue-url', queueUrl, '--entries', '[]'],
    exception: 'EmptyBatchRequest',
    code: 'AWS.SimpleQueueService.EmptyBatchRequest',
    status: 400,
    message: 'There should be at least one DeleteMessageBatchRequestEntry in the request.',
  },
  {
    name: 'ChangeMessageVisibilityBatch with no entries',
    sdk: () => c.sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: [] })),
    cli: () => ['sqs', 'change-message-visibility-batch', '--queue-url', queueUrl, '--entries', '[]'],
    exception: 'EmptyBatchRequest',
    code: 'AWS.SimpleQueueService.EmptyBatchRequest',
    status: 400,
    message: 'There should be at least one ChangeMessageVisibilityBatchRequestEntry in the request.',
  },
];

beforeAll(async () => {
  lab = await startTestEmulator({ startAt: TEST_START });
  c = alarmClients(lab.endpoint);
  await c.cloudwatch.send(new PutMetricAlarmCommand({ ...alarmBase, AlarmName: 'exists' }));
  await c.sns.send(new CreateTopicCommand({ Name: 'exists' }));
  queueUrl = (await c.sqs.send(new CreateQueueCommand({ QueueName: 'exists' }))).QueueUrl!;
  purgedUrl = (await c.sqs.send(new CreateQueueCommand({ QueueName: 'purged' }))).QueueUrl!;
  await c.sqs.send(new PurgeQueueCommand({ QueueUrl: purgedUrl }));
  const queueArn = (
    await c.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))
  ).Attributes!['QueueArn']!;
  subscriptionArn = (
    await c.sns.send(new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'sqs', Endpoint: queueArn }))
  ).SubscriptionArn!;
});

afterAll(async () => {
  c?.destroy();
  await lab?.stop();
});

describe(`AWS errors of CloudWatch, SNS and SQS (${CASES.length} invalid requests)`, () => {
  it('covers at least 30 invalid requests', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES.map((k) => [k.name, k] as const))('SDK: %s', async (_name, k) => {
    const error = (await k.sdk().then(
      () => undefined,
      (e: unknown) => e,
    )) as { name: string; message: string; $metadata: { httpStatusCode: number } } | undefined;
    expect(error, 'the request must fail').toBeDefined();
    expect(error!.name).toBe(k.exception);
    expect(error!.$metadata.httpStatusCode).toBe(k.status);
    if (k.message !== undefined)
      expect(error!.message).toMatch(
        k.message instanceof RegExp ? k.message : new RegExp(`^${escape(k.message)}$`),
      );
  });

  it.skipIf(cliSkip !== undefined).each(CASES.map((k) => [k.name, k] as const))(
    'CLI: %s',
    async (_name, k) => {
      const result = await runAwsCli(lab.endpoint, k.cli());
      expect(result.exitCode, result.stderr).toBe(254);
      expect(result.errorCode).toBe(k.code);
      const message = k.cliMessage ?? (typeof k.message === 'string' ? k.message : undefined);
      if (message !== undefined) expect(result.stderr).toContain(`operation: ${message}`);
    },
  );
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
