import { DeleteMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import { DeleteAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DeleteTopicCommand, NotFoundException, ResourceNotFoundException } from '@aws-sdk/client-sns';
import type { AwsClients } from '../../aws/clients.ts';
import type { Change } from './changes.ts';
import type { DesiredState } from './desired-state.ts';
import { isManaged, RULE_TAG, TOPIC_TAG } from './ownership.ts';
import { DESCRIBE_ALARMS_NAMES_MAX, readTopicTags } from './read-state.ts';
import type { AlarmWithTags } from './read-state.ts';

/**
 * The lab's resources on the target that the desired state no longer has: alarms tagged for this
 * prefix whose rule was disabled or left the file, the metric filter of the same name on the log
 * group, and the lab's topics that only those alarms notified. Deleted (unless a dry run), and
 * returned as `delete` changes. Anything without the lab's tags is someone else's and left alone.
 */
export async function removeLeftovers(
  aws: AwsClients,
  desired: DesiredState,
  found: {
    readonly prefix: string;
    /** The alarms under the prefix, with their tags (readAlarmsWithTags). */
    readonly alarms: ReadonlyMap<string, AlarmWithTags>;
    /** The metric filters on the log group (empty when it does not exist). */
    readonly filters: ReadonlyMap<string, MetricFilter>;
    readonly dryRun: boolean;
  },
): Promise<Change[]> {
  const { prefix, alarms, filters, dryRun } = found;
  const keepAlarms = new Set(desired.alarms.map((a) => a.alarmName));
  const keepTopics = new Set(desired.topics);
  const leftover = [...alarms.values()].filter(
    ({ alarm, tags }) => !keepAlarms.has(alarm.AlarmName!) && isManaged(tags, RULE_TAG, prefix),
  );
  const changes: Change[] = [];
  const names = leftover.map(({ alarm }) => alarm.AlarmName!);
  for (let i = 0; i < names.length && !dryRun; i += DESCRIBE_ALARMS_NAMES_MAX) {
    await aws.cloudwatch.send(
      new DeleteAlarmsCommand({ AlarmNames: names.slice(i, i + DESCRIBE_ALARMS_NAMES_MAX) }),
    );
  }
  for (const name of names) changes.push({ action: 'delete', kind: 'alarm', name });

  for (const name of names.filter((n) => filters.has(n))) {
    if (!dryRun) {
      await aws.logs.send(
        new DeleteMetricFilterCommand({ logGroupName: desired.logGroupName, filterName: name }),
      );
    }
    changes.push({ action: 'delete', kind: 'metric-filter', name });
  }

  const topicArns = new Set(
    leftover.flatMap(({ alarm }) => [
      ...(alarm.AlarmActions ?? []),
      ...(alarm.OKActions ?? []),
      ...(alarm.InsufficientDataActions ?? []),
    ]),
  );
  for (const arn of [...topicArns].filter((a) => a.startsWith('arn:aws:sns:')).sort()) {
    const name = arn.slice(arn.lastIndexOf(':') + 1);
    if (keepTopics.has(name)) continue;
    let tags: Awaited<ReturnType<typeof readTopicTags>>;
    try {
      tags = await readTopicTags(aws, arn);
    } catch (error) {
      // Already deleted by hand: nothing left to remove.
      if (error instanceof ResourceNotFoundException || error instanceof NotFoundException) continue;
      throw error;
    }
    if (!isManaged(tags, TOPIC_TAG, prefix)) continue;
    if (!dryRun) await aws.sns.send(new DeleteTopicCommand({ TopicArn: arn }));
    changes.push({ action: 'delete', kind: 'topic', name });
  }
  return changes;
}
