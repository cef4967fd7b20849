import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  PutLogEventsCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { MetricTransformation } from '@aws-sdk/client-cloudwatch-logs';
import { DeleteAlarmsCommand, PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import type { PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  PublishCommand,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueUrlCommand,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import type { AwsClients } from '../../aws/index.ts';
import { AreaRecorder } from '../check.ts';
import type { ConformanceContext } from '../context.ts';
import { mapLimit } from '../context.ts';
import { createLogGroup, NAMESPACE, putAlarm } from '../aws-steps.ts';
import { SOURCES } from '../sources.ts';

/**
 * Invalid requests and the error AWS answers (code and HTTP status), as the API reference lists them.
 * Each is sent through the SDK like any client would; the SDK's error name is the code.
 */
interface ErrorCase {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly code: string;
  readonly status: number;
  readonly send: (clients: AwsClients, names: Names) => Promise<unknown>;
}

interface Names {
  readonly group: string;
  /** `<prefix>vault_audit_log ` and `<prefix>bad name!`: invalid, but deleted should an endpoint take them. */
  readonly trailingSpace: string;
  readonly badTopic: string;
  readonly alarm: string;
  readonly missing: string;
  readonly region: string;
  readonly account: string;
}

const alarm = (name: string, overrides: Partial<PutMetricAlarmCommandInput>): PutMetricAlarmCommandInput => ({
  AlarmName: name,
  Namespace: NAMESPACE,
  MetricName: name,
  Statistic: 'Sum',
  Period: 60,
  EvaluationPeriods: 1,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  ...overrides,
});

/** PutMetricFilter of `pattern` on `logGroupName`, counting 1 per match unless `transformation` says more. */
const metricFilter = (
  logGroupName: string,
  filterPattern: string,
  transformation: Partial<MetricTransformation> = {},
): PutMetricFilterCommand =>
  new PutMetricFilterCommand({
    logGroupName,
    filterName: 'conformance-error',
    filterPattern,
    metricTransformations: [
      { metricName: 'm', metricNamespace: NAMESPACE, metricValue: '1', ...transformation },
    ],
  });

const CASES: readonly ErrorCase[] = [
  {
    id: 'logs/log-group-name-trailing-space',
    title: 'CreateLogGroup "vault_audit_log " (the article\'s trailing space)',
    source: SOURCES.createLogGroup,
    code: 'InvalidParameterException',
    status: 400,
    send: (c, n) => c.logs.send(new CreateLogGroupCommand({ logGroupName: n.trailingSpace })),
  },
  {
    id: 'logs/log-group-exists',
    title: 'CreateLogGroup of an existing group',
    source: SOURCES.createLogGroup,
    code: 'ResourceAlreadyExistsException',
    status: 400,
    send: (c, n) => c.logs.send(new CreateLogGroupCommand({ logGroupName: n.group })),
  },
  {
    id: 'logs/invalid-pattern',
    title: 'PutMetricFilter with the pattern { $.type = }',
    source: SOURCES.putMetricFilter,
    code: 'InvalidParameterException',
    status: 400,
    send: (c, n) => c.logs.send(metricFilter(n.group, '{ $.type = }')),
  },
  {
    id: 'logs/dimensions-and-default-value',
    title: 'PutMetricFilter with both dimensions and defaultValue',
    source: SOURCES.metricValues,
    code: 'InvalidParameterException',
    status: 400,
    send: (c, n) =>
      c.logs.send(
        metricFilter(n.group, '{ $.eventType = "UpdateTrail" }', {
          defaultValue: 0,
          dimensions: { EventType: '$.eventType' },
        }),
      ),
  },
  {
    id: 'logs/metric-filter-missing-group',
    title: 'PutMetricFilter on a log group that does not exist',
    source: SOURCES.putMetricFilter,
    code: 'ResourceNotFoundException',
    status: 400,
    send: (c, n) => c.logs.send(metricFilter(n.missing, 'ERROR')),
  },
  {
    id: 'logs/put-log-events-empty',
    title: 'PutLogEvents with no events',
    source: SOURCES.putLogEvents,
    code: 'InvalidParameterException',
    status: 400,
    send: (c, n) =>
      c.logs.send(
        new PutLogEventsCommand({ logGroupName: n.group, logStreamName: 'conformance', logEvents: [] }),
      ),
  },
  {
    id: 'logs/put-log-events-missing-group',
    title: 'PutLogEvents to a log group that does not exist',
    source: SOURCES.putLogEvents,
    code: 'ResourceNotFoundException',
    status: 400,
    send: (c, n) =>
      c.logs.send(
        new PutLogEventsCommand({
          logGroupName: n.missing,
          logStreamName: 'conformance',
          logEvents: [{ message: 'x', timestamp: Date.now() }],
        }),
      ),
  },
  {
    id: 'cloudwatch/period-7',
    title: 'PutMetricAlarm with Period 7 (10, 20, 30 or a multiple of 60)',
    source: SOURCES.putMetricAlarm,
    code: 'ValidationError',
    status: 400,
    send: (c, n) => c.cloudwatch.send(new PutMetricAlarmCommand(alarm(`${n.alarm}-p7`, { Period: 7 }))),
  },
  {
    id: 'cloudwatch/evaluation-periods-0',
    title: 'PutMetricAlarm with EvaluationPeriods 0 (minimum 1)',
    source: SOURCES.putMetricAlarm,
    code: 'ValidationError',
    status: 400,
    send: (c, n) =>
      c.cloudwatch.send(new PutMetricAlarmCommand(alarm(`${n.alarm}-e0`, { EvaluationPeriods: 0 }))),
  },
  {
    id: 'cloudwatch/set-state-missing-alarm',
    title: 'SetAlarmState on an alarm that does not exist',
    source: SOURCES.setAlarmState,
    code: 'ResourceNotFound',
    status: 404,
    send: (c, n) =>
      c.cloudwatch.send(
        new SetAlarmStateCommand({ AlarmName: n.missing, StateValue: 'ALARM', StateReason: 'x' }),
      ),
  },
  {
    id: 'cloudwatch/set-state-reason-data-not-json',
    title: 'SetAlarmState with StateReasonData that is not JSON',
    source: SOURCES.setAlarmState,
    code: 'InvalidFormat',
    status: 400,
    send: (c, n) =>
      c.cloudwatch.send(
        new SetAlarmStateCommand({
          AlarmName: n.alarm,
          StateValue: 'ALARM',
          StateReason: 'x',
          StateReasonData: 'not json',
        }),
      ),
  },
  {
    id: 'sns/publish-unknown-topic',
    title: 'Publish to a topic that does not exist',
    source: SOURCES.snsPublish,
    code: 'NotFound',
    status: 404,
    send: (c, n) =>
      c.sns.send(
        new PublishCommand({ TopicArn: `arn:aws:sns:${n.region}:${n.account}:${n.missing}`, Message: 'x' }),
      ),
  },
  {
    id: 'sns/subscribe-unknown-protocol',
    title: 'Subscribe with the protocol "carrier-pigeon"',
    source: SOURCES.snsSubscribe,
    code: 'InvalidParameter',
    status: 400,
    send: async (c, n) => {
      const { TopicArn } = await c.sns.send(new CreateTopicCommand({ Name: n.alarm }));
      return c.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'carrier-pigeon', Endpoint: 'x' }));
    },
  },
  {
    id: 'sns/create-topic-bad-name',
    title: 'CreateTopic named "bad name!"',
    source: SOURCES.snsCreateTopic,
    code: 'InvalidParameter',
    status: 400,
    send: (c, n) => c.sns.send(new CreateTopicCommand({ Name: n.badTopic })),
  },
  {
    id: 'sqs/empty-batch',
    title: 'SendMessageBatch with no entries',
    source: SOURCES.sqsSendMessageBatch,
    code: 'EmptyBatchRequest',
    status: 400,
    send: async (c, n) => {
      const { QueueUrl } = await c.sqs.send(new CreateQueueCommand({ QueueName: n.alarm }));
      return c.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [] }));
    },
  },
  {
    id: 'sqs/unknown-queue',
    title: 'GetQueueUrl of a queue that does not exist',
    source: SOURCES.sqsGetQueueUrl,
    code: 'QueueDoesNotExist',
    status: 400,
    send: (c, n) => c.sqs.send(new GetQueueUrlCommand({ QueueName: n.missing })),
  },
];

export async function runErrors(context: ConformanceContext): Promise<AreaRecorder> {
  const area = new AreaRecorder('errors');
  context.progress(`errors: ${CASES.length} invalid requests`);
  const group = `${context.prefix}errors`;
  const alarmName = `${context.prefix}errors`;
  await createLogGroup(context, group);
  await putAlarm(context, alarm(alarmName, {}));
  const { TopicArn } = await context.clients.sns.send(new CreateTopicCommand({ Name: alarmName }));
  const topicArn = TopicArn ?? '';
  context.resources.add(`topic ${alarmName}`, async () => {
    return context.clients.sns.send(new DeleteTopicCommand({ TopicArn: topicArn }));
  });
  context.resources.add(`queue ${alarmName}`, async () => {
    const { QueueUrl } = await context.clients.sqs.send(new GetQueueUrlCommand({ QueueName: alarmName }));
    return context.clients.sqs.send(new DeleteQueueCommand({ QueueUrl }));
  });
  const names: Names = {
    group,
    trailingSpace: `${context.prefix}vault_audit_log `,
    badTopic: `${context.prefix}bad name!`,
    alarm: alarmName,
    missing: `${context.prefix}does-not-exist`,
    region: context.region,
    account: topicArn.split(':')[4] ?? '000000000000',
  };
  // An endpoint that accepts an invalid request keeps what it created: delete that too. (An alarm
  // with EvaluationPeriods 0 left behind can stall a peer's alarm scheduler.)
  const { logs, cloudwatch, sns } = context.clients;
  context.resources.add(`alarms ${alarmName}-p7, -e0`, () =>
    cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [`${alarmName}-p7`, `${alarmName}-e0`] })),
  );
  context.resources.add(`log group ${JSON.stringify(names.trailingSpace)}`, () =>
    logs.send(new DeleteLogGroupCommand({ logGroupName: names.trailingSpace })),
  );
  context.resources.add(`topic ${JSON.stringify(names.badTopic)}`, () =>
    sns.send(
      new DeleteTopicCommand({ TopicArn: `arn:aws:sns:${names.region}:${names.account}:${names.badTopic}` }),
    ),
  );
  await mapLimit(CASES, 4, async (c) => {
    let actual: string;
    try {
      await c.send(context.clients, names);
      actual = 'accepted the request';
    } catch (error) {
      const e = error as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
      // CloudWatch and SNS document their query-protocol codes (ValidationError, NotFound), which the
      // SDK keeps in `Code` while `name` is the modelled exception; SQS documents its JSON codes,
      // which are the exception names.
      const code = (c.id.startsWith('sqs/') ? e.name : (e.Code ?? e.name)) ?? 'Error';
      actual = `${code} (HTTP ${e.$metadata?.httpStatusCode ?? '?'})`;
    }
    area.compare({
      id: `errors/${c.id}`,
      title: c.title,
      source: c.source,
      expected: `${c.code} (HTTP ${c.status})`,
      actual,
    });
  });
  return area;
}
