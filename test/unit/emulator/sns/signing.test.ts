import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigningIdentity, loadSigningIdentity } from '../../../../harness/emulator/sns/certificate.ts';
import { signFields, stringToSign, verifyFields } from '../../../../harness/emulator/sns/message-signing.ts';

const identity = createSigningIdentity();

describe('the emulator signing certificate', () => {
  it('is a self-signed X.509 certificate for the key, valid for localhost and 127.0.0.1', () => {
    const cert = new X509Certificate(identity.certificatePem);
    expect(cert.checkPrivateKey(identity.privateKey)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(cert.ca).toBe(true);
    expect(new Date(cert.validTo).getUTCFullYear()).toBe(2099);
  });

  it('writes serial numbers in minimal DER, even one that starts with a zero byte', () => {
    // Random serials start with 0x00 about once in 128: the certificate must still parse.
    const zeroLed = createSigningIdentity('sns.amazonaws.com', {
      serialNumber: Buffer.from('00017f0000000000000000000000beef', 'hex'),
    });
    const cert = new X509Certificate(zeroLed.certificatePem);
    expect(cert.serialNumber).toBe('017F0000000000000000000000BEEF');
    expect(cert.verify(cert.publicKey)).toBe(true);
  });

  it('survives a PEM round trip (persistence)', () => {
    const loaded = loadSigningIdentity(identity.privateKeyPem, identity.certificatePem);
    const signature = signFields(
      { Type: 'Notification', Message: 'm', MessageId: 'id', Timestamp: 't', TopicArn: 'a' },
      '1',
      loaded.privateKey,
    );
    expect(
      verifyFields(
        {
          Type: 'Notification',
          Message: 'm',
          MessageId: 'id',
          Timestamp: 't',
          TopicArn: 'a',
          SignatureVersion: '1',
          Signature: signature,
        },
        identity.certificatePem,
      ),
    ).toBe(true);
  });
});

describe('SNS string to sign', () => {
  it('lists the notification keys in byte order, Subject only when present', () => {
    const fields = {
      Type: 'Notification',
      MessageId: 'id',
      TopicArn: 'arn',
      Message: 'hi\nthere',
      Timestamp: '2012-05-02T00:54:06.655Z',
    };
    expect(stringToSign(fields)).toBe(
      'Message\nhi\nthere\nMessageId\nid\nTimestamp\n2012-05-02T00:54:06.655Z\nTopicArn\narn\nType\nNotification\n',
    );
    expect(stringToSign({ ...fields, Subject: 'sub' })).toContain('MessageId\nid\nSubject\nsub\nTimestamp\n');
  });

  it('lists the confirmation keys including SubscribeURL and Token', () => {
    expect(
      stringToSign({
        Type: 'SubscriptionConfirmation',
        MessageId: 'id',
        Token: 'tok',
        TopicArn: 'arn',
        Message: 'm',
        SubscribeURL: 'u',
        Timestamp: 't',
      }),
    ).toBe(
      'Message\nm\nMessageId\nid\nSubscribeURL\nu\nTimestamp\nt\nToken\ntok\nTopicArn\narn\nType\nSubscriptionConfirmation\n',
    );
  });

  it.each(['1', '2'] as const)(
    'signs and verifies with SignatureVersion %s, and detects tampering',
    (version) => {
      const fields = { Type: 'Notification', MessageId: 'id', TopicArn: 'arn', Message: 'm', Timestamp: 't' };
      const Signature = signFields(fields, version, identity.privateKey);
      expect(verifyFields({ ...fields, SignatureVersion: version, Signature }, identity.certificatePem)).toBe(
        true,
      );
      expect(
        verifyFields(
          { ...fields, Message: 'x', SignatureVersion: version, Signature },
          identity.certificatePem,
        ),
      ).toBe(false);
      const other = version === '1' ? '2' : '1';
      expect(verifyFields({ ...fields, SignatureVersion: other, Signature }, identity.certificatePem)).toBe(
        false,
      );
    },
  );
});
