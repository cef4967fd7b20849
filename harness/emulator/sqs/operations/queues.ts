/**
 * Queue operations: CreateQueue, GetQueueUrl, ListQueues, Get/SetQueueAttributes, PurgeQueue,
 * DeleteQueue, TagQueue, UntagQueue, ListQueueTags. Queue URLs are built from the request's origin
 * (`http://127.0.0.1:PORT/<account>/<name>`) so the SDK, which may send to the QueueUrl host, reaches
 * the emulator (aws-protocols.md §2.3).
 */
import type {
  CreateQueueRequest,
  CreateQueueResult,
  GetQueueAttributesRequest,
  GetQueueAttributesResult,
  GetQueueUrlRequest,
  GetQueueUrlResult,
  ListQueuesRequest,
  ListQueuesResult,
  ListQueueTagsRequest,
  ListQueueTagsResult,
  SetQueueAttributesRequest,
  TagQueueRequest,
  UntagQueueRequest,
} from '@aws-sdk/client-sqs';
import type { RequestContext, Validated } from '../../service.ts';
import { pageAfterKey } from '../../shared/paging.ts';
import { invalidParameterValue } from '../errors.ts';
import type { SqsContext } from '../context.ts';
import { queueOf, queueUrl } from './queue-urls.ts';

/** ListQueues: "The maximum number of results to include in the response ... 1 to 1,000"; 1,000 without paging. */
const MAX_LIST_QUEUES = 1000;
/** "You can't add more than 50 tags to a queue." */
const MAX_TAGS = 50;

export function createQueue(
  sqs: SqsContext,
  input: Validated<CreateQueueRequest>,
  ctx: RequestContext,
): CreateQueueResult {
  const tags = input.tags ?? {};
  if (Object.keys(tags).length > MAX_TAGS)
    throw invalidParameterValue(`Too many tags added for queue ${input.QueueName}.`);
  const queue = sqs.engine.createQueue(
    ctx.accountId,
    ctx.region,
    input.QueueName ?? '',
    input.Attributes ?? {},
    tags,
  );
  return { QueueUrl: queueUrl(ctx, queue) };
}

export function getQueueUrl(
  sqs: SqsContext,
  input: Validated<GetQueueUrlRequest>,
  ctx: RequestContext,
): GetQueueUrlResult {
  const owner = input.QueueOwnerAWSAccountId ?? ctx.accountId;
  return { QueueUrl: queueUrl(ctx, sqs.engine.queueByName(owner, ctx.region, input.QueueName)) };
}

export function listQueues(
  sqs: SqsContext,
  input: Validated<ListQueuesRequest>,
  ctx: RequestContext,
): ListQueuesResult {
  const max = input.MaxResults;
  if (max !== undefined && (max < 1 || max > MAX_LIST_QUEUES)) {
    throw invalidParameterValue(
      `Value ${max} for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.`,
    );
  }
  if (input.NextToken !== undefined && max === undefined) {
    throw invalidParameterValue(
      'MaxResults is a mandatory parameter when you provide a value for NextToken.',
    );
  }
  const prefix = input.QueueNamePrefix ?? '';
  const queues = sqs.engine.queues(ctx.accountId, ctx.region);
  const names = [...queues.keys()].filter((n) => n.startsWith(prefix)).sort();
  const page = pageAfterKey(
    names,
    (n) => n,
    input.NextToken,
    max ?? MAX_LIST_QUEUES,
    () => invalidParameterValue('Invalid NextToken value.'),
  );
  return {
    QueueUrls: page.items.map((n) => queueUrl(ctx, queues.get(n)!)),
    // Without MaxResults, ListQueues answers up to 1,000 URLs and never pages.
    ...(max !== undefined && page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
  };
}

export function getQueueAttributes(
  sqs: SqsContext,
  input: Validated<GetQueueAttributesRequest>,
  ctx: RequestContext,
): GetQueueAttributesResult {
  const queue = queueOf(sqs, input, ctx);
  const names = input.AttributeNames ?? [];
  const attributes = sqs.engine.getAttributes(queue, names);
  return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
}

export function setQueueAttributes(
  sqs: SqsContext,
  input: Validated<SetQueueAttributesRequest>,
  ctx: RequestContext,
): void {
  sqs.engine.setAttributes(queueOf(sqs, input, ctx), input.Attributes ?? {});
}

export function purgeQueue(
  sqs: SqsContext,
  input: { QueueUrl?: string | undefined },
  ctx: RequestContext,
): void {
  sqs.engine.purgeQueue(queueOf(sqs, input, ctx));
}

export function deleteQueue(
  sqs: SqsContext,
  input: { QueueUrl?: string | undefined },
  ctx: RequestContext,
): void {
  sqs.engine.deleteQueue(queueOf(sqs, input, ctx));
}

export function tagQueue(sqs: SqsContext, input: Validated<TagQueueRequest>, ctx: RequestContext): void {
  const queue = queueOf(sqs, input, ctx);
  const tags = { ...queue.tags, ...(input.Tags ?? {}) };
  if (Object.keys(tags).length > MAX_TAGS)
    throw invalidParameterValue(`Too many tags added for queue ${queue.name}.`);
  queue.tags = tags;
}

export function untagQueue(sqs: SqsContext, input: Validated<UntagQueueRequest>, ctx: RequestContext): void {
  const queue = queueOf(sqs, input, ctx);
  for (const key of input.TagKeys ?? []) delete queue.tags[key];
}

export function listQueueTags(
  sqs: SqsContext,
  input: Validated<ListQueueTagsRequest>,
  ctx: RequestContext,
): ListQueueTagsResult {
  const queue = queueOf(sqs, input, ctx);
  return Object.keys(queue.tags).length > 0 ? { Tags: { ...queue.tags } } : {};
}
