import type {
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  ListTagsLogGroupRequest,
  ListTagsLogGroupResponse,
  TagLogGroupRequest,
  TagResourceRequest,
  UntagLogGroupRequest,
  UntagResourceRequest,
} from '@aws-sdk/client-cloudwatch-logs';
import type { RequestContext, Validated } from '../../service.ts';
import { parseLogGroupArn } from '../arn.ts';
import type { LogsContext } from '../context.ts';
import { requireGroup } from '../context.ts';
import { invalidParameter, resourceNotFound, tooManyTags } from '../errors.ts';
import { MAX_TAGS } from '../limits.ts';
import type { LogGroupState } from '../store.ts';

/** Tagging: TagResource/UntagResource/ListTagsForResource by ARN, and the older *LogGroup forms by name. */
function groupByArn(logs: LogsContext, arn: string, context: RequestContext): LogGroupState {
  const parsed = parseLogGroupArn(arn);
  if (parsed === undefined)
    throw invalidParameter(
      `Invalid resource ARN: ${arn}. Log group ARNs look like arn:aws:logs:<region>:<account>:log-group:<name>.`,
    );
  const group =
    parsed.accountId === context.accountId && parsed.region === context.region
      ? logs.stores.get(context).groups.get(parsed.name)
      : undefined;
  if (group === undefined) throw resourceNotFound(`The specified resource does not exist: ${arn}`);
  return group;
}

function addTags(group: LogGroupState, tags: Record<string, string>): void {
  const merged = { ...group.tags, ...tags };
  if (Object.keys(merged).length > MAX_TAGS) {
    throw tooManyTags(MAX_TAGS);
  }
  group.tags = merged;
}

function removeTags(group: LogGroupState, keys: readonly string[]): void {
  const tags = { ...group.tags };
  for (const key of keys) delete tags[key];
  group.tags = tags;
}

export function tagResource(
  logs: LogsContext,
  input: Validated<TagResourceRequest>,
  context: RequestContext,
): Record<string, never> {
  addTags(groupByArn(logs, input.resourceArn, context), input.tags);
  return {};
}

export function untagResource(
  logs: LogsContext,
  input: Validated<UntagResourceRequest>,
  context: RequestContext,
): Record<string, never> {
  removeTags(groupByArn(logs, input.resourceArn, context), input.tagKeys);
  return {};
}

export function listTagsForResource(
  logs: LogsContext,
  input: Validated<ListTagsForResourceRequest>,
  context: RequestContext,
): ListTagsForResourceResponse {
  return {
    tags: { ...groupByArn(logs, input.resourceArn, context).tags },
  };
}

export function tagLogGroup(
  logs: LogsContext,
  input: Validated<TagLogGroupRequest>,
  context: RequestContext,
): Record<string, never> {
  addTags(requireGroup(logs.stores.get(context), input.logGroupName), input.tags);
  return {};
}

export function untagLogGroup(
  logs: LogsContext,
  input: Validated<UntagLogGroupRequest>,
  context: RequestContext,
): Record<string, never> {
  removeTags(requireGroup(logs.stores.get(context), input.logGroupName), input.tags);
  return {};
}

export function listTagsLogGroup(
  logs: LogsContext,
  input: Validated<ListTagsLogGroupRequest>,
  context: RequestContext,
): ListTagsLogGroupResponse {
  return {
    tags: { ...requireGroup(logs.stores.get(context), input.logGroupName).tags },
  };
}
