import type {
  CreateLogGroupRequest,
  DeleteLogGroupRequest,
  DeleteRetentionPolicyRequest,
  DescribeLogGroupsRequest,
  DescribeLogGroupsResponse,
  LogGroup,
  PutRetentionPolicyRequest,
} from '@aws-sdk/client-cloudwatch-logs';
import type { RequestContext, Validated } from '../../service.ts';
import { logGroupArn, logGroupArnWildcard, parseLogGroupArn } from '../arn.ts';
import type { LogsContext } from '../context.ts';
import { requireGroup } from '../context.ts';
import { groupExists, invalidParameter, limitExceeded } from '../errors.ts';
import { DEFAULT_DESCRIBE_LIMIT, MAX_LOG_GROUPS, MAX_TAGS, RETENTION_DAYS } from '../limits.ts';
import { byName, pageByName } from '../pagination.ts';
import { LogGroupState } from '../store.ts';

/** Log groups starting with `aws/` (any case) are reserved (cloudwatch-agent.md §1.3). */
const RESERVED_PREFIX = /^aws\//i;

export function createLogGroup(
  logs: LogsContext,
  input: Validated<CreateLogGroupRequest>,
  context: RequestContext,
): Record<string, never> {
  if (RESERVED_PREFIX.test(input.logGroupName)) {
    throw invalidParameter('Log groups starting with AWS/ are reserved for AWS.');
  }
  const store = logs.stores.get(context);
  if (store.groups.has(input.logGroupName)) throw groupExists();
  if (store.groups.size >= MAX_LOG_GROUPS) throw limitExceeded();
  if (input.tags && Object.keys(input.tags).length > MAX_TAGS)
    throw invalidParameter(`A log group can have at most ${MAX_TAGS} tags.`);
  const group = new LogGroupState(
    input.logGroupName,
    logs.clock.now(),
    input.logGroupClass ?? 'STANDARD',
    input.kmsKeyId,
    input.deletionProtectionEnabled,
  );
  group.tags = { ...(input.tags ?? {}) };
  store.groups.set(group.name, group);
  return {};
}

export function deleteLogGroup(
  logs: LogsContext,
  input: Validated<DeleteLogGroupRequest>,
  context: RequestContext,
): Record<string, never> {
  const store = logs.stores.get(context);
  const group = requireGroup(store, input.logGroupName);
  if (group.deletionProtectionEnabled === true) {
    // The exact AWS text is not recorded in our references; the code is Logs' usual one.
    throw invalidParameter(
      'The log group has deletion protection enabled; disable it before deleting the log group.',
    );
  }
  store.groups.delete(group.name);
  logs.metricFilters.forgetGroup(context, group.name);
  return {};
}

export function describeLogGroups(
  logs: LogsContext,
  input: Validated<DescribeLogGroupsRequest>,
  context: RequestContext,
): DescribeLogGroupsResponse {
  if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
    throw invalidParameter(
      'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
    );
  }
  const store = logs.stores.peek(context);
  let groups = [...(store?.groups.values() ?? [])];
  const prefix = input.logGroupNamePrefix;
  if (prefix !== undefined) groups = groups.filter((g) => g.name.startsWith(prefix));
  // Case-sensitive substring search (the model's documentation of logGroupNamePattern).
  const pattern = input.logGroupNamePattern;
  if (pattern !== undefined && pattern !== '') groups = groups.filter((g) => g.name.includes(pattern));
  if (input.logGroupClass !== undefined)
    groups = groups.filter((g) => g.logGroupClass === input.logGroupClass);
  if (input.logGroupIdentifiers !== undefined) {
    const names = new Set(input.logGroupIdentifiers.map((id) => parseLogGroupArn(id)?.name ?? id));
    groups = groups.filter((g) => names.has(g.name));
  }
  groups.sort((a, b) => byName(a.name, b.name));
  const { page, nextToken } = pageByName(
    groups,
    (g) => g.name,
    input.limit ?? DEFAULT_DESCRIBE_LIMIT,
    input.nextToken,
  );
  const now = logs.clock.now();
  return {
    logGroups: page.map((group) => describeGroup(group, context, now)),
    ...(nextToken !== undefined ? { nextToken } : {}),
  };
}

function describeGroup(group: LogGroupState, context: RequestContext, now: number): LogGroup {
  const cutoff = group.retentionCutoff(now);
  if (cutoff !== undefined) for (const stream of group.streams.values()) stream.expireBefore(cutoff);
  return {
    logGroupName: group.name,
    creationTime: group.creationTime,
    ...(group.retentionInDays !== undefined ? { retentionInDays: group.retentionInDays } : {}),
    metricFilterCount: group.metricFilters.size,
    arn: logGroupArnWildcard(context, group.name),
    storedBytes: group.storedBytes(),
    ...(group.kmsKeyId !== undefined ? { kmsKeyId: group.kmsKeyId } : {}),
    logGroupClass: group.logGroupClass as LogGroup['logGroupClass'],
    logGroupArn: logGroupArn(context, group.name),
    ...(group.deletionProtectionEnabled !== undefined
      ? { deletionProtectionEnabled: group.deletionProtectionEnabled }
      : {}),
  };
}

export function putRetentionPolicy(
  logs: LogsContext,
  input: Validated<PutRetentionPolicyRequest>,
  context: RequestContext,
): Record<string, never> {
  if (!(RETENTION_DAYS as readonly number[]).includes(input.retentionInDays)) {
    throw invalidParameter(
      `1 validation error detected: Value '${input.retentionInDays}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`,
    );
  }
  const group = requireGroup(logs.stores.get(context), input.logGroupName);
  group.retentionInDays = input.retentionInDays;
  return {};
}

export function deleteRetentionPolicy(
  logs: LogsContext,
  input: Validated<DeleteRetentionPolicyRequest>,
  context: RequestContext,
): Record<string, never> {
  const group = requireGroup(logs.stores.get(context), input.logGroupName);
  group.retentionInDays = undefined;
  return {};
}
