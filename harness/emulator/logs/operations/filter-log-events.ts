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
import { partitionPoint } from '../../shared/sorted-search.ts';
import { eventKey, firstEventAt, type LogStreamState, type StoredEvent } from '../store.ts';

/**
 * FilterLogEvents: events of the group (or of `logStreamNames` / `logStreamNamePrefix`) with
 * `startTime <= timestamp <= endTime` that match `filterPattern` (the filter-pattern engine, same
 * semantics as metric filters), in timestamp order across streams, at most `limit` (default
 * 10,000) or 1 MB per page; `nextToken` only while more events follow.
 */
export function filterLogEvents(
  logs: LogsContext,
  input: Validated<FilterLogEventsRequest>,
  context: RequestContext,
): FilterLogEventsResponse {
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

  const after =
    input.nextToken === undefined
      ? undefined
      : decodeToken<{ ts: number; seq: number }>(
          input.nextToken,
          (v) => Number.isFinite(v['ts']) && Number.isInteger(v['seq']),
        );
  const now = logs.clock.now();
  const cutoff = group.retentionCutoff(now);
  const cursors: Cursor[] = [];
  for (const stream of streams) {
    if (cutoff !== undefined) stream.expireBefore(cutoff);
    const events = stream.ordered();
    let from = input.startTime === undefined ? 0 : firstEventAt(events, input.startTime);
    if (after !== undefined) {
      const { ts, seq } = after;
      from = Math.max(
        from,
        partitionPoint(events, (e) => e.timestamp < ts || (e.timestamp === ts && e.seq <= seq)),
      );
    }
    const to = input.endTime === undefined ? events.length : firstEventAt(events, input.endTime + 1);
    if (from < to) cursors.push({ stream: stream.name, events, index: from, end: to });
  }

  const limit = input.limit ?? DEFAULT_EVENTS_LIMIT;
  const out: FilteredLogEvent[] = [];
  let bytes = 0;
  let last: StoredEvent | undefined;
  let more = false;
  for (;;) {
    const cursor = nextCursor(cursors);
    if (cursor === undefined) break;
    const event = cursor.events[cursor.index]!;
    if (pattern !== undefined && !pattern.matches(prepareEvent(event.message))) {
      cursor.index++;
      continue;
    }
    const size = Buffer.byteLength(event.message, 'utf8') + EVENT_OVERHEAD_BYTES;
    if (out.length >= limit || (bytes + size > MAX_RESPONSE_BYTES && out.length > 0)) {
      more = true;
      break;
    }
    cursor.index++;
    bytes += size;
    out.push({
      logStreamName: cursor.stream,
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.ingestionTime,
      eventId: eventKey(event),
    });
    last = event;
  }
  return {
    events: out,
    searchedLogStreams: [],
    ...(more && last !== undefined ? { nextToken: encodeToken({ ts: last.timestamp, seq: last.seq }) } : {}),
  };
}

/** One stream's slice of matching-time events, walked in (timestamp, arrival) order. */
interface Cursor {
  readonly stream: string;
  readonly events: readonly StoredEvent[];
  index: number;
  readonly end: number;
}

/** The cursor whose next event comes first across streams (few streams: a linear scan is enough). */
function nextCursor(cursors: readonly Cursor[]): Cursor | undefined {
  let best: Cursor | undefined;
  for (const cursor of cursors) {
    if (cursor.index >= cursor.end) continue;
    if (best === undefined) {
      best = cursor;
      continue;
    }
    const a = cursor.events[cursor.index]!;
    const b = best.events[best.index]!;
    if (a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq)) best = cursor;
  }
  return best;
}
