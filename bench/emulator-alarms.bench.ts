/**
 * Alarm evaluation and notification figures of the in-process emulator:
 *
 * 1. 1,000 alarms over 10,000 metrics (one sample per metric per minute, a mix of periods, statistics
 *    and TreatMissingData modes), time to advance the emulator clock by one hour: 60 minute
 *    boundaries, every alarm evaluated at each, transitions and SNS publishes included.
 * 2. Metric-filter event → SNS delivery latency: PutLogEvents of one matching Vault-like audit event
 *    over HTTP, the clock advanced to the next minute boundary, the alarm fires, and the notification
 *    arrives in an SQS queue (in process) and at an HTTP endpoint (real POST). Wall time per round.
 *
 * Run alone: `node bin/run-ts.js bench/emulator-alarms.bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { OffsetClock } from '../harness/clock.ts';
import { startEmulator } from '../harness/emulator/index.ts';
import { waitFor } from '../harness/util/wait-for.ts';
import { startTestEmulator } from '../test/support/emulator.ts';
import { alarmClients } from '../test/support/sns-clients.ts';
import { startSnsHttpReceiver } from '../test/support/sns-http-receiver.ts';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 15, 10, 0, 0);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function evaluationHour(): Promise<void> {
  const METRICS = 10_000;
  const ALARMS = 1_000;
  const clock = new OffsetClock({ startAt: START + 30_000 });
  const emulator = await startEmulator({ clock });
  try {
    const metrics = emulator.engines.metrics;
    const alarms = emulator.engines.alarms;
    const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:bench`;
    const clients = alarmClients(emulator.endpoint);
    await clients.sns.send(new CreateTopicCommand({ Name: 'bench' }));
    clients.destroy();

    let t0 = performance.now();
    for (let minute = 0; minute < 60; minute++) {
      for (let i = 0; i < METRICS; i++) {
        // A slow wave per metric so alarms cross their thresholds now and then.
        const value = (Math.sin((minute + i) / 7) + 1) * 5;
        metrics.put(ACCOUNT, REGION, {
          namespace: 'Bench',
          metricName: `m${i}`,
          timestamp: START + minute * MINUTE + 1000,
          value,
        });
      }
    }
    const putMs = performance.now() - t0;
    const modes = ['missing', 'ignore', 'breaching', 'notBreaching'] as const;
    const statistics = ['Sum', 'Average', 'Maximum', 'Minimum', 'SampleCount'];
    for (let i = 0; i < ALARMS; i++) {
      alarms.putMetricAlarm(ACCOUNT, REGION, {
        alarmName: `alarm-${i}`,
        actionsEnabled: true,
        okActions: [topicArn],
        alarmActions: [topicArn],
        insufficientDataActions: [],
        namespace: 'Bench',
        metricName: `m${i * 10}`,
        statistic: statistics[i % statistics.length],
        dimensions: [],
        period: i % 3 === 0 ? 300 : 60,
        evaluationPeriods: 1 + (i % 5),
        datapointsToAlarm: 1 + (i % 2),
        threshold: 5,
        comparisonOperator: 'GreaterThanThreshold',
        treatMissingData: modes[i % 4],
      });
    }
    t0 = performance.now();
    await clock.advance(3600_000);
    const advanceMs = performance.now() - t0;
    let transitions = 0;
    for (const item of alarms.history(ACCOUNT, REGION))
      if (item.historyItemType === 'StateUpdate') transitions++;
    console.log(`  ${METRICS.toLocaleString()} metrics × 60 min put in process: ${putMs.toFixed(0)} ms`);
    console.log(
      `  advance 1 h, ${ALARMS.toLocaleString()} alarms (60 boundaries, ${(ALARMS * 60).toLocaleString()} evaluations, ${transitions} transitions published to SNS): ${advanceMs.toFixed(0)} ms`,
    );
  } finally {
    await emulator.stop();
  }
}

async function notificationLatency(): Promise<void> {
  const ROUNDS = 40;
  const lab = await startTestEmulator({ startAt: START + 5_000 });
  const clients = alarmClients(lab.endpoint);
  const receiver = await startSnsHttpReceiver({ autoConfirm: true });
  try {
    await lab.logs.send(new CreateLogGroupCommand({ logGroupName: 'vault_audit_log' }));
    await lab.logs.send(new CreateLogStreamCommand({ logGroupName: 'vault_audit_log', logStreamName: 's' }));
    await lab.logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'vault_audit_log',
        filterName: 'root',
        filterPattern: '{ $.auth.display_name = "root" && $.type = "response" }',
        metricTransformations: [{ metricName: 'Root', metricNamespace: 'Vault', metricValue: '1' }],
      }),
    );
    const topicArn = (await clients.sns.send(new CreateTopicCommand({ Name: 'latency' }))).TopicArn!;
    const queueUrl = (await clients.sqs.send(new CreateQueueCommand({ QueueName: 'latency' }))).QueueUrl!;
    const queueArn = (
      await clients.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
      )
    ).Attributes!['QueueArn']!;
    await clients.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn }));
    await clients.sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: receiver.url }),
    );
    await waitFor(
      async () => {
        const { json } = await lab.control('GET', '/_lab/sns/subscription-tokens');
        const subs = (json as { subscriptions: { pendingConfirmation: boolean }[] }).subscriptions;
        return subs.length > 0 && subs.every((s) => !s.pendingConfirmation);
      },
      { description: 'the HTTP subscription confirmed', timeoutMs: 10_000, intervalMs: 5 },
    );
    await clients.cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'root',
        Namespace: 'Vault',
        MetricName: 'Root',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [topicArn],
        OKActions: [topicArn],
      }),
    );
    const sqs = lab.emulator.engines.sqs;
    const queue = sqs.queueByUrl(ACCOUNT, REGION, queueUrl);
    const toSqs: number[] = [];
    const toHttp: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // An event (→ ALARM at the next boundary), then quiet minutes (→ OK); both publish.
      const minuteStart = Math.floor(lab.clock.now() / MINUTE) * MINUTE;
      const httpBefore = receiver.requests.filter((r) => r.json?.['Type'] === 'Notification').length;
      const queuedBefore = queue.messages.length;
      const t0 = performance.now();
      await lab.logs.send(
        new PutLogEventsCommand({
          logGroupName: 'vault_audit_log',
          logStreamName: 's',
          logEvents: [
            {
              timestamp: lab.clock.now(),
              message: JSON.stringify({ type: 'response', auth: { display_name: 'root' } }),
            },
          ],
        }),
      );
      await lab.clock.advanceTo(minuteStart + MINUTE + 1);
      if (queue.messages.length === queuedBefore)
        throw new Error(`round ${round}: no notification in the queue`);
      toSqs.push(performance.now() - t0);
      const notifications = (): number =>
        receiver.requests.filter((r) => r.json?.['Type'] === 'Notification').length;
      await waitFor(() => notifications() > httpBefore, {
        description: `round ${round}: the ALARM notification over HTTP`,
        timeoutMs: 10_000,
        intervalMs: 1,
      });
      toHttp.push(performance.now() - t0);
      // Real datapoints are evaluated while they are in the evaluation range (3 periods for N = 1):
      // three quiet minutes later the alarm is back to OK and publishes again.
      await lab.clock.advanceTo(minuteStart + 4 * MINUTE + 1);
      await waitFor(() => notifications() >= httpBefore + 2, {
        description: `round ${round}: the OK notification over HTTP`,
        timeoutMs: 10_000,
        intervalMs: 1,
      });
    }
    toSqs.sort((a, b) => a - b);
    toHttp.sort((a, b) => a - b);
    const fmt = (v: number[]): string =>
      `p50 ${percentile(v, 50).toFixed(1)} ms, p99 ${percentile(v, 99).toFixed(1)} ms, max ${v.at(-1)!.toFixed(1)} ms`;
    console.log(`  metric-filter event → SNS → SQS queue (${ROUNDS} rounds): ${fmt(toSqs)}`);
    console.log(`  metric-filter event → SNS → HTTP endpoint received (${ROUNDS} rounds): ${fmt(toHttp)}`);
  } finally {
    clients.destroy();
    await receiver.close();
    await lab.stop();
  }
}

export async function run(): Promise<void> {
  await evaluationHour();
  await notificationLatency();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run();
}
