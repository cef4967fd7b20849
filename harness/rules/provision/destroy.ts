import { DeleteLogGroupCommand, DeleteMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import { DeleteAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DeleteTopicCommand } from '@aws-sdk/client-sns';
import { DeleteQueueCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../../aws/clients.ts';
import type { Change, ProvisionResult } from './changes.ts';
import type { DesiredState } from './desired-state.ts';
import { removeLeftovers } from './leftovers.ts';
import { findQueueUrl } from './queue.ts';
import {
  DESCRIBE_ALARMS_NAMES_MAX,
  logGroupExists,
  readAlarmsWithTags,
  readMetricFilters,
  readTopics,
} from './read-state.ts';

export interface DestroyOptions {
  readonly dryRun?: boolean;
  /** Name prefix of the rule set's resources; the desired state's own prefix when left out. */
  readonly prefix?: string;
  /** Also delete the log group (and the audit events in it). Off by default: they are evidence. */
  readonly deleteLogGroup?: boolean;
}

/**
 * Deletes what `applyDesiredState` created for this rule set: alarms, metric filters, topics (their
 * subscriptions go with them) and the sink's SQS queues; the log group only on request. The lab's
 * resources of rules the set no longer has (disabled, removed from the file) go too. Resources
 * already gone are not errors, so destroy can run twice or after a half-finished apply.
 */
export async function destroyDesiredState(
  aws: AwsClients,
  desired: DesiredState,
  options: DestroyOptions = {},
): Promise<ProvisionResult> {
  const dryRun = options.dryRun ?? false;
  const prefix = options.prefix ?? desired.prefix;
  const changes: Change[] = [];

  const alarms = await readAlarmsWithTags(aws, prefix);
  const doomed = desired.alarms.map((a) => a.alarmName).filter((n) => alarms.has(n));
  for (let i = 0; i < doomed.length && !dryRun; i += DESCRIBE_ALARMS_NAMES_MAX) {
    await aws.cloudwatch.send(
      new DeleteAlarmsCommand({ AlarmNames: doomed.slice(i, i + DESCRIBE_ALARMS_NAMES_MAX) }),
    );
  }
  for (const name of doomed) changes.push({ action: 'delete', kind: 'alarm', name });

  const groupExists = await logGroupExists(aws, desired.logGroupName);
  const filters = groupExists
    ? await readMetricFilters(aws, desired.logGroupName, prefix)
    : new Map<string, MetricFilter>();
  for (const f of desired.metricFilters) {
    if (!filters.has(f.filterName)) continue;
    if (!dryRun) {
      await aws.logs.send(
        new DeleteMetricFilterCommand({ logGroupName: desired.logGroupName, filterName: f.filterName }),
      );
    }
    changes.push({ action: 'delete', kind: 'metric-filter', name: f.filterName });
  }
  changes.push(...(await removeLeftovers(aws, desired, { prefix, alarms, filters, dryRun })));

  const topics = await readTopics(aws);
  for (const name of desired.topics) {
    const arn = topics.get(name);
    if (!arn) continue;
    if (!dryRun) await aws.sns.send(new DeleteTopicCommand({ TopicArn: arn }));
    changes.push({ action: 'delete', kind: 'topic', name });
  }

  for (const sub of desired.subscriptions) {
    if (sub.protocol !== 'sqs') continue;
    const url = await findQueueUrl(aws, sub.queueName);
    if (!url) continue;
    if (!dryRun) await aws.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    changes.push({ action: 'delete', kind: 'queue', name: sub.queueName });
  }

  if (options.deleteLogGroup && groupExists) {
    if (!dryRun) await aws.logs.send(new DeleteLogGroupCommand({ logGroupName: desired.logGroupName }));
    changes.push({ action: 'delete', kind: 'log-group', name: desired.logGroupName });
  }
  return { changes, topicArns: {}, queueUrls: {}, dryRun };
}
