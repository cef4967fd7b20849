/**
 * A message as ReceiveMessage returns it: the system attributes asked for by name or `All`, and the
 * message attributes asked for by name, `All`, `.*` or a `prefix.*`, with their MD5.
 */
import { md5OfMessageAttributes, type SqsMessageAttributeValue } from './md5.ts';
import type { SqsMessage } from './queue-store.ts';

export interface ReceivedMessage {
  readonly MessageId: string;
  readonly ReceiptHandle: string;
  readonly MD5OfBody: string;
  readonly Body: string;
  readonly Attributes?: Record<string, string>;
  readonly MD5OfMessageAttributes?: string;
  readonly MessageAttributes?: Record<string, SqsMessageAttributeValue>;
}

/** What a ReceiveMessage asked for (AttributeNames and MessageSystemAttributeNames merged). */
export interface AttributeSelection {
  readonly attributeNames?: readonly string[] | undefined;
  readonly messageAttributeNames?: readonly string[] | undefined;
}

export function receivedMessage(
  m: SqsMessage,
  handle: string,
  selection: AttributeSelection,
): ReceivedMessage {
  const wanted = selection.attributeNames ?? [];
  const all = wanted.includes('All');
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(systemAttributes(m))) {
    if (all || wanted.includes(name)) attributes[name] = value;
  }
  const wantedAttributes = selection.messageAttributeNames ?? [];
  const messageAttributes: Record<string, SqsMessageAttributeValue> = {};
  for (const [name, value] of Object.entries(m.messageAttributes)) {
    const selected = wantedAttributes.some(
      (w) => w === 'All' || w === '.*' || w === name || (w.endsWith('.*') && name.startsWith(w.slice(0, -1))),
    );
    if (selected) messageAttributes[name] = value;
  }
  return {
    MessageId: m.messageId,
    ReceiptHandle: handle,
    MD5OfBody: m.md5OfBody,
    Body: m.body,
    ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
    ...(Object.keys(messageAttributes).length > 0
      ? {
          MD5OfMessageAttributes: md5OfMessageAttributes(messageAttributes)!,
          MessageAttributes: messageAttributes,
        }
      : {}),
  };
}

/** The system attributes a message has, in the order SQS lists them. */
function systemAttributes(m: SqsMessage): Record<string, string> {
  const traceHeader = m.systemAttributes['AWSTraceHeader']?.StringValue;
  return {
    SenderId: m.senderId,
    SentTimestamp: String(m.sentAt),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
    ...(m.sequenceNumber !== undefined ? { SequenceNumber: m.sequenceNumber } : {}),
    ...(m.deduplicationId !== undefined ? { MessageDeduplicationId: m.deduplicationId } : {}),
    ...(m.groupId !== undefined ? { MessageGroupId: m.groupId } : {}),
    ...(traceHeader !== undefined ? { AWSTraceHeader: traceHeader } : {}),
  };
}
