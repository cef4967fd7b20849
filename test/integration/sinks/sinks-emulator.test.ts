import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, LOCAL_CREDENTIALS } from '../../../harness/aws/clients.ts';
import type { AwsClients } from '../../../harness/aws/clients.ts';
import { OffsetClock } from '../../../harness/clock.ts';
import { startEmulator } from '../../../harness/emulator/index.ts';
import type { RunningEmulator } from '../../../harness/emulator/index.ts';
import { createSqsSink, startHttpSink } from '../../../harness/sinks/index.ts';

let emulator: RunningEmulator;
let aws: AwsClients;
const clock = new OffsetClock();

beforeAll(async () => {
  emulator = await startEmulator({ clock });
  aws = createAwsClients({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: LOCAL_CREDENTIALS,
  });
});

afterAll(async () => {
  aws?.destroy();
  await emulator?.stop();
});

describe('sinks against the emulator’s SNS', () => {
  it('HTTP sink: confirms its subscription, then receives a verified notification', async () => {
    const sink = await startHttpSink({ clock, trustedOrigins: [emulator.endpoint] });
    try {
      const topicArn = (await aws.sns.send(new CreateTopicCommand({ Name: 'http-sink-test' }))).TopicArn!;
      await aws.sns.send(
        new SubscribeCommand({
          TopicArn: topicArn,
          Protocol: 'http',
          Endpoint: (sink.subscription as { endpoint: string }).endpoint,
        }),
      );
      const confirmed = await sink.waitFor(() => sink.confirmedTopics().has(topicArn) || undefined, {
        description: 'confirmation',
        timeoutMs: 10_000,
      });
      expect(confirmed.state).toBe('success');
      await aws.sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'hello', Subject: 'greeting' }));
      const got = await sink.waitFor((ms) => ms.find((m) => m.message === 'hello'), {
        description: 'hello',
        timeoutMs: 10_000,
      });
      expect(got.state === 'success' && got.value).toMatchObject({
        signatureVerified: true,
        subject: 'greeting',
        topicArn,
      });
    } finally {
      await sink.stop();
    }
  });

  it('SQS sink: reads the SNS envelope from the queue and verifies it', async () => {
    const queueUrl = (await aws.sqs.send(new CreateQueueCommand({ QueueName: 'sqs-sink-test' }))).QueueUrl!;
    const queueArn = (
      await aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes!['QueueArn']!;
    const topicArn = (await aws.sns.send(new CreateTopicCommand({ Name: 'sqs-sink-test' }))).TopicArn!;
    await aws.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn }));
    const sink = createSqsSink({
      sqs: aws.sqs,
      queueName: 'sqs-sink-test',
      clock,
      trustedOrigins: [emulator.endpoint],
      waitTimeSeconds: 1,
    });
    sink.start(queueUrl);
    try {
      await aws.sns.send(
        new PublishCommand({ TopicArn: topicArn, Message: '{"AlarmName":"x","NewStateValue":"ALARM"}' }),
      );
      const got = await sink.waitFor((ms) => ms[0], {
        description: 'queued notification',
        timeoutMs: 10_000,
      });
      expect(got.state === 'success' && got.value).toMatchObject({
        signatureVerified: true,
        alarm: { alarmName: 'x', newState: 'ALARM' },
      });
    } finally {
      await sink.stop();
    }
  });
});
