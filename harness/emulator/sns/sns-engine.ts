/**
 * SNS publishing and delivery (LocalStack's `sns/publisher.py` strategies, one per protocol):
 * Publish validates and records the message, then fans it out to the topic's confirmed
 * subscriptions whose filter policy matches:
 * - http/https: a signed JSON envelope (or the raw message) POSTed with AWS's headers, retried per
 *   the delivery policy on the emulator clock (`delivery/http-delivery.ts`);
 * - sqs: the same envelope (or the raw message, attributes as SQS message attributes) enqueued in
 *   process (`delivery/sqs-delivery.ts`);
 * - email / email-json: captured in the outbox (`GET /_lab/sns/messages`, `delivery/email.ts`).
 * Confirmation messages (SubscriptionConfirmation, UnsubscribeConfirmation) go the same ways.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { createLogger } from '../../util/logger.ts';
import type { StoreAccessor } from '../state/state-registry.ts';
import {
  CONFIRMATION_EMAIL_SUBJECT,
  DEFAULT_EMAIL_SUBJECT,
  confirmationEmailBody,
  notificationEmailBody,
} from './delivery/email.ts';
import { HttpDeliveries } from './delivery/http-delivery.ts';
import { deliverToQueue, rawQueueAttributes, type SqsDeliveryReceiver } from './delivery/sqs-delivery.ts';
import {
  confirmationEnvelope,
  formatEnvelope,
  notificationEnvelope,
  subscriptionConfirmationText,
  unsubscribeConfirmationText,
  type MessageAttributeValue,
  type Signer,
} from './envelope.ts';
import { invalidArn, invalidParameter, topicNotFound } from './errors.ts';
import { matchesFilterPolicy, type FilterPolicyScope } from './filter-policy.ts';
import type { SignatureVersion } from './message-signing.ts';
import type { SnsOutbox } from './outbox.ts';
import { validatePublish, type PublishedContent } from './publish-validation.ts';
import type { SigningService } from './signing-service.ts';
import { parseArn, type SnsRegionStore, type Subscription, type Topic } from './sns-store.ts';

const log = createLogger('lab:emulator:sns');

/** Confirmation tokens expire after three days (Subscribe API reference). */
export const TOKEN_VALIDITY_MS = 3 * 24 * 3600_000;
/** SNS's API version, which SubscribeURL and UnsubscribeURL name. */
const SNS_API_VERSION = '2010-03-31';

export interface PublishInput extends PublishedContent {
  readonly topicArn: string;
  readonly messageGroupId?: string | undefined;
  readonly messageDeduplicationId?: string | undefined;
}

export interface SnsEngineOptions {
  readonly clock: Clock;
  readonly stores: StoreAccessor<SnsRegionStore>;
  readonly signing: SigningService;
  readonly outbox: SnsOutbox;
  readonly sqs?: (() => SqsDeliveryReceiver | undefined) | undefined;
  /** Origin for SubscribeURL/UnsubscribeURL when a subscription has none recorded. */
  readonly defaultOrigin?: string | undefined;
  readonly httpTimeoutMs?: number | undefined;
  readonly verifyTls?: boolean | undefined;
}

/** One published message on its way to one subscription. */
interface Notification {
  readonly messageId: string;
  readonly subject: string | undefined;
  /** As this subscription's protocol receives it. */
  readonly message: string;
  readonly timestamp: string;
  readonly messageAttributes: Readonly<Record<string, MessageAttributeValue>> | undefined;
  readonly groupId: string | undefined;
  readonly deduplicationId: string | undefined;
}

export class SnsEngine {
  readonly #clock: Clock;
  readonly #stores: StoreAccessor<SnsRegionStore>;
  readonly #signing: SigningService;
  readonly #outbox: SnsOutbox;
  readonly #sqs: () => SqsDeliveryReceiver | undefined;
  readonly #http: HttpDeliveries;
  readonly #defaultOrigin: string;

  constructor(options: SnsEngineOptions) {
    this.#clock = options.clock;
    this.#stores = options.stores;
    this.#signing = options.signing;
    this.#outbox = options.outbox;
    this.#sqs = options.sqs ?? (() => undefined);
    this.#http = new HttpDeliveries({
      clock: options.clock,
      outbox: options.outbox,
      timeoutMs: options.httpTimeoutMs,
      verifyTls: options.verifyTls,
    });
    this.#defaultOrigin = options.defaultOrigin ?? 'http://127.0.0.1:4566';
  }

  get outbox(): SnsOutbox {
    return this.#outbox;
  }

  /** The topic an ARN names; throws InvalidParameter for a malformed ARN, NotFound when missing. */
  topic(topicArn: string, member = 'TopicArn'): Topic {
    if (parseArn(topicArn) === undefined) throw invalidArn(member, topicArn);
    const topic = this.findTopic(topicArn);
    if (topic === undefined) throw topicNotFound();
    return topic;
  }

  /** The topic an ARN names, if it exists. */
  findTopic(topicArn: string): Topic | undefined {
    const arn = parseArn(topicArn);
    return arn === undefined ? undefined : this.#stores.peek(arn)?.topics.get(topicArn);
  }

  /** Subscriptions of a topic, in creation order. */
  subscriptionsOf(topic: Topic): Subscription[] {
    const store = this.#stores.peek(topic);
    if (store === undefined) return [];
    return [...store.subscriptions.values()].filter((s) => s.topicArn === topic.arn);
  }

  async publish(input: PublishInput): Promise<{ messageId: string; sequenceNumber?: string }> {
    const topic = this.topic(input.topicArn);
    const messageFor = validatePublish(input);
    const fifo = topic.attributes['FifoTopic'] === 'true';
    if (fifo && input.messageGroupId === undefined) {
      throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
    }
    if (!fifo && input.messageDeduplicationId !== undefined) {
      throw invalidParameter(
        'MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type',
      );
    }
    const messageId = randomUUID();
    const timestamp = new Date(this.#clock.now()).toISOString();
    this.#outbox.recordMessage({
      messageId,
      topicArn: topic.arn,
      accountId: topic.accountId,
      region: topic.region,
      subject: input.subject,
      message: input.message!,
      messageStructure: input.messageStructure,
      messageAttributes: input.messageAttributes,
      messageGroupId: input.messageGroupId,
      timestamp,
    });
    const signer = await this.#signer(topic);
    for (const sub of this.subscriptionsOf(topic)) {
      if (sub.pendingConfirmation) continue;
      const message = messageFor(sub.protocol);
      if (!this.#passesFilter(sub, message, input.messageAttributes)) continue;
      try {
        this.#deliverNotification(topic, sub, signer, {
          messageId,
          subject: input.subject,
          message,
          timestamp,
          messageAttributes: input.messageAttributes,
          groupId: input.messageGroupId,
          deduplicationId: input.messageDeduplicationId,
        });
      } catch (error) {
        log(`delivery to ${sub.arn} failed`, error);
      }
    }
    return { messageId };
  }

  /** Sends the SubscriptionConfirmation of a pending subscription (HTTP/S, email, cross-account SQS). */
  async sendSubscriptionConfirmation(sub: Subscription): Promise<void> {
    const topic = this.topic(sub.topicArn);
    sub.token ??= confirmationToken();
    sub.tokenExpiresAt = this.#clock.now() + TOKEN_VALIDITY_MS;
    const subscribeUrl = this.#url(sub, {
      Action: 'ConfirmSubscription',
      TopicArn: topic.arn,
      Token: sub.token,
    });
    await this.#sendConfirmation(
      topic,
      sub,
      'SubscriptionConfirmation',
      subscriptionConfirmationText(topic.arn),
      subscribeUrl,
      sub.token,
    );
  }

  /** Sends the UnsubscribeConfirmation after an HTTP/S subscription was removed. */
  async sendUnsubscribeConfirmation(sub: Subscription): Promise<void> {
    const topic = this.findTopic(sub.topicArn);
    if (topic === undefined || (sub.protocol !== 'http' && sub.protocol !== 'https')) return;
    const token = sub.token ?? confirmationToken();
    const subscribeUrl = this.#url(sub, { Action: 'ConfirmSubscription', TopicArn: topic.arn, Token: token });
    await this.#sendConfirmation(
      topic,
      sub,
      'UnsubscribeConfirmation',
      unsubscribeConfirmationText(sub.arn),
      subscribeUrl,
      token,
    );
  }

  /** Resolves once every delivery attempt started so far has finished (retries scheduled later excluded). */
  settled(): Promise<void> {
    return this.#http.settled();
  }

  /** Cancels scheduled retries and aborts requests in flight. */
  stop(): void {
    this.#http.stop();
  }

  /** Cancels retries and empties the outbox (POST /_lab/reset) but keeps the engine usable. */
  reset(): void {
    this.#http.cancelAll();
    this.#outbox.clear();
  }

  async #signer(topic: Topic): Promise<Signer> {
    return {
      key: this.#signing.identity.privateKey,
      certUrl: await this.#signing.certUrl(),
      version: (topic.attributes['SignatureVersion'] === '2' ? '2' : '1') as SignatureVersion,
    };
  }

  #url(sub: Subscription, params: Record<string, string>): string {
    const query = new URLSearchParams({ ...params, Version: SNS_API_VERSION }).toString();
    return `${sub.origin !== '' ? sub.origin : this.#defaultOrigin}/?${query}`;
  }

  #unsubscribeUrl(sub: Subscription): string {
    return this.#url(sub, { Action: 'Unsubscribe', SubscriptionArn: sub.arn });
  }

  #passesFilter(
    sub: Subscription,
    message: string,
    attributes: Readonly<Record<string, MessageAttributeValue>> | undefined,
  ): boolean {
    const policy = sub.attributes['FilterPolicy'];
    if (policy === undefined || policy === '') return true;
    const scope = (sub.attributes['FilterPolicyScope'] ?? 'MessageAttributes') as FilterPolicyScope;
    try {
      return matchesFilterPolicy(policy, scope, message, attributes);
    } catch (error) {
      log(`filter policy of ${sub.arn} failed`, error);
      return false;
    }
  }

  #deliverNotification(topic: Topic, sub: Subscription, signer: Signer, n: Notification): void {
    const raw = sub.attributes['RawMessageDelivery'] === 'true';
    const envelope = (): string =>
      formatEnvelope(
        notificationEnvelope(
          {
            messageId: n.messageId,
            topicArn: topic.arn,
            subject: n.subject,
            message: n.message,
            timestamp: n.timestamp,
            unsubscribeUrl: this.#unsubscribeUrl(sub),
            messageAttributes: n.messageAttributes,
          },
          signer,
        ),
      );
    switch (sub.protocol) {
      case 'http':
      case 'https': {
        const headers: Record<string, string> = {
          'x-amz-sns-message-type': 'Notification',
          'x-amz-sns-message-id': n.messageId,
          'x-amz-sns-topic-arn': topic.arn,
          'x-amz-sns-subscription-arn': sub.arn,
          ...(raw ? { 'x-amz-sns-rawdelivery': 'true' } : {}),
        };
        this.#http.deliver(topic, sub, 'Notification', n.messageId, headers, raw ? n.message : envelope());
        return;
      }
      case 'sqs':
        deliverToQueue(this.#sqs(), this.#outbox, this.#clock, topic, sub, {
          type: 'Notification',
          messageId: n.messageId,
          body: raw ? n.message : envelope(),
          attributes: raw ? rawQueueAttributes(n.messageAttributes) : {},
          groupId: n.groupId,
          deduplicationId: n.deduplicationId,
        });
        return;
      case 'email':
      case 'email-json':
        this.#outbox.recordEmail({
          kind: 'Notification',
          protocol: sub.protocol,
          to: sub.endpoint,
          subject: n.subject ?? topic.attributes['DisplayName'] ?? DEFAULT_EMAIL_SUBJECT,
          body:
            sub.protocol === 'email'
              ? notificationEmailBody(n.message, this.#unsubscribeUrl(sub))
              : envelope(),
          topicArn: topic.arn,
          subscriptionArn: sub.arn,
          messageId: n.messageId,
          timestamp: n.timestamp,
        });
        return;
    }
  }

  async #sendConfirmation(
    topic: Topic,
    sub: Subscription,
    type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation',
    text: string,
    subscribeUrl: string,
    token: string,
  ): Promise<void> {
    const signer = await this.#signer(topic);
    const messageId = randomUUID();
    const timestamp = new Date(this.#clock.now()).toISOString();
    const body = formatEnvelope(
      confirmationEnvelope(
        { type, messageId, token, topicArn: topic.arn, message: text, subscribeUrl, timestamp },
        signer,
      ),
    );
    switch (sub.protocol) {
      case 'http':
      case 'https': {
        // AWS sends no subscription ARN header with the SubscriptionConfirmation (recorded at AWS).
        const headers: Record<string, string> = {
          'x-amz-sns-message-type': type,
          'x-amz-sns-message-id': messageId,
          'x-amz-sns-topic-arn': topic.arn,
          ...(type === 'UnsubscribeConfirmation' ? { 'x-amz-sns-subscription-arn': sub.arn } : {}),
        };
        this.#http.deliver(topic, sub, type, messageId, headers, body);
        return;
      }
      case 'sqs':
        deliverToQueue(this.#sqs(), this.#outbox, this.#clock, topic, sub, { type, messageId, body });
        return;
      case 'email':
      case 'email-json':
        this.#outbox.recordEmail({
          kind: type,
          protocol: sub.protocol,
          to: sub.endpoint,
          subject: CONFIRMATION_EMAIL_SUBJECT,
          body: sub.protocol === 'email-json' ? body : confirmationEmailBody(topic.arn, subscribeUrl),
          topicArn: topic.arn,
          subscriptionArn: sub.arn,
          messageId,
          timestamp,
        });
        return;
    }
  }
}

/** 288 hex characters, as AWS's confirmation tokens. */
function confirmationToken(): string {
  return randomBytes(144).toString('hex');
}
