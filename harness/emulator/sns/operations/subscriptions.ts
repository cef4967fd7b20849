/**
 * Subscribe, ConfirmSubscription, Unsubscribe, ListSubscriptions(ByTopic), Get/SetSubscriptionAttributes.
 * HTTP/HTTPS and email subscriptions start pending and receive a SubscriptionConfirmation; nothing
 * else is delivered until the endpoint visits SubscribeURL or calls ConfirmSubscription with the
 * token (alarms-sns.md §4.3). Same-account SQS subscriptions are confirmed at once.
 */
import { randomUUID } from 'node:crypto';
import type {
  ConfirmSubscriptionInput,
  ConfirmSubscriptionResponse,
  GetSubscriptionAttributesInput,
  GetSubscriptionAttributesResponse,
  ListSubscriptionsByTopicInput,
  ListSubscriptionsByTopicResponse,
  ListSubscriptionsInput,
  ListSubscriptionsResponse,
  SetSubscriptionAttributesInput,
  SubscribeInput,
  SubscribeResponse,
  Subscription as ApiSubscription,
} from '@aws-sdk/client-sns';
import { createLogger } from '../../../util/logger.ts';
import type { RequestContext, Validated } from '../../service.ts';
import { pageAfterKey } from '../../shared/paging.ts';
import { deliveryPolicyProblem, effectiveDeliveryPolicyJson } from '../delivery-policy.ts';
import { invalidArn, invalidParameter, subscriptionNotFound } from '../errors.ts';
import { FilterPolicyError, validateFilterPolicy } from '../filter-policy.ts';
import type { SnsContext } from '../context.ts';
import { parseArn, type SnsProtocol, type Subscription } from '../sns-store.ts';

const log = createLogger('lab:emulator:sns');

/** ListSubscriptions: "Each call returns a limited list of subscriptions, up to 100". */
const LIST_SUBSCRIPTIONS_PAGE = 100;
const EMULATED_PROTOCOLS: readonly SnsProtocol[] = ['http', 'https', 'sqs', 'email', 'email-json'];
const OTHER_AWS_PROTOCOLS = ['sms', 'application', 'lambda', 'firehose'];
const SETTABLE_SUBSCRIPTION_ATTRIBUTES = new Set([
  'DeliveryPolicy',
  'FilterPolicy',
  'FilterPolicyScope',
  'RawMessageDelivery',
  'RedrivePolicy',
  'SubscriptionRoleArn',
  'ReplayPolicy',
]);
const invalidNextToken = (): Error => invalidParameter('NextToken');
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const SQS_ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/;

function checkSubscriptionAttribute(name: string, value: string, protocol: SnsProtocol): void {
  if (!SETTABLE_SUBSCRIPTION_ATTRIBUTES.has(name)) throw invalidParameter('AttributeName');
  switch (name) {
    case 'RawMessageDelivery':
      if (value !== 'true' && value !== 'false') {
        throw invalidParameter(
          `Attributes Reason: RawMessageDelivery: Invalid value [${value}]. Must be true or false.`,
        );
      }
      if (value === 'true' && (protocol === 'email' || protocol === 'email-json')) {
        throw invalidParameter(`Delivery protocol [${protocol}] does not support raw message delivery.`);
      }
      return;
    case 'FilterPolicy':
      if (value === '') return;
      try {
        validateFilterPolicy(value);
      } catch (error) {
        if (error instanceof FilterPolicyError) throw invalidParameter(error.message);
        throw error;
      }
      return;
    case 'FilterPolicyScope':
      if (value !== 'MessageAttributes' && value !== 'MessageBody') {
        throw invalidParameter(
          `Attributes Reason: FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`,
        );
      }
      return;
    case 'DeliveryPolicy': {
      const problem = deliveryPolicyProblem(value, 'subscription');
      if (problem !== undefined) throw invalidParameter(`Attributes Reason: ${problem}`);
      return;
    }
    case 'RedrivePolicy':
      if (value === '') return;
      if (typeof parseJson<{ deadLetterTargetArn?: unknown }>(value)?.deadLetterTargetArn !== 'string') {
        throw invalidParameter('RedrivePolicy: Redrive policy must contain a deadLetterTargetArn');
      }
      return;
  }
}

/** The parsed document, or undefined for text that is not JSON. */
function parseJson<T>(text: string): Partial<T> | undefined {
  try {
    return JSON.parse(text) as Partial<T>;
  } catch {
    return undefined;
  }
}

function checkEndpoint(protocol: SnsProtocol, endpoint: string | undefined): string {
  if (endpoint === undefined || endpoint === '') throw invalidParameter('Endpoint');
  switch (protocol) {
    case 'http':
    case 'https':
      if (!endpoint.toLowerCase().startsWith(`${protocol}://`))
        throw invalidParameter('Endpoint must match the specified protocol');
      try {
        new URL(endpoint);
      } catch {
        throw invalidParameter('Endpoint');
      }
      return endpoint;
    case 'email':
    case 'email-json':
      if (!EMAIL.test(endpoint)) throw invalidParameter('Email address');
      return endpoint;
    case 'sqs':
      if (!SQS_ARN.test(endpoint)) throw invalidParameter('SQS endpoint ARN');
      return endpoint;
  }
}

export async function subscribe(
  sns: SnsContext,
  input: Validated<SubscribeInput>,
  ctx: RequestContext,
): Promise<SubscribeResponse> {
  const topic = sns.engine.topic(input.TopicArn ?? '');
  const protocol = input.Protocol ?? '';
  if (!EMULATED_PROTOCOLS.includes(protocol as SnsProtocol)) {
    if (OTHER_AWS_PROTOCOLS.includes(protocol)) {
      throw invalidParameter(
        `Protocol ${protocol} is not delivered by the vault-alarm-lab emulator; use http, https, sqs, email or email-json`,
      );
    }
    throw invalidParameter(`Amazon SNS does not support this protocol string: ${protocol}`);
  }
  const proto = protocol as SnsProtocol;
  const endpoint = checkEndpoint(proto, input.Endpoint);
  const attributes = { ...(input.Attributes ?? {}) };
  for (const [key, value] of Object.entries(attributes)) checkSubscriptionAttribute(key, value, proto);
  const store = sns.stores.get(topic);
  const existing = [...store.subscriptions.values()].find(
    (s) => s.topicArn === topic.arn && s.protocol === proto && s.endpoint === endpoint,
  );
  if (existing !== undefined) {
    const same = Object.entries(attributes).every(([k, v]) => (existing.attributes[k] ?? '') === v);
    if (!same)
      throw invalidParameter('Attributes Reason: Subscription already exists with different attributes');
    return {
      SubscriptionArn:
        existing.pendingConfirmation && input.ReturnSubscriptionArn !== true
          ? 'pending confirmation'
          : existing.arn,
    };
  }
  const sameAccountQueue = proto === 'sqs' && parseArn(endpoint)?.accountId === topic.accountId;
  const sub: Subscription = {
    arn: `${topic.arn}:${randomUUID()}`,
    topicArn: topic.arn,
    owner: ctx.accountId,
    protocol: proto,
    endpoint,
    attributes,
    pendingConfirmation: !sameAccountQueue,
    confirmationWasAuthenticated: sameAccountQueue,
    token: undefined,
    tokenExpiresAt: undefined,
    origin: ctx.origin,
    createdAt: sns.clock.now(),
  };
  store.subscriptions.set(sub.arn, sub);
  if (sub.pendingConfirmation) {
    // The confirmation goes out asynchronously, as at AWS; its HTTP retries follow the delivery policy.
    void sns.engine
      .sendSubscriptionConfirmation(sub)
      .catch((error: unknown) => log(`confirmation for ${sub.arn} failed`, error));
    return { SubscriptionArn: input.ReturnSubscriptionArn === true ? sub.arn : 'pending confirmation' };
  }
  return { SubscriptionArn: sub.arn };
}

export function confirmSubscription(
  sns: SnsContext,
  input: Validated<ConfirmSubscriptionInput>,
): ConfirmSubscriptionResponse {
  const topic = sns.engine.topic(input.TopicArn ?? '');
  const token = input.Token ?? '';
  const store = sns.stores.get(topic);
  const sub = [...store.subscriptions.values()].find((s) => s.topicArn === topic.arn && s.token === token);
  if (sub === undefined) throw invalidParameter('Token');
  if (sub.pendingConfirmation && sub.tokenExpiresAt !== undefined && sns.clock.now() > sub.tokenExpiresAt) {
    throw invalidParameter('Token');
  }
  if (sub.pendingConfirmation) {
    sub.pendingConfirmation = false;
    sub.confirmationWasAuthenticated = input.AuthenticateOnUnsubscribe === 'true';
  }
  return { SubscriptionArn: sub.arn };
}

function findSubscription(sns: SnsContext, arnText: string | undefined): Subscription {
  const arn = parseArn(arnText ?? '');
  if (arn === undefined) throw invalidArn('SubscriptionArn', arnText ?? '');
  const sub = sns.stores.peek(arn)?.subscriptions.get(arnText!);
  if (sub === undefined) throw subscriptionNotFound();
  return sub;
}

export function unsubscribe(sns: SnsContext, input: { SubscriptionArn?: string | undefined }): void {
  const sub = findSubscription(sns, input.SubscriptionArn);
  const arn = parseArn(sub.arn)!;
  sns.stores.get(arn).subscriptions.delete(sub.arn);
  const topic = sns.engine.findTopic(sub.topicArn);
  if (topic !== undefined) topic.subscriptionsDeleted++;
  if (sub.protocol === 'http' || sub.protocol === 'https') {
    void sns.engine
      .sendUnsubscribeConfirmation(sub)
      .catch((error: unknown) => log(`unsubscribe confirmation for ${sub.arn} failed`, error));
  }
}

function toApiSubscription(sub: Subscription): ApiSubscription {
  return {
    SubscriptionArn: sub.pendingConfirmation ? 'PendingConfirmation' : sub.arn,
    Owner: sub.owner,
    Protocol: sub.protocol,
    Endpoint: sub.endpoint,
    TopicArn: sub.topicArn,
  };
}

export function listSubscriptions(
  sns: SnsContext,
  input: Validated<ListSubscriptionsInput>,
  ctx: RequestContext,
): ListSubscriptionsResponse {
  return subscriptionPage([...(sns.stores.peek(ctx)?.subscriptions.values() ?? [])], input.NextToken);
}

export function listSubscriptionsByTopic(
  sns: SnsContext,
  input: Validated<ListSubscriptionsByTopicInput>,
): ListSubscriptionsByTopicResponse {
  const topic = sns.engine.topic(input.TopicArn ?? '');
  return subscriptionPage(sns.engine.subscriptionsOf(topic), input.NextToken);
}

/** A page of subscriptions in ARN order (ListSubscriptions and ListSubscriptionsByTopic). */
function subscriptionPage(
  subs: Subscription[],
  token: string | undefined,
): { Subscriptions: ApiSubscription[]; NextToken?: string } {
  const { items, nextToken } = pageAfterKey(
    subs.sort((a, b) => (a.arn < b.arn ? -1 : 1)),
    (s) => s.arn,
    token,
    LIST_SUBSCRIPTIONS_PAGE,
    invalidNextToken,
  );
  return {
    Subscriptions: items.map(toApiSubscription),
    ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
  };
}

export function getSubscriptionAttributes(
  sns: SnsContext,
  input: Validated<GetSubscriptionAttributesInput>,
): GetSubscriptionAttributesResponse {
  const sub = findSubscription(sns, input.SubscriptionArn);
  const topic = sns.engine.findTopic(sub.topicArn);
  return {
    Attributes: {
      Owner: sub.owner,
      RawMessageDelivery: 'false',
      TopicArn: sub.topicArn,
      Endpoint: sub.endpoint,
      Protocol: sub.protocol,
      PendingConfirmation: String(sub.pendingConfirmation),
      ConfirmationWasAuthenticated: String(sub.confirmationWasAuthenticated),
      SubscriptionArn: sub.arn,
      ...(sub.protocol === 'http' || sub.protocol === 'https'
        ? { EffectiveDeliveryPolicy: effectiveDeliveryPolicyJson(topic?.attributes['DeliveryPolicy']) }
        : {}),
      ...sub.attributes,
    },
  };
}

export function setSubscriptionAttributes(
  sns: SnsContext,
  input: Validated<SetSubscriptionAttributesInput>,
): void {
  const sub = findSubscription(sns, input.SubscriptionArn);
  const name = input.AttributeName ?? '';
  const value = input.AttributeValue ?? '';
  checkSubscriptionAttribute(name, value, sub.protocol);
  sub.attributes[name] = value;
}
