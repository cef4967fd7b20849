import type { Clock } from '../clock.ts';
import { pollUntil } from '../util/wait-for.ts';
import type { WaitOutcome } from '../util/wait-for.ts';
import type { SubscriptionSpec } from '../aws/index.ts';
import { parseAlarmMessage } from './sns-message.ts';
import type { AlarmMessage, SnsEnvelope } from './sns-message.ts';
import type { SignatureVerifier } from './sns-signature.ts';

/** A message the sink accepted, with when it arrived on both clocks and whether its signature held. */
export interface SinkMessage {
  readonly messageId: string;
  readonly topicArn: string;
  readonly subject?: string;
  readonly message: string;
  readonly timestamp: string;
  readonly signatureVerified: boolean;
  readonly signatureError?: string;
  /** Parsed when the message is a CloudWatch alarm notification. */
  readonly alarm?: AlarmMessage;
  readonly received: { readonly wallMs: number; readonly labMs: number };
}

export interface SinkStats {
  readonly notifications: number;
  readonly confirmations: number;
  /** Deliveries refused: bad body, bad signature, unknown type. */
  readonly rejected: number;
  readonly duplicates: number;
}

/** An SNS subscriber the runner asserts on. */
export interface Sink {
  readonly kind: 'http' | 'sqs';
  /** How provisioning subscribes it to the topics. */
  readonly subscription: SubscriptionSpec;
  /** Every notification received so far, in arrival order. */
  messages(): readonly SinkMessage[];
  stats(): SinkStats;
  /** Topics whose subscription this sink has confirmed (HTTP) or that deliver to it (SQS). */
  confirmedTopics(): ReadonlySet<string>;
  waitFor<T>(
    check: (messages: readonly SinkMessage[]) => T | undefined | false,
    options: { description: string; timeoutMs: number; signal?: AbortSignal },
  ): Promise<WaitOutcome<T>>;
  stop(): Promise<void>;
}

/** Storage and bookkeeping shared by the HTTP and SQS sinks. */
export class SinkInbox {
  readonly #messages: SinkMessage[] = [];
  readonly #ids = new Set<string>();
  readonly confirmed = new Set<string>();
  #confirmations = 0;
  #rejected = 0;
  #duplicates = 0;

  constructor(
    private readonly clock: Clock,
    private readonly verifier: SignatureVerifier,
  ) {}

  /** Verifies and stores a notification; SNS retries reuse the MessageId, so duplicates are counted once. */
  async acceptNotification(envelope: SnsEnvelope, receivedWallMs: number): Promise<SinkMessage | undefined> {
    const received = { wallMs: receivedWallMs, labMs: this.clock.now() };
    const outcome = await this.verifier.verify(envelope);
    if (this.#ids.has(envelope.MessageId)) {
      this.#duplicates++;
      return undefined;
    }
    this.#ids.add(envelope.MessageId);
    const alarm = parseAlarmMessage(envelope.Message);
    const message: SinkMessage = {
      messageId: envelope.MessageId,
      topicArn: envelope.TopicArn,
      ...(envelope.Subject !== undefined ? { subject: envelope.Subject } : {}),
      message: envelope.Message,
      timestamp: envelope.Timestamp,
      signatureVerified: outcome.ok,
      ...(outcome.ok ? {} : { signatureError: outcome.reason }),
      ...(alarm ? { alarm } : {}),
      received,
    };
    this.#messages.push(message);
    return message;
  }

  noteConfirmed(topicArn: string): void {
    this.#confirmations++;
    this.confirmed.add(topicArn);
  }

  noteRejected(): void {
    this.#rejected++;
  }

  messages(): readonly SinkMessage[] {
    return this.#messages;
  }

  stats(): SinkStats {
    return {
      notifications: this.#messages.length,
      confirmations: this.#confirmations,
      rejected: this.#rejected,
      duplicates: this.#duplicates,
    };
  }

  waitFor<T>(
    check: (messages: readonly SinkMessage[]) => T | undefined | false,
    options: { description: string; timeoutMs: number; signal?: AbortSignal },
  ): Promise<WaitOutcome<T>> {
    return pollUntil(() => check(this.#messages), { ...options, intervalMs: 20 });
  }
}
