import type {
  FilteredLogEvent,
  FilterLogEventsRequest,
  FilterLogEventsResponse,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  compileFilterPattern,
  FilterPatternSyntaxError,
  prepareEvent,
} from '../../../filter-pattern/index.ts';
import type { RequestContext, Validated } from '../../service.ts';
import type { LogsContext } from '../context.ts';
import { resolveGroup } from '../context.ts';
import { invalidParameter } from '../errors.ts';
import { DEFAULT_EVENTS_LIMIT, EVENT_OVERHEAD_BYTES, MAX_RESPONSE_BYTES } from '../limits.ts';
import { decodeToken, encodeToken } from '../pagination.ts';
import type { LogStreamState, StoredEvent } from '../store.ts';
import { lowerBound } from './get-log-events.ts';

interface Candidate {
  readonly stream: string;
  readonly event: StoredEvent;
}

/**
 * FilterLogEvents: events of the group (or of `logStreamNames` / `logStreamNamePrefix`) with
 * `startTime <= timestamp <= endTime` that match `filterPattern` (the filter-pattern engine, same
 * semantics as metric filters), in timestamp order across streams, at most `limit` (default
 * 10,000) or 1 MB per page; `nextToken` only while more events follow.
 */
export function filterLogEvents(logs: LogsContext) {
  return (input: Validated<FilterLogEventsRequest>, context: RequestContext): FilterLogEventsResponse => {
    const group = resolveGroup(logs.stores.get(context), input, context);
    if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
      throw invalidParameter('You cannot specify both logStreamNames and logStreamNamePrefix.');
    }
    let pattern;
    try {
      pattern =
        input.filterPattern === undefined || input.filterPattern.trim() === ''
          ? undefined
          : compileFilterPattern(input.filterPattern);
    } catch (error) {
      if (error instanceof FilterPatternSyntaxError) throw invalidParameter(error.awsMessage);
      throw error;
    }
    let streams: LogStreamState[] = [...group.streams.values()];
    if (input.logStreamNames !== undefined) {
      const names = new Set(input.logStreamNames);
      streams = streams.filter((s) => names.has(s.name));
    }
    const prefix = input.logStreamNamePrefix;
    if (prefix !== undefined) streams = streams.filter((s) => s.name.startsWith(prefix));

    const now = logs.clock.now();
    const cutoff = group.retentionCutoff(now);
    const candidates: Candidate[] = [];
    for (const stream of streams) {
      if (cutoff !== undefined) stream.expireBefore(cutoff);
      const events = stream.ordered();
      const from = input.startTime === undefined ? 0 : lowerBound(events, input.startTime);
      const to = input.endTime === undefined ? events.length : lowerBound(events, input.endTime + 1);
      for (let i = from; i < to; i++) candidates.push({ stream: stream.name, event: events[i]! });
    }
    candidates.sort((a, b) => a.event.timestamp - b.event.timestamp || a.event.seq - b.event.seq);

    let start = 0;
    if (input.nextToken !== undefined) {
      const after = decodeToken<{ ts: number; seq: number }>(
        input.nextToken,
        (v) => Number.isFinite(v['ts']) && Number.isInteger(v['seq']),
      );
      while (
        start < candidates.length &&
        (candidates[start]!.event.timestamp < after.ts ||
          (candidates[start]!.event.timestamp === after.ts && candidates[start]!.event.seq <= after.seq))
      ) {
        start++;
      }
    }
    const limit = input.limit ?? DEFAULT_EVENTS_LIMIT;
    const out: FilteredLogEvent[] = [];
    let bytes = 0;
    let i = start;
    let lastReturned: Candidate | undefined;
    for (; i < candidates.length && out.length < limit; i++) {
      const candidate = candidates[i]!;
      if (pattern !== undefined && !pattern.matches(prepareEvent(candidate.event.message))) continue;
      const size = Buffer.byteLength(candidate.event.message, 'utf8') + EVENT_OVERHEAD_BYTES;
      if (bytes + size > MAX_RESPONSE_BYTES && out.length > 0) break;
      bytes += size;
      out.push({
        logStreamName: candidate.stream,
        timestamp: candidate.event.timestamp,
        message: candidate.event.message,
        ingestionTime: candidate.event.ingestionTime,
        eventId: eventId(candidate.event),
      });
      lastReturned = candidate;
    }
    const more = hasMatchAfter(candidates, i, pattern);
    return {
      events: out,
      searchedLogStreams: [],
      ...(more && lastReturned !== undefined
        ? { nextToken: encodeToken({ ts: lastReturned.event.timestamp, seq: lastReturned.event.seq }) }
        : {}),
    };
  };
}

function hasMatchAfter(
  candidates: readonly Candidate[],
  index: number,
  pattern: { matches(event: ReturnType<typeof prepareEvent>): boolean } | undefined,
): boolean {
  for (let i = index; i < candidates.length; i++) {
    if (pattern === undefined || pattern.matches(prepareEvent(candidates[i]!.event.message))) return true;
  }
  return false;
}

/** A 56-digit id like AWS's, unique per event and stable. */
export function eventId(event: StoredEvent): string {
  return `${String(Math.max(0, event.timestamp)).padStart(20, '0')}${String(event.seq).padStart(36, '0')}`;
}
