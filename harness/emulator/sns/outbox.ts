/**
 * What SNS did, for tests and the runner (`GET /_lab/sns/messages`): every message published to
 * every topic, every email and email-json message "sent", and every delivery attempt to an HTTP/S
 * endpoint or SQS queue. Newest last. Bounded so a long-running emulator does not grow forever.
 */

/** Oldest entries are dropped past this many per list. */
const MAX_ENTRIES = 10_000;

export interface PublishedMessage {
  readonly messageId: string;
  readonly topicArn: string;
  readonly accountId: string;
  readonly region: string;
  readonly subject?: string | undefined;
  readonly message: string;
  readonly messageStructure?: string | undefined;
  readonly messageAttributes?:
    Readonly<Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>> | undefined;
  readonly messageGroupId?: string | undefined;
  /** ISO 8601 (emulator clock). */
  readonly timestamp: string;
}

export interface EmailMessage {
  readonly kind: 'SubscriptionConfirmation' | 'Notification' | 'UnsubscribeConfirmation';
  readonly protocol: 'email' | 'email-json';
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly topicArn: string;
  readonly subscriptionArn: string;
  readonly messageId: string;
  readonly timestamp: string;
}

export interface DeliveryAttempt {
  readonly messageId: string;
  readonly messageType: 'SubscriptionConfirmation' | 'Notification' | 'UnsubscribeConfirmation';
  readonly topicArn: string;
  readonly subscriptionArn: string;
  readonly protocol: string;
  readonly endpoint: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Emulator clock, ISO 8601. */
  readonly timestamp: string;
  readonly outcome: 'delivered' | 'failed' | 'dropped';
  readonly statusCode?: number | undefined;
  readonly error?: string | undefined;
}

export class SnsOutbox {
  readonly messages: PublishedMessage[] = [];
  readonly emails: EmailMessage[] = [];
  readonly deliveries: DeliveryAttempt[] = [];

  recordMessage(message: PublishedMessage): void {
    push(this.messages, message);
  }

  recordEmail(email: EmailMessage): void {
    push(this.emails, email);
  }

  recordDelivery(attempt: DeliveryAttempt): void {
    push(this.deliveries, attempt);
  }

  clear(): void {
    this.messages.length = 0;
    this.emails.length = 0;
    this.deliveries.length = 0;
  }
}

function push<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > MAX_ENTRIES) list.splice(0, list.length - MAX_ENTRIES);
}
