import { isAlarmStateValue } from '../aws/index.ts';
import type { AlarmStateValue } from '../aws/index.ts';

const SNS_MESSAGE_TYPES = ['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation'] as const;

/** The JSON envelope SNS posts to HTTP endpoints and puts in SQS queues (SNS developer guide). */
export interface SnsEnvelope {
  readonly Type: (typeof SNS_MESSAGE_TYPES)[number];
  readonly MessageId: string;
  readonly TopicArn: string;
  readonly Subject?: string;
  readonly Message: string;
  readonly Timestamp: string;
  readonly SignatureVersion: string;
  readonly Signature: string;
  readonly SigningCertURL: string;
  readonly SubscribeURL?: string;
  readonly Token?: string;
  readonly UnsubscribeURL?: string;
}

/** Fields every message type carries (Subject, SubscribeURL, Token... depend on the type). */
const REQUIRED = [
  'Type',
  'MessageId',
  'TopicArn',
  'Message',
  'Timestamp',
  'SignatureVersion',
  'Signature',
  'SigningCertURL',
];

/** Parses and shape-checks an envelope; returns a reason string instead of throwing. */
export function parseEnvelope(
  body: string,
): { ok: true; envelope: SnsEnvelope } | { ok: false; reason: string } {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  if (typeof data !== 'object' || data === null) return { ok: false, reason: 'body is not a JSON object' };
  const record = data as Record<string, unknown>;
  const missing = REQUIRED.filter((k) => typeof record[k] !== 'string');
  if (missing.length > 0) return { ok: false, reason: `missing SNS envelope fields: ${missing.join(', ')}` };
  if (!(SNS_MESSAGE_TYPES as readonly unknown[]).includes(record['Type'])) {
    return { ok: false, reason: `unknown SNS message type ${JSON.stringify(record['Type'])}` };
  }
  return { ok: true, envelope: data as SnsEnvelope };
}

/** The parts of a CloudWatch alarm notification (the `Message` of the envelope) the runner asserts on. */
export interface AlarmMessage {
  readonly alarmName: string;
  readonly newState: AlarmStateValue;
  readonly oldState: string;
  readonly stateChangeTime?: string;
  readonly reason?: string;
  readonly trigger: {
    readonly metricName?: string;
    readonly namespace?: string;
    readonly threshold?: number;
    readonly statistic?: string;
  };
}

export function parseAlarmMessage(message: string): AlarmMessage | undefined {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(message) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const name = data['AlarmName'];
  const state = data['NewStateValue'];
  if (typeof name !== 'string' || !isAlarmStateValue(state)) return undefined;
  const trigger = (
    typeof data['Trigger'] === 'object' && data['Trigger'] !== null ? data['Trigger'] : {}
  ) as Record<string, unknown>;
  return {
    alarmName: name,
    newState: state,
    oldState: String(data['OldStateValue'] ?? ''),
    ...(typeof data['StateChangeTime'] === 'string' ? { stateChangeTime: data['StateChangeTime'] } : {}),
    ...(typeof data['NewStateReason'] === 'string' ? { reason: data['NewStateReason'] } : {}),
    trigger: {
      ...(typeof trigger['MetricName'] === 'string' ? { metricName: trigger['MetricName'] } : {}),
      ...(typeof trigger['Namespace'] === 'string' ? { namespace: trigger['Namespace'] } : {}),
      ...(typeof trigger['Threshold'] === 'number' ? { threshold: trigger['Threshold'] } : {}),
      ...(typeof trigger['Statistic'] === 'string' ? { statistic: trigger['Statistic'] } : {}),
    },
  };
}
