/**
 * SNS publishing and delivery (LocalStack's `sns/publisher.py` strategies, one per protocol):
 * Publish validates and records the message, then fans it out to the topic's confirmed
 * subscriptions whose filter policy matches:
 * - http/https: a signed JSON envelope (or the raw message) POSTed with AWS's headers, retried per
 *   the delivery policy on the emulator clock;
 * - sqs: the same envelope (or the raw message, attributes as SQS message attributes) enqueued in
 *   process;
 * - email / email-json: captured in the outbox (`GET /_lab/sns/messages`).
 * Confirmation messages (SubscriptionConfirmation, UnsubscribeConfirmation) go the same ways.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CancelTimer, Clock } from '../../clock.ts';
import { createLogger } from '../../util/logger.ts';
import { attributeBaseType, isNumberText, isValidAttributeName } from '../shared/message-attributes.ts';
import type { SqsMessageAttributeValue } from '../sqs/md5.ts';
import { effectiveHttpPolicy, retryDelaySeconds } from './delivery-policy.ts';
import { postMessage, type PostOutcome } from './delivery/http-post.ts';
import {
  confirmationEnvelope,
  formatEnvelope,
  notificationEnvelope,
  subscriptionConfirmationText,
  unsubscribeConfirmationText,
  type MessageAttributeValue,
  type Signer,
} from './envelope.ts';
import { invalidArn, invalidParameter, parameterValueInvalid, topicNotFound } from './errors.ts';
import { matchesFilterPolicy, type FilterPolicyScope } from './filter-policy.ts';
import type { SignatureVersion } from './message-signing.ts';
import type { DeliveryAttempt, SnsOutbox } from './outbox.ts';
import type { SigningService } from './signing-service.ts';
import type { StoreAccessor } from '../state/state-registry.ts';
import { parseArn, type SnsRegionStore, type Subscription, type Topic } from './sns-store.ts';

const log = createLogger('lab:emulator:sns');

/** Publish: "Messages must be UTF-8 encoded strings and at most 256 KB in size" (botocore Publish). */
export const MAX_MESSAGE_BYTES = 262_144;
/** Subject: "must be ASCII text that begins with a letter, number, or punctuation mark; must not include line breaks or control characters; and must be less than 100 characters long". */
export const MAX_SUBJECT_LENGTH = 99;
/** "You can use up to 10 message attributes" is SQS's limit; SNS allows more, SQS deliveries keep 10. */
const MAX_SNS_MESSAGE_ATTRIBUTES = 10;
/** Confirmation tokens expire after three days (Subscribe API reference). */
export const TOKEN_VALIDITY_MS = 3 * 24 * 3600_000;
const USER_AGENT = 'Amazon Simple Notification Service Agent';
const SQS_SENDER_ID = 'AIDAIT2UOQQY3AUEKVGXU';

/** What SNS needs from SQS (in process). */
export interface SqsDeliveryTarget {
  /** Enqueues a message into the queue named by `queueArn`; returns an error text when it cannot. */
  deliverFromSns(
    queueArn: string,
    body: string,
    messageAttributes: Record<string, SqsMessageAttributeValue>,
    options: { senderId: string; groupId?: string | undefined; deduplicationId?: string | undefined },
  ): { ok: true } | { ok: false; error: string };
}

export interface PublishInput {
  readonly topicArn: string;
  readonly message: string | undefined;
  readonly subject?: string | undefined;
  readonly messageStructure?: string | undefined;
  readonly messageAttributes?: Readonly<Record<string, MessageAttributeValue>> | undefined;
  readonly messageGroupId?: string | undefined;
  readonly messageDeduplicationId?: string | undefined;
}

export interface SnsEngineOptions {
  readonly clock: Clock;
  readonly stores: StoreAccessor<SnsRegionStore>;
  readonly signing: SigningService;
  readonly outbox: SnsOutbox;
  readonly sqs?: (() => SqsDeliveryTarget | undefined) | undefined;
  /** Origin for SubscribeURL/UnsubscribeURL when a subscription has none recorded. */
  readonly defaultOrigin?: string | undefined;
  readonly httpTimeoutMs?: number | undefined;
  readonly verifyTls?: boolean | undefined;
}

interface PendingHttp {
  readonly controller: AbortController;
  cancelTimer: CancelTimer | undefined;
}

export class SnsEngine {
  readonly #clock: Clock;
  readonly #stores: StoreAccessor<SnsRegionStore>;
  readonly #signing: SigningService;
  readonly #outbox: SnsOutbox;
  readonly #sqs: () => SqsDeliveryTarget | undefined;
  readonly #httpTimeoutMs: number | undefined;
  readonly #verifyTls: boolean;
  #defaultOrigin: string;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #pending = new Set<PendingHttp>();
  #stopped = false;

  constructor(options: SnsEngineOptions) {
    this.#clock = options.clock;
    this.#stores = options.stores;
    this.#signing = options.signing;
    this.#outbox = options.outbox;
    this.#sqs = options.sqs ?? (() => undefined);
    this.#httpTimeoutMs = options.httpTimeoutMs;
    this.#verifyTls = options.verifyTls ?? false;
    this.#defaultOrigin = options.defaultOrigin ?? 'http://127.0.0.1:4566';
  }

  get outbox(): SnsOutbox {
    return this.#outbox;
  }

  setDefaultOrigin(origin: string): void {
    this.#defaultOrigin = origin;
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
    const message = validateMessage(input);
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
    const now = this.#clock.now();
    const timestamp = new Date(now).toISOString();
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
      if (!this.#passesFilter(sub, message.forProtocol(sub.protocol), input.messageAttributes)) continue;
      try {
        this.#deliverNotification(topic, sub, signer, {
          messageId,
          subject: input.subject,
          message: message.forProtocol(sub.protocol),
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
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  /** Cancels scheduled retries and aborts requests in flight. */
  stop(): void {
    this.#stopped = true;
    for (const p of this.#pending) {
      p.cancelTimer?.();
      p.controller.abort();
    }
    this.#pending.clear();
  }

  /** Cancels retries (POST /_lab/reset) but keeps the engine usable. */
  reset(): void {
    for (const p of this.#pending) {
      p.cancelTimer?.();
      p.controller.abort();
    }
    this.#pending.clear();
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
    const query = new URLSearchParams({ ...params, Version: '2010-03-31' }).toString();
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

  #deliverNotification(
    topic: Topic,
    sub: Subscription,
    signer: Signer,
    m: {
      messageId: string;
      subject: string | undefined;
      message: string;
      timestamp: string;
      messageAttributes: Readonly<Record<string, MessageAttributeValue>> | undefined;
      groupId: string | undefined;
      deduplicationId: string | undefined;
    },
  ): void {
    const raw = sub.attributes['RawMessageDelivery'] === 'true';
    const envelope = (): string =>
      formatEnvelope(
        notificationEnvelope(
          {
            messageId: m.messageId,
            topicArn: topic.arn,
            subject: m.subject,
            message: m.message,
            timestamp: m.timestamp,
            unsubscribeUrl: this.#unsubscribeUrl(sub),
            messageAttributes: m.messageAttributes,
          },
          signer,
        ),
      );
    switch (sub.protocol) {
      case 'http':
      case 'https': {
        const headers: Record<string, string> = {
          'x-amz-sns-message-type': 'Notification',
          'x-amz-sns-message-id': m.messageId,
          'x-amz-sns-topic-arn': topic.arn,
          'x-amz-sns-subscription-arn': sub.arn,
          ...(raw ? { 'x-amz-sns-rawdelivery': 'true' } : {}),
        };
        this.#httpDelivery(topic, sub, 'Notification', m.messageId, headers, raw ? m.message : envelope());
        return;
      }
      case 'sqs': {
        const attributes: Record<string, SqsMessageAttributeValue> = {};
        if (raw) {
          for (const [name, value] of Object.entries(m.messageAttributes ?? {}).slice(
            0,
            MAX_SNS_MESSAGE_ATTRIBUTES,
          )) {
            attributes[name] = {
              DataType: value.DataType,
              StringValue: value.StringValue,
              BinaryValue: value.BinaryValue,
            };
          }
        }
        this.#sqsDelivery(
          topic,
          sub,
          'Notification',
          m.messageId,
          raw ? m.message : envelope(),
          attributes,
          m.groupId,
          m.deduplicationId,
        );
        return;
      }
      case 'email':
        this.#outbox.recordEmail({
          kind: 'Notification',
          protocol: 'email',
          to: sub.endpoint,
          subject: m.subject ?? topic.attributes['DisplayName'] ?? 'AWS Notification Message',
          body: `${m.message}${emailFooter(this.#unsubscribeUrl(sub))}`,
          topicArn: topic.arn,
          subscriptionArn: sub.arn,
          messageId: m.messageId,
          timestamp: m.timestamp,
        });
        return;
      case 'email-json':
        this.#outbox.recordEmail({
          kind: 'Notification',
          protocol: 'email-json',
          to: sub.endpoint,
          subject: m.subject ?? topic.attributes['DisplayName'] ?? 'AWS Notification Message',
          body: envelope(),
          topicArn: topic.arn,
          subscriptionArn: sub.arn,
          messageId: m.messageId,
          timestamp: m.timestamp,
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
    token: string = sub.token!,
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
        this.#httpDelivery(topic, sub, type, messageId, headers, body);
        return;
      }
      case 'sqs':
        this.#sqsDelivery(topic, sub, type, messageId, body, {}, undefined, undefined);
        return;
      case 'email':
      case 'email-json':
        this.#outbox.recordEmail({
          kind: type,
          protocol: sub.protocol,
          to: sub.endpoint,
          subject: 'AWS Notification - Subscription Confirmation',
          body:
            sub.protocol === 'email-json'
              ? body
              : `You have chosen to subscribe to the topic: \n${topic.arn}\n\nTo confirm this subscription, click or visit the link below (If this was in error no action is necessary): \n${subscribeUrl}\n\nPlease do not reply directly to this email. If you wish to remove yourself from receiving all future SNS subscription confirmation requests please send an email to sns-opt-out`,
          topicArn: topic.arn,
          subscriptionArn: sub.arn,
          messageId,
          timestamp,
        });
        return;
    }
  }

  #sqsDelivery(
    topic: Topic,
    sub: Subscription,
    type: DeliveryAttempt['messageType'],
    messageId: string,
    body: string,
    attributes: Record<string, SqsMessageAttributeValue>,
    groupId: string | undefined,
    deduplicationId: string | undefined,
  ): void {
    const target = this.#sqs();
    const result =
      target === undefined
        ? { ok: false as const, error: 'no SQS service in this emulator' }
        : target.deliverFromSns(sub.endpoint, body, attributes, {
            senderId: SQS_SENDER_ID,
            groupId,
            deduplicationId: deduplicationId ?? (groupId !== undefined ? messageId : undefined),
          });
    this.#outbox.recordDelivery({
      messageId,
      messageType: type,
      topicArn: topic.arn,
      subscriptionArn: sub.arn,
      protocol: sub.protocol,
      endpoint: sub.endpoint,
      attempt: 1,
      timestamp: new Date(this.#clock.now()).toISOString(),
      outcome: result.ok ? 'delivered' : 'failed',
      error: result.ok ? undefined : result.error,
    });
  }

  /** First attempt now; failures retried per the delivery policy on the emulator clock. */
  #httpDelivery(
    topic: Topic,
    sub: Subscription,
    type: DeliveryAttempt['messageType'],
    messageId: string,
    headers: Record<string, string>,
    body: string,
  ): void {
    const policy = effectiveHttpPolicy(topic.attributes['DeliveryPolicy'], sub.attributes['DeliveryPolicy']);
    const fullHeaders = {
      ...headers,
      'content-type': policy.headerContentType,
      'user-agent': USER_AGENT,
      'accept-encoding': 'gzip,deflate',
    };
    const pending: PendingHttp = { controller: new AbortController(), cancelTimer: undefined };
    this.#pending.add(pending);
    const attempt = (n: number): void => {
      if (this.#stopped || pending.controller.signal.aborted) return;
      const run = postMessage(sub.endpoint, fullHeaders, body, {
        timeoutMs: this.#httpTimeoutMs,
        verifyTls: this.#verifyTls,
        signal: pending.controller.signal,
      }).then((outcome: PostOutcome) => {
        if (pending.controller.signal.aborted) return;
        const retryIn = outcome.kind === 'failed' ? retryDelaySeconds(policy.retry, n) : undefined;
        this.#outbox.recordDelivery({
          messageId,
          messageType: type,
          topicArn: topic.arn,
          subscriptionArn: sub.arn,
          protocol: sub.protocol,
          endpoint: sub.endpoint,
          attempt: n,
          timestamp: new Date(this.#clock.now()).toISOString(),
          outcome:
            outcome.kind === 'delivered'
              ? 'delivered'
              : outcome.kind === 'rejected' || retryIn === undefined
                ? 'dropped'
                : 'failed',
          statusCode: outcome.kind === 'failed' ? outcome.statusCode : outcome.statusCode,
          error: outcome.kind === 'failed' ? outcome.error : undefined,
        });
        if (retryIn === undefined) {
          this.#pending.delete(pending);
          return;
        }
        log(`delivery ${messageId} to ${sub.endpoint} failed (attempt ${n}); retry in ${retryIn} s`);
        pending.cancelTimer = this.#clock.setTimer(retryIn * 1000, () => attempt(n + 1));
      });
      this.#inFlight.add(run);
      void run.finally(() => this.#inFlight.delete(run));
    };
    attempt(1);
  }
}

/** The message as one protocol sees it: MessageStructure=json picks the protocol's key or `default`. */
interface ResolvedMessage {
  forProtocol(protocol: string): string;
}

function validateMessage(input: PublishInput): ResolvedMessage {
  const message = input.message;
  if (message === undefined || message === '') throw invalidParameter('Empty message');
  if (Buffer.byteLength(message, 'utf8') > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
  if (input.subject !== undefined) {
    const s = input.subject;
    if (s === '' || s.length > MAX_SUBJECT_LENGTH || /[^\u0020-\u007e]/.test(s) || /^\s/.test(s)) {
      throw invalidParameter('Subject');
    }
  }
  validateAttributes(input.messageAttributes);
  if (input.messageStructure === undefined || input.messageStructure === '')
    return { forProtocol: () => message };
  if (input.messageStructure !== 'json') throw invalidParameter('MessageStructure');
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  const variants = parsed as Record<string, unknown>;
  if (typeof variants['default'] !== 'string')
    throw invalidParameter('Message Structure - No default entry in JSON message body');
  return {
    forProtocol: (protocol) => {
      const v = variants[protocol];
      return typeof v === 'string' ? v : (variants['default'] as string);
    },
  };
}

function validateAttributes(attributes: Readonly<Record<string, MessageAttributeValue>> | undefined): void {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (!isValidAttributeName(name)) throw parameterValueInvalid(`Invalid attribute name: ${name}`);
    const base = attributeBaseType(value.DataType);
    if (base === undefined) {
      throw parameterValueInvalid(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    if (base === 'Binary' ? (value.BinaryValue ?? '') === '' : (value.StringValue ?? '') === '') {
      throw parameterValueInvalid(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`,
      );
    }
    if (base === 'Number' && !isNumberText(value.StringValue!)) {
      throw parameterValueInvalid(
        `An error occurred while validating the message attribute '${name}'. It must be a valid number.`,
      );
    }
  }
}

/** 288 hex characters, as AWS's confirmation tokens. */
export function confirmationToken(): string {
  return randomBytes(144).toString('hex');
}

function emailFooter(unsubscribeUrl: string): string {
  return (
    '\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n' +
    `${unsubscribeUrl}\n\nPlease do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support`
  );
}
