/**
 * The JSON documents SNS delivers to HTTP/HTTPS endpoints, SQS queues (without raw delivery) and
 * email-json addresses (alarms-sns.md §4.1): Notification, SubscriptionConfirmation and
 * UnsubscribeConfirmation, keys in AWS's order, signed, and printed the way SNS prints them
 * (Jackson's pretty printer: two-space indent, `"Key" : value`, message attributes one per line).
 */
import type { KeyObject } from 'node:crypto';
import { signFields, type SignatureVersion } from './message-signing.ts';

export interface MessageAttributeValue {
  readonly DataType: string;
  readonly StringValue?: string | undefined;
  /** base64 */
  readonly BinaryValue?: string | undefined;
}

export interface Signer {
  readonly key: KeyObject;
  readonly certUrl: string;
  readonly version: SignatureVersion;
}

export interface NotificationInput {
  readonly messageId: string;
  readonly topicArn: string;
  readonly subject?: string | undefined;
  readonly message: string;
  /** ISO 8601 with milliseconds. */
  readonly timestamp: string;
  readonly unsubscribeUrl: string;
  readonly messageAttributes?: Readonly<Record<string, MessageAttributeValue>> | undefined;
}

export type Envelope = Readonly<Record<string, unknown>>;

export function notificationEnvelope(input: NotificationInput, signer: Signer): Envelope {
  const fields = {
    Type: 'Notification',
    MessageId: input.messageId,
    TopicArn: input.topicArn,
    Subject: input.subject,
    Message: input.message,
    Timestamp: input.timestamp,
  };
  const attributes = input.messageAttributes;
  return {
    ...signed(fields, signer),
    UnsubscribeURL: input.unsubscribeUrl,
    ...(attributes !== undefined && Object.keys(attributes).length > 0
      ? { MessageAttributes: envelopeAttributes(attributes) }
      : {}),
  };
}

/** `{"name":{"Type":"String","Value":"…"}}`; binary values stay base64. */
function envelopeAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes)) {
    out[name] = { Type: value.DataType, Value: value.StringValue ?? value.BinaryValue ?? '' };
  }
  return out;
}

export interface ConfirmationInput {
  readonly type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  readonly messageId: string;
  readonly token: string;
  readonly topicArn: string;
  readonly message: string;
  readonly subscribeUrl: string;
  readonly timestamp: string;
}

export function confirmationEnvelope(input: ConfirmationInput, signer: Signer): Envelope {
  const fields = {
    Type: input.type,
    MessageId: input.messageId,
    Token: input.token,
    TopicArn: input.topicArn,
    Message: input.message,
    SubscribeURL: input.subscribeUrl,
    Timestamp: input.timestamp,
  };
  return signed(fields, signer);
}

/** The signed fields followed by the signature keys, in AWS's order. */
function signed(fields: Readonly<Record<string, string | undefined>>, signer: Signer): Envelope {
  return {
    ...fields,
    SignatureVersion: signer.version,
    Signature: signFields(fields, signer.version, signer.key),
    SigningCertURL: signer.certUrl,
  };
}

export function subscriptionConfirmationText(topicArn: string): string {
  return `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`;
}

export function unsubscribeConfirmationText(subscriptionArn: string): string {
  return `You have chosen to deactivate subscription ${subscriptionArn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`;
}

/** Jackson-style pretty JSON, as SNS writes its envelopes. */
export function formatEnvelope(envelope: Envelope): string {
  const lines = Object.entries(envelope)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      if (k === 'MessageAttributes' && v !== null && typeof v === 'object') {
        const inner = Object.entries(v as Record<string, unknown>).map(
          ([name, attr]) => `    ${JSON.stringify(name)} : ${JSON.stringify(attr)}`,
        );
        return `  ${JSON.stringify(k)} : {\n${inner.join(',\n')}\n  }`;
      }
      return `  ${JSON.stringify(k)} : ${JSON.stringify(v)}`;
    });
  return `{\n${lines.join(',\n')}\n}`;
}
