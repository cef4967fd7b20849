/**
 * CreateTopic, DeleteTopic, ListTopics, GetTopicAttributes, SetTopicAttributes and the topic tag
 * operations. Messages are AWS's (aws-protocols.md §4.5): "Invalid parameter: Topic Name",
 * "Topic does not exist", "Invalid parameter: AttributeName"...
 */
import type {
  CreateTopicInput,
  CreateTopicResponse,
  DeleteTopicInput,
  GetTopicAttributesInput,
  GetTopicAttributesResponse,
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  ListTopicsInput,
  ListTopicsResponse,
  SetTopicAttributesInput,
  TagResourceRequest,
  UntagResourceRequest,
} from '@aws-sdk/client-sns';
import { FIFO_TOPIC_NAME_PATTERN, TOPIC_NAME_PATTERN } from '../../../aws/facts/sns.ts';
import type { RequestContext, Validated } from '../../service.ts';
import { pageAfterKey } from '../../shared/paging.ts';
import { deliveryPolicyProblem, effectiveDeliveryPolicyJson } from '../delivery-policy.ts';
import { invalidArn, invalidParameter, resourceNotFound } from '../errors.ts';
import type { SnsContext } from '../context.ts';
import { parseArn, type Topic } from '../sns-store.ts';

/** ListTopics: "Each call returns a limited list of topics, up to 100". */
const LIST_TOPICS_PAGE = 100;
/** "You can add up to 50 tags to a topic". */
const MAX_TAGS = 50;

/** Topic attributes a user may set (CreateTopic/SetTopicAttributes API reference). */
const SETTABLE_TOPIC_ATTRIBUTES = new Set([
  'DeliveryPolicy',
  'DisplayName',
  'Policy',
  'TracingConfig',
  'KmsMasterKeyId',
  'SignatureVersion',
  'ContentBasedDeduplication',
  'FifoThroughputScope',
  'ArchivePolicy',
  'DataProtectionPolicy',
  'ApplicationSuccessFeedbackRoleArn',
  'ApplicationSuccessFeedbackSampleRate',
  'ApplicationFailureFeedbackRoleArn',
  'HTTPSuccessFeedbackRoleArn',
  'HTTPSuccessFeedbackSampleRate',
  'HTTPFailureFeedbackRoleArn',
  'LambdaSuccessFeedbackRoleArn',
  'LambdaSuccessFeedbackSampleRate',
  'LambdaFailureFeedbackRoleArn',
  'FirehoseSuccessFeedbackRoleArn',
  'FirehoseSuccessFeedbackSampleRate',
  'FirehoseFailureFeedbackRoleArn',
  'SQSSuccessFeedbackRoleArn',
  'SQSSuccessFeedbackSampleRate',
  'SQSFailureFeedbackRoleArn',
]);

export function topicArn(accountId: string, region: string, name: string): string {
  return `arn:aws:sns:${region}:${accountId}:${name}`;
}

function checkTopicAttribute(name: string, value: string, fifo: boolean): void {
  if (name === 'FifoTopic') return;
  if (!SETTABLE_TOPIC_ATTRIBUTES.has(name)) throw invalidParameter('AttributeName');
  if (name === 'SignatureVersion' && value !== '1' && value !== '2') {
    throw invalidParameter(
      'Attributes Reason: SignatureVersion: Invalid value [' + value + ']. Must be 1 or 2.',
    );
  }
  if (name === 'ContentBasedDeduplication' && !fifo) {
    throw invalidParameter('Attributes Reason: Content-based deduplication can only be set for FIFO topics');
  }
  if (name === 'DeliveryPolicy') {
    const problem = deliveryPolicyProblem(value, 'topic');
    if (problem !== undefined) throw invalidParameter(`Attributes Reason: ${problem}`);
  }
  if (name === 'Policy') {
    try {
      JSON.parse(value);
    } catch {
      throw invalidParameter('Attributes Reason: Policy: failed to parse JSON');
    }
  }
}

export function createTopic(
  sns: SnsContext,
  input: Validated<CreateTopicInput>,
  ctx: RequestContext,
): CreateTopicResponse {
  const name = input.Name ?? '';
  const attributes = { ...(input.Attributes ?? {}) };
  const fifo = attributes['FifoTopic'] === 'true';
  if (fifo ? !FIFO_TOPIC_NAME_PATTERN.test(name) : !TOPIC_NAME_PATTERN.test(name)) {
    throw invalidParameter(
      name.endsWith('.fifo') || fifo
        ? 'Fifo Topic names must end with .fifo and they must have FifoTopic attribute set to true'
        : 'Topic Name',
    );
  }
  for (const [key, value] of Object.entries(attributes)) checkTopicAttribute(key, value, fifo);
  const tags = (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
  if (tags.length > MAX_TAGS)
    throw invalidParameter(`Tags Reason: a topic can have at most ${MAX_TAGS} tags`);
  const store = sns.stores.get(ctx);
  const arn = topicArn(ctx.accountId, ctx.region, name);
  const existing = store.topics.get(arn);
  if (existing !== undefined) {
    if (tags.length > 0 && JSON.stringify(sortTags(tags)) !== JSON.stringify(sortTags(existing.tags))) {
      throw invalidParameter('Tags Reason: Topic already exists with different tags');
    }
    for (const [key, value] of Object.entries(attributes)) {
      if ((existing.attributes[key] ?? '') !== value) {
        throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
      }
    }
    return { TopicArn: arn };
  }
  const topic: Topic = {
    arn,
    name,
    accountId: ctx.accountId,
    region: ctx.region,
    attributes,
    tags,
    subscriptionsDeleted: 0,
    createdAt: sns.clock.now(),
  };
  store.topics.set(arn, topic);
  return { TopicArn: arn };
}

function sortTags(tags: { Key: string; Value: string }[]): { Key: string; Value: string }[] {
  return [...tags].sort((a, b) => (a.Key < b.Key ? -1 : 1));
}

/** "This action is idempotent, so deleting a topic that does not exist does not result in an error." */
export function deleteTopic(sns: SnsContext, input: Validated<DeleteTopicInput>): void {
  const arn = parseArn(input.TopicArn ?? '');
  if (arn === undefined) throw invalidArn('TopicArn', input.TopicArn ?? '');
  const store = sns.stores.peek(arn);
  if (store === undefined) return;
  store.topics.delete(input.TopicArn);
  for (const [subArn, sub] of store.subscriptions)
    if (sub.topicArn === input.TopicArn) store.subscriptions.delete(subArn);
}

export function listTopics(
  sns: SnsContext,
  input: Validated<ListTopicsInput>,
  ctx: RequestContext,
): ListTopicsResponse {
  const topics = [...(sns.stores.peek(ctx)?.topics.values() ?? [])].sort((a, b) => (a.arn < b.arn ? -1 : 1));
  const { items, nextToken } = pageAfterKey(
    topics,
    (t) => t.arn,
    input.NextToken,
    LIST_TOPICS_PAGE,
    () => invalidParameter('NextToken'),
  );
  return {
    Topics: items.map((t) => ({ TopicArn: t.arn })),
    ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
  };
}

/** The Policy GetTopicAttributes reports for a topic created without one. */
function defaultTopicPolicy(topic: Topic): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: topic.arn,
        Condition: { StringEquals: { 'AWS:SourceOwner': topic.accountId } },
      },
    ],
  });
}

export function getTopicAttributes(
  sns: SnsContext,
  input: Validated<GetTopicAttributesInput>,
): GetTopicAttributesResponse {
  const topic = sns.engine.topic(input.TopicArn ?? '');
  const subs = sns.engine.subscriptionsOf(topic);
  const fifo = topic.attributes['FifoTopic'] === 'true';
  return {
    Attributes: {
      Policy: defaultTopicPolicy(topic),
      Owner: topic.accountId,
      SubscriptionsPending: String(subs.filter((s) => s.pendingConfirmation).length),
      TopicArn: topic.arn,
      EffectiveDeliveryPolicy: effectiveDeliveryPolicyJson(topic.attributes['DeliveryPolicy']),
      SubscriptionsConfirmed: String(subs.filter((s) => !s.pendingConfirmation).length),
      DisplayName: '',
      SubscriptionsDeleted: String(topic.subscriptionsDeleted),
      ...(fifo ? { FifoTopic: 'true', ContentBasedDeduplication: 'false' } : {}),
      ...topic.attributes,
    },
  };
}

export function setTopicAttributes(sns: SnsContext, input: Validated<SetTopicAttributesInput>): void {
  const topic = sns.engine.topic(input.TopicArn ?? '');
  const name = input.AttributeName ?? '';
  if (name === 'FifoTopic') throw invalidParameter('AttributeName');
  const value = input.AttributeValue ?? '';
  checkTopicAttribute(name, value, topic.attributes['FifoTopic'] === 'true');
  topic.attributes[name] = value;
}

function taggedTopic(sns: SnsContext, arn: string): Topic {
  const parsed = parseArn(arn);
  if (parsed === undefined) throw invalidArn('ResourceArn', arn);
  const topic = sns.stores.peek(parsed)?.topics.get(arn);
  if (topic === undefined) throw resourceNotFound('Resource does not exist');
  return topic;
}

export function tagResource(sns: SnsContext, input: Validated<TagResourceRequest>): void {
  const topic = taggedTopic(sns, input.ResourceArn ?? '');
  const tags = new Map(topic.tags.map((t) => [t.Key, t.Value]));
  for (const t of input.Tags ?? []) tags.set(t.Key, t.Value ?? '');
  if (tags.size > MAX_TAGS) throw invalidParameter(`Tags Reason: a topic can have at most ${MAX_TAGS} tags`);
  topic.tags = [...tags].map(([Key, Value]) => ({ Key, Value }));
}

export function untagResource(sns: SnsContext, input: Validated<UntagResourceRequest>): void {
  const topic = taggedTopic(sns, input.ResourceArn ?? '');
  const remove = new Set(input.TagKeys ?? []);
  topic.tags = topic.tags.filter((t) => !remove.has(t.Key));
}

export function listTagsForResource(
  sns: SnsContext,
  input: Validated<ListTagsForResourceRequest>,
): ListTagsForResourceResponse {
  return { Tags: taggedTopic(sns, input.ResourceArn ?? '').tags.map((t) => ({ ...t })) };
}
