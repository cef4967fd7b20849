import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import { createLogger } from '../util/logger.ts';
import { parseEnvelope } from './sns-message.ts';
import { SignatureVerifier } from './sns-signature.ts';
import { SinkInbox } from './sink.ts';
import type { Sink } from './sink.ts';

const log = createLogger('lab:sinks:sqs');

/** ReceiveMessage: WaitTimeSeconds 0..20, MaxNumberOfMessages 1..10 (SQS API reference). */
const LONG_POLL_SECONDS = 20;
const MAX_MESSAGES = 10;

export interface SqsSinkOptions {
  readonly sqs: SQSClient;
  /** The queue provisioning creates; its URL is known only then, so polling waits for `start(queueUrl)`. */
  readonly queueName: string;
  readonly clock: Clock;
  readonly verifier?: SignatureVerifier;
  readonly trustedOrigins?: readonly string[];
  /** Long-poll wait; shorter in tests against the emulator. */
  readonly waitTimeSeconds?: number;
}

export interface SqsSink extends Sink {
  /** Starts polling the queue provisioning created (its URL is known only then). */
  start(queueUrl: string): void;
}

/**
 * An SQS subscriber for LocalStack and AWS: long-polls the queue the topics deliver to, verifies the
 * SNS envelope's signature, keeps what arrived and deletes it from the queue.
 */
export function createSqsSink(options: SqsSinkOptions): SqsSink {
  const verifier =
    options.verifier ?? new SignatureVerifier({ trustedOrigins: options.trustedOrigins ?? [] });
  const inbox = new SinkInbox(options.clock, verifier);
  const controller = new AbortController();
  let loop: Promise<void> | undefined;

  async function poll(queueUrl: string): Promise<void> {
    while (!controller.signal.aborted) {
      try {
        const result = await options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: MAX_MESSAGES,
            WaitTimeSeconds: options.waitTimeSeconds ?? LONG_POLL_SECONDS,
          }),
          { abortSignal: controller.signal },
        );
        const receivedWallMs = systemClock.now();
        const done: Array<{ Id: string; ReceiptHandle: string }> = [];
        for (const [i, m] of (result.Messages ?? []).entries()) {
          const parsed = parseEnvelope(m.Body ?? '');
          if (!parsed.ok) {
            inbox.noteRejected();
            log(`rejected a queue message: ${parsed.reason}`);
          } else if (parsed.envelope.Type === 'Notification') {
            await inbox.acceptNotification(parsed.envelope, receivedWallMs);
            inbox.confirmed.add(parsed.envelope.TopicArn);
          }
          if (m.ReceiptHandle) done.push({ Id: String(i), ReceiptHandle: m.ReceiptHandle });
        }
        if (done.length > 0) {
          await options.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done }), {
            abortSignal: controller.signal,
          });
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        log(`polling ${queueUrl} failed: ${(error as Error).message}; retrying`);
        await options.clock.sleep(1000).catch(() => undefined);
      }
    }
  }

  return {
    kind: 'sqs',
    subscription: { protocol: 'sqs', queueName: options.queueName },
    start(queueUrl) {
      loop ??= poll(queueUrl);
    },
    messages: () => inbox.messages(),
    stats: () => inbox.stats(),
    confirmedTopics: () => inbox.confirmed,
    waitFor: (check, waitOptions) => inbox.waitFor(check, waitOptions),
    async stop() {
      controller.abort();
      await loop?.catch(() => undefined);
    },
  };
}
