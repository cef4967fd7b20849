/**
 * SNS message signatures (SNS developer guide "Verifying the signatures of Amazon SNS messages",
 * alarms-sns.md §4.2): the string to sign is `name\nvalue\n` for a fixed set of keys in byte order
 * (Notification: Message, MessageId, Subject if present, Timestamp, TopicArn, Type; confirmations:
 * Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type), signed with SHA1withRSA
 * (SignatureVersion 1, the default) or SHA256withRSA (2), base64.
 */
import { createSign, createVerify, type KeyObject } from 'node:crypto';

export type SignatureVersion = '1' | '2';

const NOTIFICATION_KEYS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const;
const CONFIRMATION_KEYS = [
  'Message',
  'MessageId',
  'SubscribeURL',
  'Timestamp',
  'Token',
  'TopicArn',
  'Type',
] as const;

export function stringToSign(fields: Readonly<Record<string, string | undefined>>): string {
  const keys = fields['Type'] === 'Notification' ? NOTIFICATION_KEYS : CONFIRMATION_KEYS;
  let out = '';
  for (const key of keys) {
    const value = fields[key];
    if (value === undefined) continue;
    out += `${key}\n${value}\n`;
  }
  return out;
}

export function signFields(
  fields: Readonly<Record<string, string | undefined>>,
  version: SignatureVersion,
  key: KeyObject,
): string {
  const signer = createSign(version === '2' ? 'RSA-SHA256' : 'RSA-SHA1');
  signer.update(stringToSign(fields), 'utf8');
  return signer.sign(key, 'base64');
}

/** Verifies a signed SNS JSON document against a certificate PEM (for tests and the control API). */
export function verifyFields(
  fields: Readonly<Record<string, string | undefined>>,
  certificatePem: string,
): boolean {
  const version = fields['SignatureVersion'];
  if (version !== '1' && version !== '2') return false;
  const verifier = createVerify(version === '2' ? 'RSA-SHA256' : 'RSA-SHA1');
  verifier.update(stringToSign(fields), 'utf8');
  return verifier.verify(certificatePem, fields['Signature'] ?? '', 'base64');
}
