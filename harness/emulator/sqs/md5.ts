/**
 * SQS digests (SQS developer guide "Calculating the MD5 message digest for message attributes";
 * aws-protocols.md §3.4): MD5 of the body as hex; for attributes, names sorted, each encoded as
 * length-prefixed name, length-prefixed data type, one transport byte (1 String/Number, 2 Binary,
 * 3 String list, 4 Binary list) and the length-prefixed value, the lot MD5'd to hex.
 */
import { createHash } from 'node:crypto';

export interface SqsMessageAttributeValue {
  readonly DataType: string;
  readonly StringValue?: string | undefined;
  /** base64 */
  readonly BinaryValue?: string | undefined;
  readonly StringListValues?: readonly string[] | undefined;
  readonly BinaryListValues?: readonly string[] | undefined;
}

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

export function md5OfMessageAttributes(
  attributes: Readonly<Record<string, SqsMessageAttributeValue>>,
): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const parts: Buffer[] = [];
  for (const name of names) {
    const value = attributes[name]!;
    parts.push(
      lengthPrefixed(Buffer.from(name, 'utf8')),
      lengthPrefixed(Buffer.from(value.DataType, 'utf8')),
    );
    if (value.StringValue !== undefined) {
      parts.push(Buffer.from([1]), lengthPrefixed(Buffer.from(value.StringValue, 'utf8')));
    } else if (value.BinaryValue !== undefined) {
      parts.push(Buffer.from([2]), lengthPrefixed(Buffer.from(value.BinaryValue, 'base64')));
    } else if (value.StringListValues !== undefined) {
      parts.push(Buffer.from([3]));
      for (const s of value.StringListValues) parts.push(lengthPrefixed(Buffer.from(s, 'utf8')));
    } else if (value.BinaryListValues !== undefined) {
      parts.push(Buffer.from([4]));
      for (const b of value.BinaryListValues) parts.push(lengthPrefixed(Buffer.from(b, 'base64')));
    }
  }
  return createHash('md5').update(Buffer.concat(parts)).digest('hex');
}
