import type { Lab } from '../runner/index.ts';

export interface EmailView {
  readonly messageId: string;
  readonly kind: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly timestamp: string;
}

export interface DeliveryView {
  readonly messageId: string;
  readonly subject: string;
  readonly alarmName: string;
  readonly newState: string;
  readonly signatureVerified: boolean;
  readonly signatureError: string;
  readonly receivedLabMs: number;
  readonly message: string;
}

export interface InboxView {
  readonly emails: readonly EmailView[];
  readonly deliveries: readonly DeliveryView[];
}

export interface PublishedMessage {
  readonly messageId: string;
  readonly subject?: string;
  readonly topicArn: string;
}

/**
 * What SNS sent: the emulator's outbox (`GET /_lab/sns/messages`: every published message and the
 * emails, as the text AWS sends) on the local target, and what the lab's sink received everywhere.
 */
export async function readInbox(
  lab: Lab,
): Promise<{ inbox: InboxView; published: readonly PublishedMessage[] }> {
  let outbox: { messages: PublishedMessage[]; emails: EmailView[] } = { messages: [], emails: [] };
  const endpoint = lab.target.aws.endpoint;
  if (lab.target.name === 'local' && endpoint) {
    const response = await fetch(`${endpoint}/_lab/sns/messages`);
    if (response.ok) outbox = (await response.json()) as typeof outbox;
  }
  const emails = outbox.emails.map(({ messageId, kind, to, subject, body, timestamp }) => ({
    messageId,
    kind,
    to,
    subject,
    body,
    timestamp,
  }));
  const deliveries: DeliveryView[] = lab.sink.messages().map((m) => ({
    messageId: m.messageId,
    subject: m.subject ?? '',
    alarmName: m.alarm?.alarmName ?? '',
    newState: m.alarm?.newState ?? '',
    signatureVerified: m.signatureVerified,
    signatureError: m.signatureError ?? '',
    receivedLabMs: m.received.labMs,
    message: m.message,
  }));
  return { inbox: { emails, deliveries }, published: outbox.messages };
}
