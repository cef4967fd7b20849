import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  PutLogEventsCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { MetricTransformation } from '@aws-sdk/client-cloudwatch-logs';
import {
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import type { MetricAlarm, PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, DeleteTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import type { ConformanceContext } from './context.ts';

/**
 * The AWS calls the areas share, each registering what it creates for deletion at the end of the run.
 * Names are the caller's, already behind the run prefix.
 */
export const STREAM = 'conformance';
export const NAMESPACE = 'VaultAlarmLab/Conformance';

export async function createLogGroup(context: ConformanceContext, name: string): Promise<void> {
  await context.clients.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
  context.resources.add(`log group ${name}`, () =>
    context.clients.logs.send(new DeleteLogGroupCommand({ logGroupName: name })),
  );
  await context.clients.logs.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: STREAM }));
}

export async function putMetricFilter(
  context: ConformanceContext,
  logGroupName: string,
  filterPattern: string,
  transformation: MetricTransformation,
): Promise<void> {
  await context.clients.logs.send(
    new PutMetricFilterCommand({
      logGroupName,
      filterName: 'conformance',
      filterPattern,
      metricTransformations: [transformation],
    }),
  );
}

export async function putEvents(
  context: ConformanceContext,
  logGroupName: string,
  messages: readonly string[],
  timestamp: number,
): Promise<void> {
  await context.clients.logs.send(
    new PutLogEventsCommand({
      logGroupName,
      logStreamName: STREAM,
      logEvents: messages.map((message) => ({ message, timestamp })),
    }),
  );
}

export interface MetricQuery {
  readonly metricName: string;
  readonly dimensions?: readonly { readonly Name: string; readonly Value: string }[];
  readonly stat?: 'Sum' | 'SampleCount' | 'Maximum';
}

/**
 * Datapoints per query over [start, end) at 60 s, newest first as GetMetricData returns them, in
 * batches of 500 queries (the API's limit).
 */
export async function readMetrics(
  context: ConformanceContext,
  queries: readonly MetricQuery[],
  start: number,
  end: number,
): Promise<number[][]> {
  const out: number[][] = queries.map(() => []);
  for (let offset = 0; offset < queries.length; offset += 500) {
    const batch = queries.slice(offset, offset + 500);
    let nextToken: string | undefined;
    do {
      const response = await context.clients.cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(start),
          EndTime: new Date(end),
          NextToken: nextToken,
          MetricDataQueries: batch.map((q, i) => ({
            Id: `q${offset + i}`,
            ReturnData: true,
            MetricStat: {
              Metric: {
                Namespace: NAMESPACE,
                MetricName: q.metricName,
                ...(q.dimensions ? { Dimensions: q.dimensions.map((d) => ({ ...d })) } : {}),
              },
              Period: 60,
              Stat: q.stat ?? 'Sum',
            },
          })),
        }),
      );
      for (const result of response.MetricDataResults ?? []) {
        const index = Number(result.Id?.slice(1));
        if (Number.isInteger(index) && out[index]) out[index]!.push(...(result.Values ?? []));
      }
      nextToken = response.NextToken;
    } while (nextToken !== undefined);
  }
  return out;
}

export async function putAlarm(
  context: ConformanceContext,
  input: PutMetricAlarmCommandInput,
): Promise<void> {
  await context.clients.cloudwatch.send(new PutMetricAlarmCommand(input));
  const name = input.AlarmName!;
  context.resources.add(`alarm ${name}`, () =>
    context.clients.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [name] })),
  );
}

/** Metric alarms by name (paginated), for every name starting with `prefix`. */
export async function describeAlarms(
  context: ConformanceContext,
  prefix: string,
): Promise<Map<string, MetricAlarm>> {
  const alarms = new Map<string, MetricAlarm>();
  let nextToken: string | undefined;
  do {
    const response = await context.clients.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNamePrefix: prefix, MaxRecords: 100, NextToken: nextToken }),
    );
    for (const alarm of response.MetricAlarms ?? []) alarms.set(alarm.AlarmName!, alarm);
    nextToken = response.NextToken;
  } while (nextToken !== undefined);
  return alarms;
}

export async function createTopic(context: ConformanceContext, name: string): Promise<string> {
  const { TopicArn } = await context.clients.sns.send(new CreateTopicCommand({ Name: name }));
  context.resources.add(`topic ${name}`, () =>
    context.clients.sns.send(new DeleteTopicCommand({ TopicArn: TopicArn! })),
  );
  return TopicArn!;
}

/** A queue the topic may send to (the queue policy real AWS needs), subscribed without raw delivery. */
export async function createSubscribedQueue(
  context: ConformanceContext,
  name: string,
  topicArn: string,
): Promise<string> {
  const { QueueUrl } = await context.clients.sqs.send(new CreateQueueCommand({ QueueName: name }));
  context.resources.add(`queue ${name}`, () =>
    context.clients.sqs.send(new DeleteQueueCommand({ QueueUrl: QueueUrl! })),
  );
  const attributes = await context.clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: QueueUrl!, AttributeNames: ['QueueArn'] }),
  );
  const queueArn = attributes.Attributes?.['QueueArn'] ?? '';
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
      },
    ],
  };
  await context.clients.sqs.send(
    new SetQueueAttributesCommand({ QueueUrl: QueueUrl!, Attributes: { Policy: JSON.stringify(policy) } }),
  );
  await context.clients.sns.send(
    new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn }),
  );
  return QueueUrl!;
}

/** Every message now in the queue (received and deleted), bodies as SQS gives them. */
export async function drainQueue(context: ConformanceContext, queueUrl: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const response = await context.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    const messages = response.Messages ?? [];
    if (messages.length === 0) return bodies;
    for (const message of messages) {
      bodies.push(message.Body ?? '');
      await context.clients.sqs.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle! }),
      );
    }
  }
}
