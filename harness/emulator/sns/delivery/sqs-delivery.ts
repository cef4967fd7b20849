/**
 * SQS deliveries: the envelope (or, with RawMessageDelivery, the message with its attributes as SQS
 * message attributes) enqueued in process through the SQS service, recorded in the outbox.
 */
import type { Clock } from '../../../clock.ts';
import type { SqsMessageAttributeValue } from '../../sqs/md5.ts';
import type { MessageAttributeValue } from '../envelope.ts';
import type { DeliveryAttempt, SnsOutbox } from '../outbox.ts';
import type { Subscription, Topic } from '../sns-store.ts';

/** "You can use up to 10 message attributes" is SQS's limit; SNS allows more, SQS deliveries keep 10. */
const MAX_SQS_MESSAGE_ATTRIBUTES = 10;
/** The sender id SQS reports for messages SNS delivered. */
const SNS_SENDER_ID = 'AIDAIT2UOQQY3AUEKVGXU';

/** What SNS needs from SQS (in process). */
export interface SqsDeliveryReceiver {
  /** Enqueues a message into the queue named by `queueArn`; returns an error text when it cannot. */
  deliverFromSns(
    queueArn: string,
    body: string,
    messageAttributes: Record<string, SqsMessageAttributeValue>,
    options: { senderId: string; groupId?: string | undefined; deduplicationId?: string | undefined },
  ): { ok: true } | { ok: false; error: string };
}

export interface QueueDelivery {
  readonly type: DeliveryAttempt['messageType'];
  readonly messageId: string;
  readonly body: string;
  readonly attributes?: Record<string, SqsMessageAttributeValue>;
  readonly groupId?: string | undefined;
  readonly deduplicationId?: string | undefined;
}

/** Enqueues one message to the subscription's queue and records the attempt. */
export function deliverToQueue(
  target: SqsDeliveryReceiver | undefined,
  outbox: SnsOutbox,
  clock: Clock,
  topic: Topic,
  sub: Subscription,
  delivery: QueueDelivery,
): void {
  const { messageId, groupId } = delivery;
  const result =
    target === undefined
      ? { ok: false as const, error: 'no SQS service in this emulator' }
      : target.deliverFromSns(sub.endpoint, delivery.body, delivery.attributes ?? {}, {
          senderId: SNS_SENDER_ID,
          groupId,
          // FIFO topics deduplicate by message id unless the publisher gave an id.
          deduplicationId: delivery.deduplicationId ?? (groupId !== undefined ? messageId : undefined),
        });
  outbox.recordDelivery({
    messageId,
    messageType: delivery.type,
    topicArn: topic.arn,
    subscriptionArn: sub.arn,
    protocol: sub.protocol,
    endpoint: sub.endpoint,
    attempt: 1,
    timestamp: new Date(clock.now()).toISOString(),
    outcome: result.ok ? 'delivered' : 'failed',
    error: result.ok ? undefined : result.error,
  });
}

/** Raw delivery: the published attributes as SQS message attributes, the first ten. */
export function rawQueueAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>> | undefined,
): Record<string, SqsMessageAttributeValue> {
  const out: Record<string, SqsMessageAttributeValue> = {};
  for (const [name, value] of Object.entries(attributes ?? {}).slice(0, MAX_SQS_MESSAGE_ATTRIBUTES)) {
    out[name] = { DataType: value.DataType, StringValue: value.StringValue, BinaryValue: value.BinaryValue };
  }
  return out;
}
