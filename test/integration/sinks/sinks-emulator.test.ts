import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { OffsetClock } from '../../../harness/clock.ts';
import { createSqsSink, startHttpSink } from '../../../harness/sinks/index.ts';
import { emulatorForFile } from '../../support/lab-aws.ts';

const clock = new OffsetClock();
const lab = emulatorForFile(clock);

describe('sinks against the emulator’s SNS', () => {
  it('HTTP sink: confirms its subscription, then receives a verified notification', async () => {
    const sink = await startHttpSink({ clock, trustedOrigins: [lab.emulator.endpoint] });
    try {
      const topicArn = (await lab.aws.sns.send(new CreateTopicCommand({ Name: 'http-sink-test' }))).TopicArn!;
      await lab.aws.sns.send(
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
      await lab.aws.sns.send(
        new PublishCommand({ TopicArn: topicArn, Message: 'hello', Subject: 'greeting' }),
      );
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
    const queueUrl = (await lab.aws.sqs.send(new CreateQueueCommand({ QueueName: 'sqs-sink-test' })))
      .QueueUrl!;
    const queueArn = (
      await lab.aws.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
      )
    ).Attributes!['QueueArn']!;
    const topicArn = (await lab.aws.sns.send(new CreateTopicCommand({ Name: 'sqs-sink-test' }))).TopicArn!;
    await lab.aws.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn }));
    const sink = createSqsSink({
      sqs: lab.aws.sqs,
      queueName: 'sqs-sink-test',
      clock,
      trustedOrigins: [lab.emulator.endpoint],
      waitTimeSeconds: 1,
    });
    sink.start(queueUrl);
    try {
      await lab.aws.sns.send(
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
