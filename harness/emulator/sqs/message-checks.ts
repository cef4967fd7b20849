/**
 * What SendMessage checks before a message is queued: a body, the queue's MaximumMessageSize for the
 * body and attributes together, characters XML can carry, valid attributes, a delay in range.
 */
import { attributeBaseType, isNumberText, isValidAttributeName } from '../shared/message-attributes.ts';
import { invalidMessageContents, invalidParameterValue, missingParameter } from './errors.ts';
import { MAX_DELAY_SECONDS, MAX_MESSAGE_ATTRIBUTES, MAX_MESSAGE_BYTES } from './limits.ts';
import type { SqsMessageAttributeValue } from './md5.ts';
import type { Queue } from './queue-store.ts';

// XML 1.0 characters: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF.
const INVALID_BODY_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export interface MessageToSend {
  readonly body: string | undefined;
  readonly delaySeconds?: number | undefined;
  readonly messageAttributes?: Readonly<Record<string, SqsMessageAttributeValue>> | undefined;
}

/** Checks a message for `queue`; returns its body. */
export function checkMessage(queue: Queue, input: MessageToSend): string {
  const body = input.body;
  if (body === undefined || body === '') throw missingParameter('MessageBody');
  const maxBytes = Number(queue.attributes['MaximumMessageSize'] ?? MAX_MESSAGE_BYTES);
  const attributes = input.messageAttributes ?? {};
  const size = Buffer.byteLength(body, 'utf8') + attributesSize(attributes);
  if (size > maxBytes) {
    throw invalidParameterValue(
      `One or more parameters are invalid. Reason: Message must be shorter than ${maxBytes} bytes.`,
    );
  }
  if (INVALID_BODY_CHAR.test(body)) throw invalidMessageContents();
  checkMessageAttributes(attributes);
  if (
    input.delaySeconds !== undefined &&
    (input.delaySeconds < 0 || input.delaySeconds > MAX_DELAY_SECONDS)
  ) {
    throw invalidParameterValue(
      `Value ${input.delaySeconds} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= ${MAX_DELAY_SECONDS}.`,
    );
  }
  return body;
}

function checkMessageAttributes(attributes: Readonly<Record<string, SqsMessageAttributeValue>>): void {
  const names = Object.keys(attributes);
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw invalidParameterValue(
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`,
    );
  }
  for (const name of names) {
    const value = attributes[name]!;
    if (!isValidAttributeName(name)) {
      throw invalidParameterValue(`Message (user) attribute name '${name}' is invalid.`);
    }
    const base = attributeBaseType(value.DataType);
    if (base === undefined) {
      throw invalidParameterValue(
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    }
    const text = base === 'Binary' ? value.BinaryValue : value.StringValue;
    if (text === undefined || text === '') {
      throw invalidParameterValue(
        `Message (user) attribute '${name}' must contain a non-empty value of type '${base}'.`,
      );
    }
    if (base === 'Number' && !isNumberText(text)) {
      throw invalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
    }
  }
}

/** What attributes count towards the message size: names, data types and values, in bytes. */
function attributesSize(attributes: Readonly<Record<string, SqsMessageAttributeValue>>): number {
  let size = 0;
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '');
    size +=
      value.StringValue !== undefined
        ? Buffer.byteLength(value.StringValue)
        : Buffer.from(value.BinaryValue ?? '', 'base64').length;
  }
  return size;
}
