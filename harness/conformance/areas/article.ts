import { readFileSync } from 'node:fs';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { AreaRecorder, describeOutcome } from '../check.ts';
import type { ConformanceContext } from '../context.ts';
import { eventually, nextBoundary } from '../context.ts';
import {
  createLogGroup,
  createSubscribedQueue,
  createTopic,
  describeAlarms,
  drainQueue,
  putAlarm,
  putEvents,
  putMetricFilter,
} from '../aws-steps.ts';
import { SOURCES } from '../sources.ts';

/**
 * The seed article's commands as a sequence: log group, its RootAuthListFilter metric filter, the
 * alarm, the topic and a subscription, then `vault auth list` as the root token writes it to the
 * audit log. Twice side by side: once with the real entries (the alarm must fire and notify) and once
 * with a look-alike (the same request by a root-policy token minted with `token create`, whose
 * display_name is "token"), which must stay quiet.
 */
export const ARTICLE_PATTERN =
  '{$.auth.display_name = "root" && $.request.path = "sys/auth" && $.type = "response"}';
const ARTICLE_NAMESPACE = 'VaultMetricNamespace';

/** `vault auth list` by the root token, as Vault 1.14.0 wrote it (request and response entry). */
const AUTH_LIST_FIXTURE = new URL('../../../test/fixtures/vault-1.14.0/auth-list.log', import.meta.url);

function auditEntries(): { matching: string[]; lookalike: string[] } {
  const matching = readFileSync(AUTH_LIST_FIXTURE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const lookalike = matching.map((line) => {
    const entry = JSON.parse(line) as { auth?: { display_name?: string } };
    if (entry.auth) entry.auth.display_name = 'token';
    return JSON.stringify(entry);
  });
  return { matching, lookalike };
}

interface Sequence {
  readonly label: 'fires' | 'quiet';
  readonly alarm: string;
  readonly metric: string;
  readonly queueUrl: string;
}

export async function runArticle(context: ConformanceContext): Promise<AreaRecorder> {
  const area = new AreaRecorder('article');
  const entries = auditEntries();
  context.progress('article: the article’s commands, twice (matching and look-alike events)');
  const refused: string[] = [];
  const setUp = async (label: 'fires' | 'quiet'): Promise<Sequence | undefined> => {
    const base = `${context.prefix}article-${label}`;
    const step = async (what: string, work: () => Promise<unknown>): Promise<boolean> => {
      try {
        await work();
        return true;
      } catch (error) {
        refused.push(`${label}: ${what}: ${describeOutcome(error)}`);
        return false;
      }
    };
    const metric = `${base}-RootAuthListCount`;
    let topicArn = '';
    let queueUrl = '';
    const ok =
      (await step('logs create-log-group', () => createLogGroup(context, `${base}-vault_audit_log`))) &&
      (await step('logs put-metric-filter', () =>
        putMetricFilter(context, `${base}-vault_audit_log`, ARTICLE_PATTERN, {
          metricName: metric,
          metricNamespace: ARTICLE_NAMESPACE,
          metricValue: '1',
        }),
      )) &&
      (await step('sns create-topic', async () => {
        topicArn = await createTopic(context, base);
      })) &&
      (await step('sns subscribe (sqs)', async () => {
        queueUrl = await createSubscribedQueue(context, base, topicArn);
      })) &&
      (await step('cloudwatch put-metric-alarm', () =>
        putAlarm(context, {
          AlarmName: base,
          AlarmDescription: 'The root token listed the auth methods',
          Namespace: ARTICLE_NAMESPACE,
          MetricName: metric,
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
          AlarmActions: [topicArn],
        }),
      ));
    return ok ? { label, alarm: base, metric, queueUrl } : undefined;
  };
  const [fires, quiet] = await Promise.all([setUp('fires'), setUp('quiet')]);
  if (context.clock.kind === 'wall') await context.clock.passUntil(Date.now() + 10_000, context.signal);

  const now = await context.clock.now();
  const boundary = nextBoundary(now);
  // In the minute the boundary closes (possibly a few seconds ahead: Logs takes events up to 2 h ahead).
  const eventTime = boundary - 59_000;
  const put = async (sequence: Sequence | undefined, messages: string[]): Promise<void> => {
    if (!sequence) return;
    try {
      await putEvents(context, `${sequence.alarm}-vault_audit_log`, messages, eventTime);
    } catch (error) {
      refused.push(`${sequence.label}: logs put-log-events: ${describeOutcome(error)}`);
    }
  };
  await Promise.all([put(fires, entries.matching), put(quiet, entries.lookalike)]);
  area.compare({
    id: 'article/commands-accepted',
    title:
      "the article's commands are accepted (create-log-group, put-metric-filter, create-topic, subscribe, put-metric-alarm, put-log-events)",
    source: SOURCES.article,
    expected: 'all accepted',
    actual: refused.length === 0 ? 'all accepted' : refused.join('; '),
  });
  if (!fires || !quiet) return area;

  if (context.clock.kind === 'lab') await context.clock.passUntil(boundary);
  const observe = async (): Promise<{ state: string; messages: string[] }> => ({
    state: (await describeAlarms(context, fires.alarm)).get(fires.alarm)?.StateValue ?? 'alarm not found',
    messages: await drainQueue(context, fires.queueUrl),
  });
  const firesMessages: string[] = [];
  let firesState = 'not observed';
  await eventually(
    context,
    async () => {
      const seen = await observe();
      firesState = seen.state;
      firesMessages.push(...seen.messages);
      return firesState === 'ALARM' && firesMessages.length > 0 ? true : undefined;
    },
    boundary - Date.now() + context.bounds.deliveryMs,
  );
  const quietState =
    (await describeAlarms(context, quiet.alarm)).get(quiet.alarm)?.StateValue ?? 'alarm not found';
  const quietMessages = await drainQueue(context, quiet.queueUrl);
  const sums = await metricSums(context, [fires.metric, quiet.metric], eventTime);

  area.compare({
    id: 'article/metric-counts-response-only',
    title:
      '`vault auth list` by the root token counts once (the response entry matches, the request does not)',
    source: SOURCES.metricValues,
    expected: 'Sum 1',
    actual: sums[0] === undefined ? 'no datapoint' : `Sum ${sums[0]}`,
  });
  area.compare({
    id: 'article/alarm-fires',
    title: 'the alarm goes to ALARM',
    source: SOURCES.alarmEvaluation,
    expected: 'ALARM',
    actual: firesState,
  });
  const notified = firesMessages.some((body) => body.includes(fires.alarm));
  area.compare({
    id: 'article/notification',
    title: 'an SNS notification naming the alarm reaches the queue',
    source: SOURCES.snsSqs,
    expected: 'a notification naming the alarm',
    actual: notified
      ? 'a notification naming the alarm'
      : `${firesMessages.length} message(s), none naming the alarm`,
  });
  area.compare({
    id: 'article/lookalike-no-metric',
    title: 'the look-alike (display_name "token") does not match the filter',
    source: SOURCES.metricValues,
    expected: 'no datapoint',
    actual: sums[1] === undefined ? 'no datapoint' : `Sum ${sums[1]}`,
  });
  area.compare({
    id: 'article/lookalike-quiet',
    title: 'the look-alike alarm does not go to ALARM and sends nothing',
    source: SOURCES.missingData,
    expected: 'not ALARM, no message',
    actual: `${quietState === 'ALARM' ? 'ALARM' : 'not ALARM'}, ${quietMessages.length === 0 ? 'no message' : `${quietMessages.length} message(s)`}`,
  });
  return area;
}

async function metricSums(
  context: ConformanceContext,
  metrics: readonly string[],
  eventTime: number,
): Promise<(number | undefined)[]> {
  const minute = Math.floor(eventTime / 60_000) * 60_000;
  const response = await context.clients.cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(minute - 60_000),
      EndTime: new Date(minute + 120_000),
      MetricDataQueries: metrics.map((metric, i) => ({
        Id: `a${i}`,
        ReturnData: true,
        MetricStat: {
          Metric: { Namespace: ARTICLE_NAMESPACE, MetricName: metric },
          Period: 60,
          Stat: 'Sum',
        },
      })),
    }),
  );
  return metrics.map((_, i) => {
    const values = response.MetricDataResults?.find((r) => r.Id === `a${i}`)?.Values ?? [];
    return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0);
  });
}
