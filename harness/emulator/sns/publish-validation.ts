/**
 * What Publish checks before anything is recorded or delivered (botocore Publish, SNS developer
 * guide "Amazon SNS message attributes" and "Sending customized messages per protocol"), and the
 * message each protocol receives with MessageStructure=json.
 */
import { attributeBaseType, isNumberText, isValidAttributeName } from '../shared/message-attributes.ts';
import type { MessageAttributeValue } from './envelope.ts';
import { invalidParameter, parameterValueInvalid } from './errors.ts';

/** Publish: "Messages must be UTF-8 encoded strings and at most 256 KB in size" (botocore Publish). */
export const MAX_MESSAGE_BYTES = 262_144;
/** Subject: "must be ASCII text that begins with a letter, number, or punctuation mark; must not include line breaks or control characters; and must be less than 100 characters long". */
export const MAX_SUBJECT_LENGTH = 99;

export interface PublishedContent {
  readonly message: string | undefined;
  readonly subject?: string | undefined;
  readonly messageStructure?: string | undefined;
  readonly messageAttributes?: Readonly<Record<string, MessageAttributeValue>> | undefined;
}

/** The message as one protocol sees it: MessageStructure=json picks the protocol's key or `default`. */
export type MessageForProtocol = (protocol: string) => string;

/** Checks a Publish; returns the message each protocol receives. */
export function validatePublish(input: PublishedContent): MessageForProtocol {
  const message = input.message;
  if (message === undefined || message === '') throw invalidParameter('Empty message');
  if (Buffer.byteLength(message, 'utf8') > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
  if (input.subject !== undefined) {
    const s = input.subject;
    if (s === '' || s.length > MAX_SUBJECT_LENGTH || /[^\u0020-\u007e]/.test(s) || /^\s/.test(s)) {
      throw invalidParameter('Subject');
    }
  }
  validateAttributes(input.messageAttributes);
  if (input.messageStructure === undefined || input.messageStructure === '') return () => message;
  if (input.messageStructure !== 'json') throw invalidParameter('MessageStructure');
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  const variants = parsed as Record<string, unknown>;
  const fallback = variants['default'];
  if (typeof fallback !== 'string')
    throw invalidParameter('Message Structure - No default entry in JSON message body');
  return (protocol) => {
    const variant = variants[protocol];
    return typeof variant === 'string' ? variant : fallback;
  };
}

function validateAttributes(attributes: Readonly<Record<string, MessageAttributeValue>> | undefined): void {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (!isValidAttributeName(name)) throw parameterValueInvalid(`Invalid attribute name: ${name}`);
    const base = attributeBaseType(value.DataType);
    if (base === undefined) {
      throw parameterValueInvalid(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    if (base === 'Binary' ? (value.BinaryValue ?? '') === '' : (value.StringValue ?? '') === '') {
      throw parameterValueInvalid(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`,
      );
    }
    if (base === 'Number' && !isNumberText(value.StringValue!)) {
      throw parameterValueInvalid(
        `An error occurred while validating the message attribute '${name}'. It must be a valid number.`,
      );
    }
  }
}
