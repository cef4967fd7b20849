import { DescribeLogGroupsCommand, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeAlarmsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-cloudwatch';
import type { MetricAlarm, Tag as AlarmTag } from '@aws-sdk/client-cloudwatch';
import {
  ListSubscriptionsByTopicCommand,
  ListTagsForResourceCommand as ListTopicTagsCommand,
  ListTopicsCommand,
} from '@aws-sdk/client-sns';
import type { Subscription } from '@aws-sdk/client-sns';
import type { AwsClients } from '../../aws/clients.ts';
import { RULE_ID_PATTERN } from '../validate-rule.ts';

/** DescribeAlarms accepts at most 100 names per call (CloudWatch API reference, AlarmNames). */
export const DESCRIBE_ALARMS_NAMES_MAX = 100;

export async function logGroupExists(aws: AwsClients, name: string): Promise<boolean> {
  let nextToken: string | undefined;
  do {
    const page = await aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, nextToken }));
    if (page.logGroups?.some((g) => g.logGroupName === name)) return true;
    nextToken = page.nextToken;
  } while (nextToken);
  return false;
}

/** Metric filters on the group whose names start with `prefix`, by name. */
export async function readMetricFilters(
  aws: AwsClients,
  logGroupName: string,
  prefix: string,
): Promise<Map<string, MetricFilter>> {
  const found = new Map<string, MetricFilter>();
  let nextToken: string | undefined;
  do {
    const page = await aws.logs.send(
      new DescribeMetricFiltersCommand({
        logGroupName,
        ...(prefix ? { filterNamePrefix: prefix } : {}),
        nextToken,
      }),
    );
    for (const f of page.metricFilters ?? []) if (f.filterName) found.set(f.filterName, f);
    nextToken = page.nextToken;
  } while (nextToken);
  return found;
}

export async function readAlarms(
  aws: AwsClients,
  names: readonly string[],
): Promise<Map<string, MetricAlarm>> {
  const found = new Map<string, MetricAlarm>();
  for (let i = 0; i < names.length; i += DESCRIBE_ALARMS_NAMES_MAX) {
    let nextToken: string | undefined;
    do {
      const page = await aws.cloudwatch.send(
        new DescribeAlarmsCommand({
          AlarmNames: names.slice(i, i + DESCRIBE_ALARMS_NAMES_MAX),
          NextToken: nextToken,
        }),
      );
      for (const a of page.MetricAlarms ?? []) if (a.AlarmName) found.set(a.AlarmName, a);
      nextToken = page.NextToken;
    } while (nextToken);
  }
  return found;
}

export interface AlarmWithTags {
  readonly alarm: MetricAlarm;
  readonly tags: readonly AlarmTag[];
}

/**
 * Every metric alarm whose name is `prefix` and a rule id, with its tags: DescribeAlarms does not
 * return tags, and the tags say which alarms the lab owns. Other names cannot be the lab's, so their
 * tags are not read (one call per alarm on an account that may have hundreds).
 */
export async function readAlarmsWithTags(
  aws: AwsClients,
  prefix: string,
): Promise<Map<string, AlarmWithTags>> {
  const found = new Map<string, AlarmWithTags>();
  let nextToken: string | undefined;
  do {
    const page = await aws.cloudwatch.send(
      new DescribeAlarmsCommand({
        ...(prefix ? { AlarmNamePrefix: prefix } : {}),
        AlarmTypes: ['MetricAlarm'],
        NextToken: nextToken,
      }),
    );
    for (const alarm of page.MetricAlarms ?? []) {
      if (!alarm.AlarmName || !alarm.AlarmArn) continue;
      if (!RULE_ID_PATTERN.test(alarm.AlarmName.slice(prefix.length))) continue;
      const tags = await aws.cloudwatch.send(new ListTagsForResourceCommand({ ResourceARN: alarm.AlarmArn }));
      found.set(alarm.AlarmName, { alarm, tags: tags.Tags ?? [] });
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return found;
}

export async function readTopicTags(
  aws: AwsClients,
  topicArn: string,
): Promise<ReadonlyArray<{ Key?: string; Value?: string }>> {
  return (await aws.sns.send(new ListTopicTagsCommand({ ResourceArn: topicArn }))).Tags ?? [];
}

/** Topic name → ARN for every topic in the account and region. */
export async function readTopics(aws: AwsClients): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let nextToken: string | undefined;
  do {
    const page = await aws.sns.send(new ListTopicsCommand({ NextToken: nextToken }));
    for (const t of page.Topics ?? []) {
      const arn = t.TopicArn;
      if (arn) found.set(arn.slice(arn.lastIndexOf(':') + 1), arn);
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return found;
}

export async function readSubscriptions(aws: AwsClients, topicArn: string): Promise<Subscription[]> {
  const found: Subscription[] = [];
  let nextToken: string | undefined;
  do {
    const page = await aws.sns.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: nextToken }),
    );
    found.push(...(page.Subscriptions ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return found;
}
