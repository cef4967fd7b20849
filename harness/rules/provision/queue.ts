import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import type { AwsClients } from '../../aws/clients.ts';
import type { Change } from './changes.ts';

/**
 * The SQS queue a sink polls, with the queue policy that lets SNS deliver to it from our topics
 * (required on AWS: "the Amazon SQS queue must have a policy that allows the SNS topic to send
 * messages", SNS developer guide, sns-sqs-as-subscriber).
 */
export async function ensureQueue(
  aws: AwsClients,
  queueName: string,
  topicArns: readonly string[],
  dryRun: boolean,
): Promise<{ change: Change; url: string; arn: string }> {
  let url = await findQueueUrl(aws, queueName);
  if (url === undefined) {
    if (dryRun)
      return {
        change: { action: 'create', kind: 'queue', name: queueName },
        url: '',
        arn: `(arn of new queue ${queueName})`,
      };
    url = (await aws.sqs.send(new CreateQueueCommand({ QueueName: queueName }))).QueueUrl!;
    const arn = await queueArn(aws, url);
    await aws.sqs.send(
      new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: queuePolicy(arn, topicArns) } }),
    );
    return { change: { action: 'create', kind: 'queue', name: queueName }, url, arn };
  }
  const attributes =
    (
      await aws.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn', 'Policy'] }),
      )
    ).Attributes ?? {};
  const arn = attributes['QueueArn']!;
  const wanted = queuePolicy(arn, topicArns);
  if (normalisePolicy(attributes['Policy']) === normalisePolicy(wanted)) {
    return { change: { action: 'unchanged', kind: 'queue', name: queueName }, url, arn };
  }
  if (!dryRun)
    await aws.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: wanted } }));
  return {
    change: {
      action: 'update',
      kind: 'queue',
      name: queueName,
      fields: [{ field: 'Policy', from: attributes['Policy'], to: wanted }],
    },
    url,
    arn,
  };
}

/** The queue's URL, or undefined when there is no such queue; any other failure is thrown. */
export async function findQueueUrl(aws: AwsClients, queueName: string): Promise<string | undefined> {
  try {
    return (await aws.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl;
  } catch (error) {
    // The query protocol names the error AWS.SimpleQueueService.NonExistentQueue.
    if (
      error instanceof QueueDoesNotExist ||
      (error as { name?: string }).name === 'AWS.SimpleQueueService.NonExistentQueue'
    ) {
      return undefined;
    }
    throw error;
  }
}

async function queueArn(aws: AwsClients, url: string): Promise<string> {
  const result = await aws.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return result.Attributes?.['QueueArn'] ?? '';
}

export function queuePolicy(queueArn: string, topicArns: readonly string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'vault-alarm-lab-sns',
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        Condition: { ArnEquals: { 'aws:SourceArn': [...topicArns].sort() } },
      },
    ],
  });
}

function normalisePolicy(policy: string | undefined): string {
  if (!policy) return '';
  try {
    return JSON.stringify(JSON.parse(policy));
  } catch {
    return policy;
  }
}
