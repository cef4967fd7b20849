import type {
  CreateLogStreamRequest,
  DeleteLogStreamRequest,
  DescribeLogStreamsRequest,
  DescribeLogStreamsResponse,
  LogStream,
} from '@aws-sdk/client-cloudwatch-logs';
import type { RequestContext, Validated } from '../../service.ts';
import { logStreamArn } from '../arn.ts';
import type { LogsContext } from '../context.ts';
import { requireGroup, requireStream, resolveGroup } from '../context.ts';
import { invalidParameter, streamExists } from '../errors.ts';
import { DEFAULT_DESCRIBE_LIMIT } from '../limits.ts';
import { byName, pageByName, pageByOffset } from '../pagination.ts';
import { LogStreamState } from '../store.ts';

export function createLogStream(
  logs: LogsContext,
  input: Validated<CreateLogStreamRequest>,
  context: RequestContext,
): Record<string, never> {
  const group = requireGroup(logs.stores.get(context), input.logGroupName);
  if (group.streams.has(input.logStreamName)) throw streamExists();
  group.streams.set(input.logStreamName, new LogStreamState(input.logStreamName, logs.clock.now()));
  return {};
}

export function deleteLogStream(
  logs: LogsContext,
  input: Validated<DeleteLogStreamRequest>,
  context: RequestContext,
): Record<string, never> {
  const group = requireGroup(logs.stores.get(context), input.logGroupName);
  requireStream(group, input.logStreamName);
  group.streams.delete(input.logStreamName);
  return {};
}

export function describeLogStreams(
  logs: LogsContext,
  input: Validated<DescribeLogStreamsRequest>,
  context: RequestContext,
): DescribeLogStreamsResponse {
  const group = resolveGroup(logs.stores.get(context), input, context);
  const orderBy = input.orderBy ?? 'LogStreamName';
  if (orderBy === 'LastEventTime' && input.logStreamNamePrefix !== undefined) {
    throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  let streams = [...group.streams.values()];
  const prefix = input.logStreamNamePrefix;
  if (prefix !== undefined) streams = streams.filter((s) => s.name.startsWith(prefix));
  const limit = input.limit ?? DEFAULT_DESCRIBE_LIMIT;
  let page: LogStreamState[];
  let nextToken: string | undefined;
  if (orderBy === 'LastEventTime') {
    const last = (s: LogStreamState): number => s.lastEventTimestamp ?? -1;
    streams.sort((a, b) => last(a) - last(b) || byName(a.name, b.name));
    if (input.descending === true) streams.reverse();
    ({ page, nextToken } = pageByOffset(streams, limit, input.nextToken));
  } else {
    streams.sort((a, b) => byName(a.name, b.name));
    if (input.descending === true) {
      streams.reverse();
      ({ page, nextToken } = pageByOffset(streams, limit, input.nextToken));
    } else {
      ({ page, nextToken } = pageByName(streams, (s) => s.name, limit, input.nextToken));
    }
  }
  return {
    logStreams: page.map((stream) => describeStream(stream, group.name, context)),
    ...(nextToken !== undefined ? { nextToken } : {}),
  };
}

function describeStream(stream: LogStreamState, groupName: string, context: RequestContext): LogStream {
  return {
    logStreamName: stream.name,
    creationTime: stream.creationTime,
    ...(stream.firstEventTimestamp !== undefined ? { firstEventTimestamp: stream.firstEventTimestamp } : {}),
    ...(stream.lastEventTimestamp !== undefined ? { lastEventTimestamp: stream.lastEventTimestamp } : {}),
    ...(stream.lastIngestionTime !== undefined ? { lastIngestionTime: stream.lastIngestionTime } : {}),
    uploadSequenceToken: sequenceToken(stream.uploadSequence),
    arn: logStreamArn(context, groupName, stream.name),
    // Deprecated by AWS and always 0 there.
    storedBytes: 0,
  };
}

/** Sequence tokens are ignored by PutLogEvents now; they are still returned, as AWS does. */
export function sequenceToken(sequence: number): string {
  return `49${String(sequence).padStart(54, '0')}`;
}
