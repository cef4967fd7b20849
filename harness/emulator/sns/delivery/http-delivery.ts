/**
 * HTTP/HTTPS deliveries (SNS developer guide "Amazon SNS message delivery retries"): the first
 * attempt at once, failures retried per the subscription's effective delivery policy on the
 * emulator clock, every attempt recorded in the outbox. A 2xx delivers; another status below 500
 * ends the delivery without retries; a 5xx, a timeout or a connection failure is retried.
 */
import type { CancelTimer, Clock } from '../../../clock.ts';
import { createLogger } from '../../../util/logger.ts';
import { effectiveHttpPolicy, retryDelaySeconds } from '../delivery-policy.ts';
import type { DeliveryAttempt, SnsOutbox } from '../outbox.ts';
import type { Subscription, Topic } from '../sns-store.ts';
import { postMessage } from './http-post.ts';

const log = createLogger('lab:emulator:sns');

const USER_AGENT = 'Amazon Simple Notification Service Agent';

interface PendingDelivery {
  readonly controller: AbortController;
  cancelTimer: CancelTimer | undefined;
}

export interface HttpDeliveriesOptions {
  readonly clock: Clock;
  readonly outbox: SnsOutbox;
  readonly timeoutMs?: number | undefined;
  /** Verify https endpoints' certificates (off: local endpoints are self-signed). */
  readonly verifyTls?: boolean | undefined;
}

export class HttpDeliveries {
  readonly #options: HttpDeliveriesOptions;
  /** Attempts whose request is in flight. */
  readonly #inFlight = new Set<Promise<void>>();
  /** Deliveries not finished: in flight or waiting for a retry. */
  readonly #pending = new Set<PendingDelivery>();
  #stopped = false;

  constructor(options: HttpDeliveriesOptions) {
    this.#options = options;
  }

  /** POSTs `body` with SNS's headers plus `headers`; retries failures per the delivery policy. */
  deliver(
    topic: Topic,
    sub: Subscription,
    type: DeliveryAttempt['messageType'],
    messageId: string,
    headers: Record<string, string>,
    body: string,
  ): void {
    const { clock, outbox } = this.#options;
    const policy = effectiveHttpPolicy(topic.attributes['DeliveryPolicy'], sub.attributes['DeliveryPolicy']);
    const fullHeaders = {
      ...headers,
      'content-type': policy.headerContentType,
      'user-agent': USER_AGENT,
      'accept-encoding': 'gzip,deflate',
    };
    const pending: PendingDelivery = { controller: new AbortController(), cancelTimer: undefined };
    this.#pending.add(pending);
    const attempt = (n: number): void => {
      if (this.#stopped || pending.controller.signal.aborted) return;
      const run = postMessage(sub.endpoint, fullHeaders, body, {
        timeoutMs: this.#options.timeoutMs,
        verifyTls: this.#options.verifyTls === true,
        signal: pending.controller.signal,
      }).then((outcome) => {
        if (pending.controller.signal.aborted) return;
        const retryIn = outcome.kind === 'failed' ? retryDelaySeconds(policy.retry, n) : undefined;
        outbox.recordDelivery({
          messageId,
          messageType: type,
          topicArn: topic.arn,
          subscriptionArn: sub.arn,
          protocol: sub.protocol,
          endpoint: sub.endpoint,
          attempt: n,
          timestamp: new Date(clock.now()).toISOString(),
          outcome:
            outcome.kind === 'delivered'
              ? 'delivered'
              : outcome.kind === 'rejected' || retryIn === undefined
                ? 'dropped'
                : 'failed',
          statusCode: outcome.statusCode,
          error: outcome.kind === 'failed' ? outcome.error : undefined,
        });
        if (retryIn === undefined) {
          this.#pending.delete(pending);
          return;
        }
        log(`delivery ${messageId} to ${sub.endpoint} failed (attempt ${n}); retry in ${retryIn} s`);
        pending.cancelTimer = clock.setTimer(retryIn * 1000, () => attempt(n + 1));
      });
      this.#inFlight.add(run);
      void run.finally(() => this.#inFlight.delete(run));
    };
    attempt(1);
  }

  /** Resolves once every attempt started so far has finished (retries scheduled later excluded). */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  /** Cancels scheduled retries and aborts requests in flight. */
  cancelAll(): void {
    for (const pending of this.#pending) {
      pending.cancelTimer?.();
      pending.controller.abort();
    }
    this.#pending.clear();
  }

  /** Cancels everything and refuses new attempts. */
  stop(): void {
    this.#stopped = true;
    this.cancelAll();
  }
}
