import type {
  GetLogEventsRequest,
  GetLogEventsResponse,
  OutputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import type { RequestContext, Validated } from '../../service.ts';
import type { LogsContext } from '../context.ts';
import { requireStream, resolveGroup } from '../context.ts';
import { invalidNextToken } from '../errors.ts';
import { DEFAULT_EVENTS_LIMIT, EVENT_OVERHEAD_BYTES, MAX_RESPONSE_BYTES } from '../limits.ts';
import { partitionPoint } from '../../shared/sorted-search.ts';
import { eventKey, firstEventAt, type StoredEvent } from '../store.ts';

/**
 * GetLogEvents: one stream, `startTime` inclusive and `endTime` exclusive, at most `limit` events
 * (default 10,000) or 1 MB. Without a token the page is the newest events (`startFromHead` false)
 * or the oldest. Tokens look like AWS's (`f/<56 digits>/s`, `b/…`) and encode the position of an
 * event; the forward token of a page with no newer events is the token that was sent, which is how
 * clients (the SDK paginator, `aws logs tail`-style loops) detect the end.
 */
export function getLogEvents(
  logs: LogsContext,
  input: Validated<GetLogEventsRequest>,
  context: RequestContext,
): GetLogEventsResponse {
  const group = resolveGroup(logs.stores.get(context), input, context);
  const stream = requireStream(group, input.logStreamName);
  const now = logs.clock.now();
  const cutoff = group.retentionCutoff(now);
  if (cutoff !== undefined) stream.expireBefore(cutoff);
  const all = stream.ordered();
  const from = input.startTime === undefined ? 0 : firstEventAt(all, input.startTime);
  const to = input.endTime === undefined ? all.length : firstEventAt(all, input.endTime);
  const limit = input.limit ?? DEFAULT_EVENTS_LIMIT;
  const token = input.nextToken === undefined ? undefined : parsePositionToken(input.nextToken);

  let start: number;
  let end: number;
  if (token?.direction === 'f' || (token === undefined && input.startFromHead === true)) {
    start = token === undefined ? from : Math.max(from, firstAfterKey(all, token.key));
    end = start;
    let bytes = 0;
    while (end < to && end - start < limit) {
      bytes += Buffer.byteLength(all[end]!.message, 'utf8') + EVENT_OVERHEAD_BYTES;
      if (bytes > MAX_RESPONSE_BYTES && end > start) break;
      end++;
    }
  } else {
    end = token === undefined ? to : Math.min(to, firstAtKey(all, token.key));
    start = end;
    let bytes = 0;
    while (start > from && end - start < limit) {
      bytes += Buffer.byteLength(all[start - 1]!.message, 'utf8') + EVENT_OVERHEAD_BYTES;
      if (bytes > MAX_RESPONSE_BYTES && start < end) break;
      start--;
    }
  }
  const page = all.slice(start, end);
  const events: OutputLogEvent[] = page.map((e) => ({
    timestamp: e.timestamp,
    message: e.message,
    ingestionTime: e.ingestionTime,
  }));
  const first = page[0];
  const last = page[page.length - 1];
  const emptyKey = token?.key ?? (end > 0 ? eventKey(all[end - 1]!) : ZERO_KEY);
  return {
    events,
    nextForwardToken: `f/${last ? eventKey(last) : emptyKey}/s`,
    nextBackwardToken: `b/${first ? eventKey(first) : (token?.key ?? (start < all.length ? eventKey(all[start]!) : ZERO_KEY))}/s`,
  };
}

const ZERO_KEY = '0'.repeat(56);

function parsePositionToken(token: string): { direction: 'f' | 'b'; key: string } {
  const match = /^([fb])\/(\d{56})\/s$/.exec(token);
  if (!match) throw invalidNextToken();
  return { direction: match[1] as 'f' | 'b', key: match[2]! };
}

function firstAtKey(events: readonly StoredEvent[], key: string): number {
  return partitionPoint(events, (e) => eventKey(e) < key);
}

function firstAfterKey(events: readonly StoredEvent[], key: string): number {
  return partitionPoint(events, (e) => eventKey(e) <= key);
}
