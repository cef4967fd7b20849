import { describe, expect, it } from 'vitest';
import { createSigningIdentity } from '../../../../harness/emulator/sns/certificate.ts';
import {
  formatEnvelope,
  notificationEnvelope,
  subscriptionConfirmationText,
} from '../../../../harness/emulator/sns/envelope.ts';
import { verifyFields } from '../../../../harness/emulator/sns/message-signing.ts';

const identity = createSigningIdentity();
const signer = {
  key: identity.privateKey,
  certUrl: 'https://127.0.0.1:1/SimpleNotificationService-x.pem',
  version: '1' as const,
};

describe('SNS envelopes', () => {
  const envelope = notificationEnvelope(
    {
      messageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
      topicArn: 'arn:aws:sns:us-west-2:123456789012:MyTopic',
      subject: 'My First Message',
      message: 'Hello world!',
      timestamp: '2012-05-02T00:54:06.655Z',
      unsubscribeUrl: 'http://127.0.0.1:4566/?Action=Unsubscribe&SubscriptionArn=x',
      messageAttributes: {
        a: { DataType: 'String', StringValue: 'b' },
        bin: { DataType: 'Binary', BinaryValue: 'aGk=' },
      },
    },
    signer,
  );

  it('has the notification keys in AWS order and a valid signature', () => {
    expect(Object.keys(envelope)).toEqual([
      'Type',
      'MessageId',
      'TopicArn',
      'Subject',
      'Message',
      'Timestamp',
      'SignatureVersion',
      'Signature',
      'SigningCertURL',
      'UnsubscribeURL',
      'MessageAttributes',
    ]);
    expect(verifyFields(envelope as Record<string, string>, identity.certificatePem)).toBe(true);
  });

  it('prints as SNS prints it (Jackson pretty printer)', () => {
    const text = formatEnvelope(envelope);
    expect(text.split('\n').slice(0, 3)).toEqual([
      '{',
      '  "Type" : "Notification",',
      '  "MessageId" : "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",',
    ]);
    expect(text).toContain(
      '  "MessageAttributes" : {\n    "a" : {"Type":"String","Value":"b"},\n    "bin" : {"Type":"Binary","Value":"aGk="}\n  }\n}',
    );
    expect(JSON.parse(text)).toMatchObject({ Subject: 'My First Message', Message: 'Hello world!' });
  });

  it('words the confirmation message as AWS does', () => {
    expect(subscriptionConfirmationText('arn:aws:sns:us-west-2:123456789012:MyTopic')).toBe(
      'You have chosen to subscribe to the topic arn:aws:sns:us-west-2:123456789012:MyTopic.\nTo confirm the subscription, visit the SubscribeURL included in this message.',
    );
  });
});
