import { execFileSync } from 'node:child_process';
import { createSign, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringToSign } from '../../harness/sinks/sns-signature.ts';
import type { SnsEnvelope } from '../../harness/sinks/sns-message.ts';

/**
 * Stands in for AWS SNS at the signing boundary: an RSA key and a self-signed certificate (made with
 * the openssl CLI), served over HTTP like SigningCertURL, and a function that signs envelopes exactly
 * as SNS documents it. Also records visits to SubscribeURL.
 */
export interface TestSnsSigner {
  readonly origin: string;
  readonly certUrl: string;
  readonly confirmations: string[];
  sign(
    envelope: Omit<SnsEnvelope, 'Signature' | 'SigningCertURL' | 'SignatureVersion'>,
    version?: '1' | '2',
  ): SnsEnvelope;
  subscribeUrl(token: string): string;
  close(): Promise<void>;
}

export async function startTestSnsSigner(): Promise<TestSnsSigner> {
  const dir = mkdtempSync(join(tmpdir(), 'val-sns-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=sns.test.local',
    ],
    { stdio: 'ignore' },
  );
  const key = readFileSync(join(dir, 'key.pem'), 'utf8');
  const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  const confirmations: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/cert.pem') res.writeHead(200).end(cert);
    else if (url.pathname === '/confirm') {
      confirmations.push(url.searchParams.get('Token') ?? '');
      res.writeHead(200).end('<ConfirmSubscriptionResponse/>');
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    certUrl: `${origin}/cert.pem`,
    confirmations,
    sign(partial, version = '1') {
      const envelope = {
        ...partial,
        SignatureVersion: version,
        SigningCertURL: `${origin}/cert.pem`,
        Signature: '',
      } as SnsEnvelope;
      const signer = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
      signer.update(stringToSign(envelope));
      return { ...envelope, Signature: signer.sign(key, 'base64') };
    },
    subscribeUrl: (token) => `${origin}/confirm?Action=ConfirmSubscription&Token=${token}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function alarmNotification(signer: TestSnsSigner, alarmName: string, threshold = 1): SnsEnvelope {
  return signer.sign({
    Type: 'Notification',
    MessageId: randomUUID(),
    TopicArn: 'arn:aws:sns:us-east-1:000000000000:vault-audit-alarms',
    Subject: `ALARM: "${alarmName}" in US East (N. Virginia)`,
    Message: JSON.stringify({
      AlarmName: alarmName,
      NewStateValue: 'ALARM',
      OldStateValue: 'OK',
      NewStateReason: 'Threshold Crossed',
      Trigger: { MetricName: 'RootTokenUseCount', Namespace: 'VaultMetricNamespace', Threshold: threshold },
    }),
    Timestamp: new Date().toISOString(),
  });
}
