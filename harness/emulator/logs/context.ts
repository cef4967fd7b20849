import type { Clock } from '../../clock.ts';
import type { Logger } from '../../util/logger.ts';
import type { RequestContext } from '../service.ts';
import type { StoreAccessor } from '../state/state-registry.ts';
import { parseLogGroupArn } from './arn.ts';
import { groupNotFound, invalidParameter, streamNotFound, validationException } from './errors.ts';
import type { MetricFilterEngine } from './metric-filter-engine.ts';
import type { LogGroupState, LogsStore, LogStreamState } from './store.ts';

/** What every Logs operation needs, bound once per emulator. */
export interface LogsContext {
  readonly stores: StoreAccessor<LogsStore>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metricFilters: MetricFilterEngine;
}

export function requireGroup(store: LogsStore, name: string): LogGroupState {
  const group = store.groups.get(name);
  if (group === undefined) throw groupNotFound();
  return group;
}

export function requireStream(group: LogGroupState, name: string): LogStreamState {
  const stream = group.streams.get(name);
  if (stream === undefined) throw streamNotFound();
  return stream;
}

/**
 * Operations that take `logGroupName` or `logGroupIdentifier` (a name or an ARN) accept exactly one
 * (DescribeLogStreams, GetLogEvents, FilterLogEvents).
 */
export function resolveGroup(
  store: LogsStore,
  input: { logGroupName?: string | undefined; logGroupIdentifier?: string | undefined },
  context: RequestContext,
): LogGroupState {
  if (input.logGroupName !== undefined && input.logGroupIdentifier !== undefined) {
    throw validationException('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  const identifier = input.logGroupName ?? input.logGroupIdentifier;
  if (identifier === undefined) {
    throw invalidParameter(
      'Should provide either name or ARN of the log group (logGroupName or logGroupIdentifier).',
    );
  }
  if (identifier.startsWith('arn:')) {
    const arn = parseLogGroupArn(identifier);
    if (arn === undefined) throw invalidParameter(`Invalid ARN: ${identifier}`);
    if (arn.accountId !== context.accountId || arn.region !== context.region) throw groupNotFound();
    return requireGroup(store, arn.name);
  }
  return requireGroup(store, identifier);
}
