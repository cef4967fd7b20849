/**
 * SNS delivery through the real emulator over HTTP: an HTTP endpoint receives the confirmation and
 * then signed notifications with AWS's headers, verified by sns-validator (the AWS-published
 * standard verifier) against the emulator's own certificate, for signature versions 1 and 2;
 * failed deliveries are retried per the delivery policy on the emulator clock; SQS gets the
 * envelope or the raw message; email goes to the outbox; filter policies select.
 */
import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
  ConfirmSubscriptionCommand,
} from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../harness/util/wait-for.ts';
import { startTestEmulator, TEST_START, type TestEmulator } from '../../support/emulator.ts';
import { alarmClients, type AlarmClients } from '../../support/sns-clients.ts';
import {
  emulatorSignatureVerifier,
  startSnsHttpReceiver,
  type SnsHttpReceiver,
} from '../../support/sns-http-receiver.ts';

let lab: TestEmulator;
let c: AlarmClients;
let receiver: SnsHttpReceiver;

beforeEach(async () => {
  lab = await startTestEmulator({ startAt: TEST_START });
  c = alarmClients(lab.endpoint);
  receiver = await startSnsHttpReceiver();
});

afterEach(async () => {
  c.destroy();
  await receiver.close();
  await lab.stop();
});

async function topic(name: string): Promise<string> {
  return (await c.sns.send(new CreateTopicCommand({ Name: name }))).TopicArn!;
}

async function receivedCount(n: number, what: string): Promise<void> {
  await waitFor(() => receiver.requests.length >= n, { description: what, timeoutMs: 10_000 });
}

describe('HTTP subscriptions', () => {
  it('confirms, then delivers signed notifications that a standard verifier accepts (v1 and v2)', async () => {
    const verify = await emulatorSignatureVerifier(lab.endpoint);
    const arn = await topic('http-topic');
    const sub = await c.sns.send(
      new SubscribeCommand({ TopicArn: arn, Protocol: 'http', Endpoint: receiver.url }),
    );
    expect(sub.SubscriptionArn).toBe('pending confirmation');
    await receivedCount(1, 'the SubscriptionConfirmation');
    const confirmation = receiver.requests[0]!;
    expect(confirmation.headers['x-amz-sns-message-type']).toBe('SubscriptionConfirmation');
    expect(confirmation.headers['x-amz-sns-subscription-arn']).toBeUndefined();
    expect(confirmation.headers['content-type']).toBe('text/plain; charset=UTF-8');
    expect(confirmation.headers['user-agent']).toBe('Amazon Simple Notification Service Agent');
    expect(Object.keys(confirmation.json!)).toEqual([
      'Type',
      'MessageId',
      'Token',
      'TopicArn',
      'Message',
      'SubscribeURL',
      'Timestamp',
      'SignatureVersion',
      'Signature',
      'SigningCertURL',
    ]);
    expect(confirmation.json!['Token']).toMatch(/^[0-9a-f]{288}$/);
    await verify(confirmation.json!);

    // Nothing but the confirmation before it is confirmed.
    await c.sns.send(new PublishCommand({ TopicArn: arn, Message: 'too early' }));
    const listed = await c.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }));
    expect(listed.Subscriptions![0]!.SubscriptionArn).toBe('PendingConfirmation');

    const answer = await receiver.confirm();
    expect(answer).toContain('<ConfirmSubscriptionResult>');
    const confirmed = await c.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }));
    const subscriptionArn = confirmed.Subscriptions![0]!.SubscriptionArn!;
    expect(subscriptionArn).toMatch(/^arn:aws:sns:us-east-1:000000000000:http-topic:[0-9a-f-]{36}$/);

    await c.sns.send(
      new PublishCommand({
        TopicArn: arn,
        Subject: 'hello',
        Message: 'line one\nline "two"',
        MessageAttributes: { level: { DataType: 'String', StringValue: 'high' } },
      }),
    );
    await receivedCount(2, 'the first notification');
    const n1 = receiver.requests[1]!;
    expect(n1.headers['x-amz-sns-message-type']).toBe('Notification');
    expect(n1.headers['x-amz-sns-topic-arn']).toBe(arn);
    expect(n1.headers['x-amz-sns-subscription-arn']).toBe(subscriptionArn);
    expect(n1.headers['x-amz-sns-message-id']).toBe(n1.json!['MessageId']);
    expect(n1.body).toMatch(/^\{\n {2}"Type" : "Notification",\n {2}"MessageId" : "/);
    expect(n1.json).toMatchObject({
      Type: 'Notification',
      TopicArn: arn,
      Subject: 'hello',
      Message: 'line one\nline "two"',
      SignatureVersion: '1',
      MessageAttributes: { level: { Type: 'String', Value: 'high' } },
    });
    expect(n1.json!['UnsubscribeURL']).toContain(
      `Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`,
    );
    await verify(n1.json!);

    await c.sns.send(
      new SetTopicAttributesCommand({
        TopicArn: arn,
        AttributeName: 'SignatureVersion',
        AttributeValue: '2',
      }),
    );
    await c.sns.send(new PublishCommand({ TopicArn: arn, Message: 'signed with SHA256' }));
    await receivedCount(3, 'the second notification');
    expect(receiver.requests[2]!.json!['SignatureVersion']).toBe('2');
    await verify(receiver.requests[2]!.json!);

    // A tampered message fails verification.
    await expect(verify({ ...n1.json!, Message: 'forged' })).rejects.toThrow(/signature/i);
  });

  it('retries a failing endpoint 3 times, 20 seconds apart on the emulator clock, with the same message id', async () => {
    const arn = await topic('retry-topic');
    await c.sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'http', Endpoint: receiver.url }));
    await receivedCount(1, 'the confirmation');
    await receiver.confirm();
    receiver.respondWith(500, 503, 500, 500);
    await c.sns.send(new PublishCommand({ TopicArn: arn, Message: 'flaky' }));
    await receivedCount(2, 'the first attempt');
    for (let attempt = 2; attempt <= 4; attempt++) {
      // Let the failed attempt settle before moving time: a retry is scheduled when it fails.
      await waitFor(
        async () => {
          const { json } = await lab.control('GET', '/_lab/sns/messages');
          return (
            (json as { deliveries: { messageType: string }[] }).deliveries.filter(
              (d) => d.messageType === 'Notification',
            ).length >=
            attempt - 1
          );
        },
        { description: `attempt ${attempt - 1} recorded`, timeoutMs: 10_000 },
      );
      await lab.clock.advance(19_000);
      expect(receiver.requests).toHaveLength(attempt); // not yet
      await lab.clock.advance(1_000);
      await receivedCount(attempt + 1, `attempt ${attempt}`);
    }
    const ids = new Set(receiver.requests.slice(1).map((r) => r.headers['x-amz-sns-message-id']));
    expect(ids.size).toBe(1);
    await waitFor(
      async () => {
        const { json } = await lab.control('GET', '/_lab/sns/messages');
        const deliveries = (
          json as { deliveries: { messageType: string; outcome: string; attempt: number }[] }
        ).deliveries.filter((d) => d.messageType === 'Notification');
        return deliveries.length === 4 ? deliveries : undefined;
      },
      { description: 'four recorded attempts', timeoutMs: 10_000 },
    ).then((deliveries) => {
      expect(deliveries.map((d) => [d.attempt, d.outcome])).toEqual([
        [1, 'failed'],
        [2, 'failed'],
        [3, 'failed'],
        [4, 'dropped'],
      ]);
    });
    await lab.clock.advance(120_000);
    expect(receiver.requests).toHaveLength(5);
  });

  it('delivers the raw message with x-amz-sns-rawdelivery, and confirms unsubscribing', async () => {
    const arn = await topic('raw-topic');
    const sub = await c.sns.send(
      new SubscribeCommand({
        TopicArn: arn,
        Protocol: 'http',
        Endpoint: receiver.url,
        ReturnSubscriptionArn: true,
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    await receivedCount(1, 'the confirmation');
    await c.sns.send(
      new ConfirmSubscriptionCommand({ TopicArn: arn, Token: receiver.requests[0]!.json!['Token']! }),
    );
    const attributes = await c.sns.send(
      new GetSubscriptionAttributesCommand({ SubscriptionArn: sub.SubscriptionArn! }),
    );
    expect(attributes.Attributes).toMatchObject({
      PendingConfirmation: 'false',
      RawMessageDelivery: 'true',
      Protocol: 'http',
    });
    await c.sns.send(new PublishCommand({ TopicArn: arn, Message: '{"raw":true}' }));
    await receivedCount(2, 'the raw notification');
    expect(receiver.requests[1]!.body).toBe('{"raw":true}');
    expect(receiver.requests[1]!.headers['x-amz-sns-rawdelivery']).toBe('true');
    await c.sns.send(new UnsubscribeCommand({ SubscriptionArn: sub.SubscriptionArn! }));
    await receivedCount(3, 'the UnsubscribeConfirmation');
    expect(receiver.requests[2]!.json!['Type']).toBe('UnsubscribeConfirmation');
    expect(receiver.requests[2]!.json!['Message']).toBe(
      `You have chosen to deactivate subscription ${sub.SubscriptionArn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`,
    );
    const topicAttributes = await c.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }));
    expect(topicAttributes.Attributes).toMatchObject({
      SubscriptionsConfirmed: '0',
      SubscriptionsDeleted: '1',
      SubscriptionsPending: '0',
    });
  });
});

describe('SQS and email subscriptions', () => {
  it('puts the signed envelope in the queue, or the raw message with its attributes', async () => {
    const arn = await topic('to-sqs');
    const queues: Record<string, { url: string; arn: string }> = {};
    for (const name of ['envelope', 'raw']) {
      const { QueueUrl } = await c.sqs.send(new CreateQueueCommand({ QueueName: name }));
      const attrs = await c.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
      );
      queues[name] = { url: QueueUrl!, arn: attrs.Attributes!['QueueArn']! };
    }
    const sub = await c.sns.send(
      new SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: queues['envelope']!.arn }),
    );
    expect(sub.SubscriptionArn).toMatch(/^arn:aws:sns:/); // same account: confirmed at once
    await c.sns.send(
      new SubscribeCommand({
        TopicArn: arn,
        Protocol: 'sqs',
        Endpoint: queues['raw']!.arn,
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    await c.sns.send(
      new PublishCommand({
        TopicArn: arn,
        Message: 'to the queues',
        MessageAttributes: { n: { DataType: 'Number', StringValue: '7' } },
      }),
    );
    const envelope = await c.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queues['envelope']!.url, WaitTimeSeconds: 1 }),
    );
    const body = JSON.parse(envelope.Messages![0]!.Body!) as Record<string, unknown>;
    expect(body).toMatchObject({
      Type: 'Notification',
      TopicArn: arn,
      Message: 'to the queues',
      SignatureVersion: '1',
    });
    expect(Object.keys(body)).toEqual([
      'Type',
      'MessageId',
      'TopicArn',
      'Message',
      'Timestamp',
      'SignatureVersion',
      'Signature',
      'SigningCertURL',
      'UnsubscribeURL',
      'MessageAttributes',
    ]);
    const raw = await c.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queues['raw']!.url,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    expect(raw.Messages![0]!.Body).toBe('to the queues');
    expect(raw.Messages![0]!.MessageAttributes).toEqual({ n: { DataType: 'Number', StringValue: '7' } });
  });

  it('sends email and email-json to the outbox after confirmation, and filters by policy', async () => {
    const arn = await topic('mail');
    await c.sns.send(
      new SubscribeCommand({ TopicArn: arn, Protocol: 'email', Endpoint: 'oncall@example.com' }),
    );
    const tokens = (await lab.control('GET', '/_lab/sns/subscription-tokens')).json as {
      subscriptions: { token: string }[];
    };
    await c.sns.send(
      new ConfirmSubscriptionCommand({ TopicArn: arn, Token: tokens.subscriptions[0]!.token }),
    );
    const jsonSub = await c.sns.send(
      new SubscribeCommand({
        TopicArn: arn,
        Protocol: 'email-json',
        Endpoint: 'robot@example.com',
        ReturnSubscriptionArn: true,
      }),
    );
    const tokens2 = (await lab.control('GET', '/_lab/sns/subscription-tokens')).json as {
      subscriptions: { token: string; subscriptionArn: string }[];
    };
    const token = tokens2.subscriptions.find((s) => s.subscriptionArn === jsonSub.SubscriptionArn)!.token;
    await c.sns.send(new ConfirmSubscriptionCommand({ TopicArn: arn, Token: token }));
    await c.sns.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn: jsonSub.SubscriptionArn!,
        AttributeName: 'FilterPolicy',
        AttributeValue: JSON.stringify({ severity: ['critical'] }),
      }),
    );
    await c.sns.send(
      new PublishCommand({
        TopicArn: arn,
        Subject: 'disk',
        Message: JSON.stringify({ default: 'plain', email: 'Dear on-call,\nthe disk is full.' }),
        MessageStructure: 'json',
        MessageAttributes: { severity: { DataType: 'String', StringValue: 'warning' } },
      }),
    );
    await c.sns.send(
      new PublishCommand({
        TopicArn: arn,
        Message: 'critical one',
        MessageAttributes: { severity: { DataType: 'String', StringValue: 'critical' } },
      }),
    );
    const { json } = await lab.control('GET', '/_lab/sns/messages');
    const out = json as {
      messages: { message: string }[];
      emails: { kind: string; protocol: string; to: string; subject: string; body: string }[];
    };
    expect(out.messages.map((m) => m.message)).toEqual([
      JSON.stringify({ default: 'plain', email: 'Dear on-call,\nthe disk is full.' }),
      'critical one',
    ]);
    const notifications = out.emails.filter((e) => e.kind === 'Notification');
    expect(notifications.map((e) => [e.protocol, e.to, e.subject])).toEqual([
      ['email', 'oncall@example.com', 'disk'],
      ['email', 'oncall@example.com', 'AWS Notification Message'],
      ['email-json', 'robot@example.com', 'AWS Notification Message'],
    ]);
    expect(
      notifications[0]!.body.startsWith(
        'Dear on-call,\nthe disk is full.\n\n--\nIf you wish to stop receiving notifications',
      ),
    ).toBe(true);
    expect(JSON.parse(notifications[2]!.body)).toMatchObject({
      Type: 'Notification',
      Message: 'critical one',
    });
  });
});
