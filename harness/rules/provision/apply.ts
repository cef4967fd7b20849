import { CreateLogGroupCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import { PutMetricAlarmCommand, TagResourceCommand } from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import type { AwsClients } from '../../aws/clients.ts';
import { createLogger } from '../../util/logger.ts';
import type { Change, ProvisionResult } from './changes.ts';
import { compareAlarm, compareMetricFilter } from './compare.ts';
import { metricAlarmFields } from './desired-state.ts';
import type { AlarmActions, DesiredAlarm, DesiredState } from './desired-state.ts';
import { removeLeftovers } from './leftovers.ts';
import { topicTags } from './ownership.ts';
import { ensureQueue } from './queue.ts';
import {
  logGroupExists,
  readAlarmsWithTags,
  readMetricFilters,
  readSubscriptions,
  readTopics,
} from './read-state.ts';

const log = createLogger('lab:rules:provision');

export interface ApplyOptions {
  /** Compute the diff without changing anything. */
  readonly dryRun?: boolean;
  /** Name prefix of the rule set's resources; the desired state's own prefix when left out. */
  readonly prefix?: string;
}

/**
 * Makes the target match the desired state: creates what is missing, updates what differs, deletes
 * the lab's resources of rules no longer in the set (found by their tags, see ownership.ts), leaves
 * everything else alone, and returns every resource with what happened to it. Idempotent: a second
 * apply on an unchanged rule set returns only `unchanged` entries and makes no write call.
 */
export async function applyDesiredState(
  aws: AwsClients,
  desired: DesiredState,
  options: ApplyOptions = {},
): Promise<ProvisionResult> {
  const dryRun = options.dryRun ?? false;
  const prefix = options.prefix ?? desired.prefix;
  const changes: Change[] = [];

  const groupExists = await logGroupExists(aws, desired.logGroupName);
  if (groupExists) {
    changes.push({ action: 'unchanged', kind: 'log-group', name: desired.logGroupName });
  } else {
    if (!dryRun) await aws.logs.send(new CreateLogGroupCommand({ logGroupName: desired.logGroupName }));
    changes.push({ action: 'create', kind: 'log-group', name: desired.logGroupName });
  }

  const existingTopics = await readTopics(aws);
  const topicArns: Record<string, string> = {};
  for (const name of desired.topics) {
    const arn = existingTopics.get(name);
    if (arn) {
      topicArns[name] = arn;
      changes.push({ action: 'unchanged', kind: 'topic', name });
      continue;
    }
    topicArns[name] = dryRun
      ? `(arn of new topic ${name})`
      : ((
          await aws.sns.send(
            new CreateTopicCommand({ Name: name, Tags: topicTags(prefix, name.slice(prefix.length)) }),
          )
        ).TopicArn ?? '');
    changes.push({ action: 'create', kind: 'topic', name });
  }

  const queueUrls: Record<string, string> = {};
  const queueArns: Record<string, string> = {};
  for (const sub of desired.subscriptions) {
    if (sub.protocol !== 'sqs') continue;
    const queue = await ensureQueue(aws, sub.queueName, Object.values(topicArns), dryRun);
    changes.push(queue.change);
    queueUrls[sub.queueName] = queue.url;
    queueArns[sub.queueName] = queue.arn;
  }

  for (const topic of desired.topics) {
    const topicArn = topicArns[topic]!;
    const existing = dryRun && !existingTopics.has(topic) ? [] : await readSubscriptions(aws, topicArn);
    for (const sub of desired.subscriptions) {
      const endpoint = sub.protocol === 'sqs' ? queueArns[sub.queueName]! : sub.endpoint;
      const name = `${topic} → ${sub.protocol}:${sub.protocol === 'sqs' ? sub.queueName : sub.endpoint}`;
      const found = existing.find((s) => s.Protocol === sub.protocol && s.Endpoint === endpoint);
      if (found) {
        changes.push({
          action: 'unchanged',
          kind: 'subscription',
          name,
          ...(found.SubscriptionArn === 'PendingConfirmation' ? { note: 'pending confirmation' } : {}),
        });
        continue;
      }
      let note: string | undefined;
      if (!dryRun) {
        const result = await aws.sns.send(
          new SubscribeCommand({
            TopicArn: topicArn,
            Protocol: sub.protocol,
            Endpoint: endpoint,
            ReturnSubscriptionArn: false,
          }),
        );
        if (result.SubscriptionArn === 'pending confirmation') note = 'pending confirmation';
      }
      changes.push({ action: 'create', kind: 'subscription', name, ...(note ? { note } : {}) });
    }
  }

  // A dry run leaves a missing group missing, and DescribeMetricFilters on it would fail.
  const filters = groupExists
    ? await readMetricFilters(aws, desired.logGroupName, prefix)
    : new Map<string, MetricFilter>();
  for (const filter of desired.metricFilters) {
    const actual = filters.get(filter.filterName);
    const diff = actual ? compareMetricFilter(filter, actual) : [];
    if (actual && diff.length === 0) {
      changes.push({ action: 'unchanged', kind: 'metric-filter', name: filter.filterName });
      continue;
    }
    if (!dryRun) {
      await aws.logs.send(
        new PutMetricFilterCommand({
          logGroupName: desired.logGroupName,
          filterName: filter.filterName,
          filterPattern: filter.filterPattern,
          metricTransformations: [filter.transformation],
        }),
      );
    }
    changes.push({
      action: actual ? 'update' : 'create',
      kind: 'metric-filter',
      name: filter.filterName,
      ...(actual ? { fields: diff } : {}),
    });
  }

  const alarms = await readAlarmsWithTags(aws, prefix);
  for (const alarm of desired.alarms) {
    const arns = actionArns(alarm, topicArns);
    const actual = alarms.get(alarm.alarmName);
    const diff = actual ? compareAlarm(alarm, actual.alarm, arns, actual.tags) : [];
    if (actual && diff.length === 0) {
      changes.push({ action: 'unchanged', kind: 'alarm', name: alarm.alarmName });
      continue;
    }
    if (!dryRun && (!actual || diff.some((f) => f.field !== 'Tags'))) {
      await aws.cloudwatch.send(new PutMetricAlarmCommand(metricAlarmFields(alarm, arns)));
    }
    // An alarm from before the lab tagged its own (or tagged by hand) gets the tags it lacks.
    if (!dryRun && actual && diff.some((f) => f.field === 'Tags')) {
      await aws.cloudwatch.send(
        new TagResourceCommand({ ResourceARN: actual.alarm.AlarmArn, Tags: [...alarm.tags] }),
      );
    }
    changes.push({
      action: actual ? 'update' : 'create',
      kind: 'alarm',
      name: alarm.alarmName,
      ...(actual ? { fields: diff } : {}),
    });
  }
  changes.push(...(await removeLeftovers(aws, desired, { prefix, alarms, filters, dryRun })));
  log(`${dryRun ? 'plan' : 'apply'}: ${changes.filter((c) => c.action !== 'unchanged').length} changes`);
  return { changes, topicArns, queueUrls, dryRun };
}

function actionArns(alarm: DesiredAlarm, topicArns: Readonly<Record<string, string>>): AlarmActions<string> {
  const arn = (name: string): string => topicArns[name] ?? `(arn of topic ${name})`;
  return {
    alarm: alarm.alarmTopics.map(arn),
    ok: alarm.okTopics.map(arn),
    insufficientData: alarm.insufficientDataTopics.map(arn),
  };
}
