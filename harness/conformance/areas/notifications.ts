import { PutMetricDataCommand, DescribeAlarmHistoryCommand } from '@aws-sdk/client-cloudwatch';
import {
  ConfirmSubscriptionCommand,
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { SignatureVerifier } from '../../sinks/index.ts';
import type { SnsEnvelope } from '../../sinks/index.ts';
import { AreaRecorder, describeOutcome } from '../check.ts';
import type { ConformanceContext } from '../context.ts';
import { eventually, nextBoundary } from '../context.ts';
import { createSubscribedQueue, createTopic, drainQueue, NAMESPACE, putAlarm } from '../aws-steps.ts';
import { startHttpReceiver } from '../http-receiver.ts';
import type { HttpReceiver, ReceivedPost } from '../http-receiver.ts';
import { SOURCES } from '../sources.ts';

/**
 * The alarm → SNS → SQS message (envelope keys, Message JSON keys and formats, Subject) and, where
 * the endpoint can reach this machine, HTTP delivery: subscription confirmation, headers, signature.
 */
const SQS_ENVELOPE_KEYS = [
  'Message',
  'MessageId',
  'Signature',
  'SignatureVersion',
  'SigningCertURL',
  'Subject',
  'Timestamp',
  'TopicArn',
  'Type',
  'UnsubscribeURL',
];
const CONFIRMATION_KEYS = [
  'Message',
  'MessageId',
  'Signature',
  'SignatureVersion',
  'SigningCertURL',
  'SubscribeURL',
  'Timestamp',
  'Token',
  'TopicArn',
  'Type',
];
const ALARM_KEYS = [
  'AlarmName',
  'AlarmDescription',
  'AWSAccountId',
  'AlarmConfigurationUpdatedTimestamp',
  'NewStateValue',
  'NewStateReason',
  'StateChangeTime',
  'Region',
  'AlarmArn',
  'OldStateValue',
  'OKActions',
  'AlarmActions',
  'InsufficientDataActions',
  'Trigger',
];
/** Keys AWS added later and may or may not send (alarm mute rules, 2025). */
const OPTIONAL_ALARM_KEYS = ['ActionExecutedAfterMuteWindow'];
const TRIGGER_KEYS = [
  'MetricName',
  'Namespace',
  'StatisticType',
  'Statistic',
  'Unit',
  'Dimensions',
  'Period',
  'EvaluationPeriods',
  'DatapointsToAlarm',
  'ComparisonOperator',
  'Threshold',
  'TreatMissingData',
  'EvaluateLowSampleCountPercentile',
];
/** CloudWatch's own long region names in Region and Subject (real notifications). */
const REGION_NAMES: Readonly<Record<string, string>> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'eu-west-1': 'EU (Ireland)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
};
const AWS_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/;
const SNS_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export async function runNotifications(context: ConformanceContext): Promise<AreaRecorder> {
  const area = new AreaRecorder('notifications');
  const receiver = context.loopbackReachable ? await startHttpReceiver() : undefined;
  try {
    await Promise.all([
      alarmToQueue(context, area),
      receiver ? httpDelivery(context, area, receiver) : skipHttp(area),
    ]);
  } finally {
    await receiver?.close();
  }
  return area;
}

function skipHttp(area: AreaRecorder): Promise<void> {
  area.skip('notifications/http/*', 'the endpoint cannot reach an HTTP receiver on 127.0.0.1 (real AWS)');
  return Promise.resolve();
}

async function alarmToQueue(context: ConformanceContext, area: AreaRecorder): Promise<void> {
  const name = `${context.prefix}notify`;
  context.progress('notifications: alarm → SNS → SQS');
  const topicArn = await createTopic(context, name);
  const queueUrl = await createSubscribedQueue(context, name, topicArn);
  const now = await context.clock.now();
  const boundary = nextBoundary(now);
  await context.clients.cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: NAMESPACE,
      // A breaching datapoint in each of the three minutes before the boundary, before the alarm
      // exists: whichever evaluation comes first (the one at creation, or a minute's) sees one, so the
      // alarm's first transition is INSUFFICIENT_DATA -> ALARM on any clock.
      MetricData: [180_000, 120_000, 60_000].map((before) => ({
        MetricName: name,
        Dimensions: [{ Name: 'Host', Value: 'lab' }],
        Value: 1,
        Timestamp: new Date(boundary - before + 1_000),
      })),
    }),
  );
  await putAlarm(context, {
    AlarmName: name,
    AlarmDescription: 'vault-alarm-lab conformance',
    Namespace: NAMESPACE,
    MetricName: name,
    Dimensions: [{ Name: 'Host', Value: 'lab' }],
    Statistic: 'Sum',
    Period: 60,
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
    AlarmActions: [topicArn],
  });
  if (context.clock.kind === 'lab') await context.clock.passUntil(boundary);
  const bodies: string[] = [];
  await eventually(
    context,
    async () => {
      bodies.push(...(await drainQueue(context, queueUrl)));
      return bodies.length > 0 ? true : undefined;
    },
    boundary - Date.now() + context.bounds.deliveryMs,
  );
  const body = bodies[0];
  const delivered = area.compare({
    id: 'notifications/sqs/delivered',
    title: 'the alarm going to ALARM puts one SNS message in the subscribed queue',
    source: SOURCES.snsSqs,
    expected: 'a message arrives',
    actual: body === undefined ? 'no message arrived' : 'a message arrives',
  });
  if (!delivered || body === undefined) return;

  const envelope = parseObject(body);
  area.compare({
    id: 'notifications/sqs/envelope-keys',
    title: 'the SQS body is the SNS JSON envelope',
    source: SOURCES.snsSqs,
    expected: SQS_ENVELOPE_KEYS.join(', '),
    actual: envelope ? Object.keys(envelope).sort().join(', ') : `not JSON: ${body.slice(0, 80)}`,
  });
  if (!envelope) return;
  area.compare({
    id: 'notifications/sqs/type',
    title: 'envelope Type',
    source: SOURCES.snsJsonFormats,
    expected: 'Notification',
    actual: String(envelope['Type']),
  });
  area.compare({
    id: 'notifications/sqs/timestamp',
    title: 'envelope Timestamp format',
    source: SOURCES.snsJsonFormats,
    expected: 'yyyy-MM-ddTHH:mm:ss.SSSZ',
    actual: SNS_TIME.test(String(envelope['Timestamp']))
      ? 'yyyy-MM-ddTHH:mm:ss.SSSZ'
      : String(envelope['Timestamp']),
  });
  const regionName = REGION_NAMES[context.region];
  if (regionName) {
    area.compare({
      id: 'notifications/subject',
      title: 'Subject of the alarm notification',
      source: SOURCES.recordedNotification,
      expected: `ALARM: "${name}" in ${regionName}`,
      actual: String(envelope['Subject']),
    });
  } else area.skip('notifications/subject', `no recorded long name for region ${context.region}`);

  const rawMessage = String(envelope['Message']);
  const message = parseObject(rawMessage);
  if (!message) {
    area.record({
      id: 'notifications/message/json',
      title: 'Message is the alarm as JSON',
      source: SOURCES.recordedNotification,
      expected: 'a JSON object',
      actual: rawMessage.slice(0, 120),
      agreed: false,
    });
    return;
  }
  area.compare({
    id: 'notifications/message/keys',
    title: 'Message keys',
    source: SOURCES.recordedNotification,
    expected: ALL_KEYS,
    actual: keyDiff(
      ALARM_KEYS,
      Object.keys(message).filter((k) => !OPTIONAL_ALARM_KEYS.includes(k)),
    ),
  });
  const trigger = (
    typeof message['Trigger'] === 'object' && message['Trigger'] !== null ? message['Trigger'] : {}
  ) as Record<string, unknown>;
  area.compare({
    id: 'notifications/message/trigger-keys',
    title: 'Message Trigger keys (DatapointsToAlarm set on the alarm)',
    source: SOURCES.recordedNotification,
    expected: ALL_KEYS,
    actual: keyDiff(TRIGGER_KEYS, Object.keys(trigger)),
  });
  const account = topicArn.split(':')[4] ?? '';
  const formats: [string, string, string][] = [
    ['AlarmName', name, String(message['AlarmName'])],
    ['AWSAccountId', account, String(message['AWSAccountId'])],
    ['NewStateValue', 'ALARM', String(message['NewStateValue'])],
    ['OldStateValue', 'INSUFFICIENT_DATA', String(message['OldStateValue'])],
    ['Region', regionName ?? '(not checked)', regionName ? String(message['Region']) : '(not checked)'],
    [
      'AlarmArn',
      `arn:aws:cloudwatch:${context.region}:${account}:alarm:${name}`,
      String(message['AlarmArn']),
    ],
    ['StateChangeTime', 'yyyy-MM-ddTHH:mm:ss.SSS+0000', timeFormat(message['StateChangeTime'])],
    [
      'AlarmConfigurationUpdatedTimestamp',
      'yyyy-MM-ddTHH:mm:ss.SSS+0000',
      timeFormat(message['AlarmConfigurationUpdatedTimestamp']),
    ],
    ['AlarmActions', JSON.stringify([topicArn]), JSON.stringify(message['AlarmActions'])],
    ['OKActions', '[]', JSON.stringify(message['OKActions'])],
    [
      'NewStateReason',
      'Threshold Crossed: 1 out of the last 1 datapoints [1.0 (…)] …',
      String(message['NewStateReason']).startsWith('Threshold Crossed: 1 out of the last 1 datapoints [1.0 (')
        ? 'Threshold Crossed: 1 out of the last 1 datapoints [1.0 (…)] …'
        : String(message['NewStateReason']),
    ],
    ['Trigger.Statistic', 'SUM', String(trigger['Statistic'])],
    ['Trigger.StatisticType', 'Statistic', String(trigger['StatisticType'])],
    ['Trigger.Dimensions', '[{"value":"lab","name":"Host"}]', JSON.stringify(trigger['Dimensions'])],
    ['Trigger.Period', '60', JSON.stringify(trigger['Period'])],
    ['Trigger.TreatMissingData', 'notBreaching', String(trigger['TreatMissingData'])],
    [
      'Trigger.Threshold as written',
      '"Threshold":1.0',
      /"Threshold":\s*1\.0\b/.test(rawMessage)
        ? '"Threshold":1.0'
        : (/"Threshold":\s*[^,}]*/.exec(rawMessage)?.[0] ?? 'absent'),
    ],
  ];
  for (const [field, expected, actual] of formats) {
    if (expected === '(not checked)') continue;
    area.compare({
      id: `notifications/message/${field.replace(/ /g, '-')}`,
      title: `Message ${field}`,
      source: SOURCES.recordedNotification,
      expected,
      actual,
    });
  }

  // The delivery shows in the history as an Action item.
  let summaries: string[] = [];
  let failure: string | undefined;
  try {
    const history = await context.clients.cloudwatch.send(
      new DescribeAlarmHistoryCommand({ AlarmName: name, HistoryItemType: 'Action' }),
    );
    summaries = (history.AlarmHistoryItems ?? []).map((i) => i.HistorySummary ?? '');
  } catch (error) {
    failure = describeOutcome(error);
  }
  const want = `Successfully executed action ${topicArn}`;
  area.compare({
    id: 'notifications/history/action',
    title: 'the SNS action shows in DescribeAlarmHistory as an Action item',
    source: SOURCES.describeAlarmHistory,
    expected: want,
    actual: failure ?? (summaries.includes(want) ? want : summaries.join(' | ') || 'no Action item'),
  });
}

async function httpDelivery(
  context: ConformanceContext,
  area: AreaRecorder,
  receiver: HttpReceiver,
): Promise<void> {
  context.progress('notifications: HTTP subscription, confirmation and signature');
  const topicArn = await createTopic(context, `${context.prefix}http`);
  const sns = context.clients.sns;
  let subscribeAnswer: string;
  try {
    const response = await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: receiver.url }),
    );
    subscribeAnswer = response.SubscriptionArn ?? 'no SubscriptionArn';
  } catch (error) {
    subscribeAnswer = describeOutcome(error);
  }
  area.compare({
    id: 'notifications/http/subscribe-pending',
    title: 'Subscribe of an HTTP endpoint answers "pending confirmation"',
    source: SOURCES.snsSubscribe,
    expected: 'pending confirmation',
    actual: subscribeAnswer.startsWith('arn:')
      ? 'a subscription ARN (confirmed without the endpoint)'
      : subscribeAnswer,
  });
  const verifier = (envelope: Record<string, unknown>): SignatureVerifier =>
    certificateVerifier(context.endpoint, String(envelope['SigningCertURL']));

  const confirmation = await eventually(
    context,
    async () => receiver.posts.find((p) => parseObject(p.body)?.['Type'] === 'SubscriptionConfirmation'),
    30_000,
  );
  const confirmed = area.compare({
    id: 'notifications/http/confirmation-sent',
    title: 'SNS POSTs a SubscriptionConfirmation to the endpoint',
    source: SOURCES.snsHttpPrepare,
    expected: 'a SubscriptionConfirmation POST',
    actual: confirmation ? 'a SubscriptionConfirmation POST' : describePosts(receiver.posts),
  });
  if (confirmed && confirmation) {
    const body = parseObject(confirmation.body)!;
    area.compare({
      id: 'notifications/http/confirmation-keys',
      title: 'SubscriptionConfirmation body keys',
      source: SOURCES.snsJsonFormats,
      expected: CONFIRMATION_KEYS.join(', '),
      actual: Object.keys(body).sort().join(', '),
    });
    area.compare({
      id: 'notifications/http/confirmation-header',
      title: 'x-amz-sns-message-type header of the confirmation',
      source: SOURCES.snsHttpPrepare,
      expected: 'SubscriptionConfirmation',
      actual: String(confirmation.headers['x-amz-sns-message-type'] ?? 'absent'),
    });
    await judgeSignature(area, verifier, body, 'confirmation');
    try {
      await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: String(body['Token']) }));
    } catch (error) {
      area.record({
        id: 'notifications/http/confirm',
        title: 'ConfirmSubscription with the token',
        source: SOURCES.snsHttpPrepare,
        expected: 'accepted',
        actual: describeOutcome(error),
        agreed: false,
      });
    }
  }
  const subscriptions = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
  const arn = subscriptions.Subscriptions?.find((s) => s.Endpoint === receiver.url)?.SubscriptionArn;
  area.compare({
    id: 'notifications/http/confirmed',
    title: 'after confirmation the subscription has an ARN (no longer PendingConfirmation)',
    source: SOURCES.snsSubscribe,
    expected: 'a subscription ARN',
    actual: arn?.startsWith('arn:') ? 'a subscription ARN' : String(arn ?? 'no subscription'),
  });

  await sns.send(
    new PublishCommand({ TopicArn: topicArn, Subject: 'conformance', Message: 'hello from conformance' }),
  );
  const notification = await eventually(
    context,
    async () => receiver.posts.find((p) => parseObject(p.body)?.['Type'] === 'Notification'),
    30_000,
  );
  if (
    !area.compare({
      id: 'notifications/http/notification-sent',
      title: 'Publish POSTs a Notification to the confirmed endpoint',
      source: SOURCES.snsHttpPrepare,
      expected: 'a Notification POST',
      actual: notification ? 'a Notification POST' : describePosts(receiver.posts),
    }) ||
    !notification
  )
    return;
  const body = parseObject(notification.body)!;
  const headers = notification.headers;
  const headerChecks: [string, string, string][] = [
    ['x-amz-sns-message-type', 'Notification', String(headers['x-amz-sns-message-type'] ?? 'absent')],
    [
      'x-amz-sns-message-id',
      'the body MessageId',
      headers['x-amz-sns-message-id'] === body['MessageId']
        ? 'the body MessageId'
        : String(headers['x-amz-sns-message-id'] ?? 'absent'),
    ],
    ['x-amz-sns-topic-arn', topicArn, String(headers['x-amz-sns-topic-arn'] ?? 'absent')],
    [
      'x-amz-sns-subscription-arn',
      'the subscription ARN',
      arn !== undefined && headers['x-amz-sns-subscription-arn'] === arn
        ? 'the subscription ARN'
        : String(headers['x-amz-sns-subscription-arn'] ?? 'absent'),
    ],
    ['content-type', 'text/plain; charset=UTF-8', String(headers['content-type'] ?? 'absent')],
  ];
  for (const [header, expected, actual] of headerChecks) {
    area.compare({
      id: `notifications/http/header/${header}`,
      title: `HTTP notification header ${header}`,
      source: SOURCES.snsHttpPrepare,
      expected,
      actual,
    });
  }
  area.compare({
    id: 'notifications/http/notification-keys',
    title: 'HTTP Notification body keys (with Subject)',
    source: SOURCES.snsJsonFormats,
    expected: SQS_ENVELOPE_KEYS.join(', '),
    actual: Object.keys(body).sort().join(', '),
  });
  await judgeSignature(area, verifier, body, 'notification');
}

/**
 * A verifier trusting the endpoint. A SigningCertURL on the endpoint's own port is the endpoint's,
 * whatever host name it uses (LocalStack writes localhost.localstack.cloud, which resolves to
 * 127.0.0.1 only with public DNS): its certificate is fetched from the endpoint itself.
 */
function certificateVerifier(endpoint: string | undefined, signingCertUrl: string): SignatureVerifier {
  if (endpoint === undefined) return new SignatureVerifier();
  const own = new URL(endpoint);
  let cert: URL | undefined;
  try {
    cert = new URL(signingCertUrl);
  } catch {
    cert = undefined;
  }
  const sameServer = cert !== undefined && cert.protocol === own.protocol && cert.port === own.port;
  return new SignatureVerifier({
    trustedOrigins: sameServer ? [endpoint, cert!.origin] : [endpoint],
    fetchCertificate: async (url) => {
      const target =
        sameServer && url.startsWith(cert!.origin) ? `${own.origin}${new URL(url).pathname}` : url;
      const response = await fetch(target, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status} from ${target}`);
      return response.text();
    },
  });
}

async function judgeSignature(
  area: AreaRecorder,
  verifier: (envelope: Record<string, unknown>) => SignatureVerifier,
  body: Record<string, unknown>,
  kind: 'confirmation' | 'notification',
): Promise<void> {
  let actual: string;
  try {
    const outcome = await verifier(body).verify(body as unknown as SnsEnvelope);
    actual = outcome.ok ? 'the signature verifies' : `does not verify: ${outcome.reason}`;
  } catch (error) {
    actual = `does not verify: ${(error as Error).message}`;
  }
  area.compare({
    id: `notifications/http/${kind}-signature`,
    title: `the ${kind}'s signature verifies with the certificate at SigningCertURL`,
    source: SOURCES.snsVerify,
    expected: 'the signature verifies',
    actual,
  });
}

function describePosts(posts: readonly ReceivedPost[]): string {
  if (posts.length === 0) return 'nothing was POSTed';
  return `POSTs of type ${posts.map((p) => String(parseObject(p.body)?.['Type'] ?? 'non-JSON')).join(', ')}`;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const ALL_KEYS = 'every documented key, no others';

function keyDiff(expected: readonly string[], actual: readonly string[]): string {
  const missing = expected.filter((k) => !actual.includes(k));
  const extra = actual.filter((k) => !expected.includes(k));
  if (missing.length === 0 && extra.length === 0) return ALL_KEYS;
  return [
    missing.length ? `missing ${missing.join(', ')}` : '',
    extra.length ? `extra ${extra.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

function timeFormat(value: unknown): string {
  return AWS_TIME.test(String(value)) ? 'yyyy-MM-ddTHH:mm:ss.SSS+0000' : String(value);
}
