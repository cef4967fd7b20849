import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OffsetClock } from '../../../harness/clock.ts';
import { startHttpSink } from '../../../harness/sinks/http-sink.ts';
import { SignatureVerifier } from '../../../harness/sinks/sns-signature.ts';
import type { Sink } from '../../../harness/sinks/sink.ts';
import type { SnsEnvelope } from '../../../harness/sinks/sns-message.ts';
import { alarmNotification, startTestSnsSigner } from '../../support/sns-signer.ts';
import type { TestSnsSigner } from '../../support/sns-signer.ts';

let signer: TestSnsSigner;
let sink: Sink;
let clock: OffsetClock;

beforeEach(async () => {
  signer = await startTestSnsSigner();
  clock = new OffsetClock({ startAt: Date.UTC(2024, 0, 15, 12) });
  sink = await startHttpSink({ clock, trustedOrigins: [signer.origin] });
});

afterEach(async () => {
  await sink.stop();
  await signer.close();
});

function post(body: unknown, type = 'Notification'): Promise<Response> {
  const endpoint = (sink.subscription as { endpoint: string }).endpoint;
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A signed SubscriptionConfirmation for topic `t` whose SubscribeURL confirms `token`. */
function confirmation(token: string): SnsEnvelope {
  return signer.sign({
    Type: 'SubscriptionConfirmation',
    MessageId: `c-${token}`,
    Token: token,
    TopicArn: 'arn:aws:sns:us-east-1:000000000000:t',
    Message: 'You have chosen to subscribe to the topic arn:aws:sns:us-east-1:000000000000:t.',
    SubscribeURL: signer.subscribeUrl(token),
    Timestamp: new Date().toISOString(),
  });
}

describe('HTTP sink', () => {
  it('listens on 127.0.0.1 only', () => {
    expect((sink.subscription as { endpoint: string }).endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sns$/);
  });

  it('confirms a signed subscription by visiting SubscribeURL', async () => {
    expect((await post(confirmation('tok-1'), 'SubscriptionConfirmation')).status).toBe(200);
    expect(signer.confirmations).toEqual(['tok-1']);
    expect([...sink.confirmedTopics()]).toEqual(['arn:aws:sns:us-east-1:000000000000:t']);
  });

  it('does not confirm when the confirmation signature is forged', async () => {
    await post({ ...confirmation('tok-2'), Token: 'tok-evil' }, 'SubscriptionConfirmation');
    expect(signer.confirmations).toEqual([]);
    expect(sink.stats().rejected).toBe(1);
  });

  it('keeps notifications with the signature verdict, both clocks and the parsed alarm', async () => {
    await post(alarmNotification(signer, 'root-token-used', 1));
    const [message] = sink.messages();
    expect(message).toMatchObject({
      signatureVerified: true,
      alarm: {
        alarmName: 'root-token-used',
        newState: 'ALARM',
        trigger: { metricName: 'RootTokenUseCount', threshold: 1 },
      },
    });
    // The lab clock started in January 2024; the wall clock did not.
    expect(Math.abs(message!.received.labMs - clock.now())).toBeLessThan(5_000);
    expect(Math.abs(message!.received.wallMs - Date.now())).toBeLessThan(5_000);
    expect(Math.abs(message!.received.wallMs - message!.received.labMs)).toBeGreaterThan(60_000);
  });

  it('marks a tampered notification as unverified and counts a retry once', async () => {
    const good = alarmNotification(signer, 'a');
    await post(good);
    await post(good);
    await post({ ...alarmNotification(signer, 'b'), Message: '{"AlarmName":"c","NewStateValue":"ALARM"}' });
    expect(sink.messages().map((m) => [m.alarm?.alarmName, m.signatureVerified])).toEqual([
      ['a', true],
      ['c', false],
    ]);
    expect(sink.stats().duplicates).toBe(1);
  });

  it('answers 400 to bodies that are not SNS envelopes', async () => {
    expect((await post('not json')).status).toBe(400);
    expect((await post({ Type: 'Notification' })).status).toBe(400);
    expect(sink.stats().rejected).toBe(2);
  });

  it('refuses a browser page’s cross-origin POST and a foreign Host (403), recording nothing', async () => {
    const endpoint = new URL((sink.subscription as { endpoint: string }).endpoint);
    const crossOrigin = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://evil.example' },
      body: JSON.stringify(confirmation('tok-x')),
    });
    expect(crossOrigin.status).toBe(403);
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: endpoint.hostname,
          port: endpoint.port,
          path: endpoint.pathname,
          method: 'POST',
          headers: { host: 'evil.example' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(confirmation('tok-y')));
    });
    expect(rebound).toBe(403);
    expect(signer.confirmations).toEqual([]);
    expect(sink.stats()).toEqual({ notifications: 0, confirmations: 0, rejected: 0, duplicates: 0 });
  });

  it('waits for a condition on the messages and reports timeouts as a value', async () => {
    const waiting = sink.waitFor((ms) => ms.find((m) => m.alarm?.alarmName === 'late'), {
      description: 'late alarm',
      timeoutMs: 5_000,
    });
    await post(alarmNotification(signer, 'late'));
    expect((await waiting).state).toBe('success');
    const none = await sink.waitFor((ms) => ms.length > 10, { description: 'never', timeoutMs: 50 });
    expect(none.state).toBe('timeout');
  });
});

describe('SignatureVerifier', () => {
  it('accepts version 2 (SHA256) and refuses certificates from untrusted origins', async () => {
    const verifier = new SignatureVerifier({ trustedOrigins: [signer.origin] });
    const v2 = signer.sign(
      { Type: 'Notification', MessageId: 'm', TopicArn: 't', Message: 'x', Timestamp: 'now' },
      '2',
    );
    expect(await verifier.verify(v2)).toEqual({ ok: true });
    const untrusted = new SignatureVerifier();
    const outcome = await untrusted.verify(v2);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.reason).toMatch(/neither an AWS SNS host nor a trusted lab endpoint/);
  });
});

describe('SignatureVerifier and the lab emulator’s certificate listener', () => {
  it('fetches a loopback https SigningCertURL through the trusted endpoint’s /_lab/sns route', async () => {
    const fetched: string[] = [];
    const verifier = new SignatureVerifier({
      trustedOrigins: ['http://127.0.0.1:4566'],
      fetchCertificate: async (url) => {
        fetched.push(url);
        throw new Error('offline');
      },
    });
    const envelope = {
      ...signer.sign({ Type: 'Notification', MessageId: 'm', TopicArn: 't', Message: 'x', Timestamp: 'now' }),
      SigningCertURL: 'https://127.0.0.1:40123/SimpleNotificationService-abc.pem',
    };
    await verifier.verify(envelope);
    expect(fetched).toEqual(['http://127.0.0.1:4566/_lab/sns/SimpleNotificationService-abc.pem']);
    const remote = await new SignatureVerifier({ trustedOrigins: ['http://127.0.0.1:4566'] }).verify({
      ...envelope,
      SigningCertURL: 'https://evil.example.com/SimpleNotificationService-abc.pem',
    });
    expect(remote.ok).toBe(false);
  });
});
