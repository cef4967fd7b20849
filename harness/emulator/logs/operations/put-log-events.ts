import type {
  PutLogEventsRequest,
  PutLogEventsResponse,
  RejectedLogEventsInfo,
} from '@aws-sdk/client-cloudwatch-logs';
import type { RequestContext, Validated } from '../../service.ts';
import type { LogsContext } from '../context.ts';
import { requireGroup, requireStream } from '../context.ts';
import { invalidParameter } from '../errors.ts';
import {
  EVENT_OVERHEAD_BYTES,
  MAX_EVENT_AGE_MS,
  MAX_BATCH_BYTES,
  MAX_BATCH_SPAN_MS,
  MAX_EVENT_BYTES,
  MAX_EVENT_FUTURE_MS,
} from '../limits.ts';
import type { StoredEvent } from '../store.ts';
import { sequenceToken } from './streams.ts';

/**
 * PutLogEvents as the API reference states it today (cloudwatch-agent.md §4):
 *
 * 1. sizes: each event counts its UTF-8 message bytes + 26; an event over 1 MB or a batch over
 *    1,048,576 bytes fails the request ("Log event too large: …" / "Upload too large: …");
 * 2. the group and the stream must exist (ResourceNotFoundException);
 * 3. events must be in chronological order (equal timestamps allowed), else the request fails;
 * 4. events more than 14 days old or older than the retention period form a rejected prefix, events
 *    more than 2 hours in the future a rejected suffix: reported in `rejectedLogEventsInfo`
 *    (end indexes exclusive, start index inclusive), the rest is accepted;
 * 5. the accepted events may not span more than 24 hours, else the request fails.
 *
 * Sequence tokens are ignored (never InvalidSequenceTokenException). Accepted events go to the
 * metric filters of the group. Every time comes from the emulator clock.
 */
export function putLogEvents(
  logs: LogsContext,
  input: Validated<PutLogEventsRequest>,
  context: RequestContext,
): PutLogEventsResponse {
  const events = input.logEvents;
  const sizes = new Array<number>(events.length);
  let batchBytes = 0;
  for (let i = 0; i < events.length; i++) {
    const bytes = Buffer.byteLength(events[i]!.message, 'utf8');
    sizes[i] = bytes;
    const eventBytes = bytes + EVENT_OVERHEAD_BYTES;
    if (eventBytes > MAX_EVENT_BYTES) {
      throw invalidParameter(`Log event too large: ${eventBytes} bytes exceeds limit of ${MAX_EVENT_BYTES}`);
    }
    batchBytes += eventBytes;
  }
  if (batchBytes > MAX_BATCH_BYTES) {
    throw invalidParameter(`Upload too large: ${batchBytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  }

  const group = requireGroup(logs.stores.get(context), input.logGroupName);
  const stream = requireStream(group, input.logStreamName);

  for (let i = 1; i < events.length; i++) {
    if (events[i]!.timestamp < events[i - 1]!.timestamp) {
      throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
    }
  }

  const now = logs.clock.now();
  const tooOldBefore = now - MAX_EVENT_AGE_MS;
  const retentionCutoff = group.retentionCutoff(now);
  const tooNewAfter = now + MAX_EVENT_FUTURE_MS;
  let tooOldEnd = 0;
  while (tooOldEnd < events.length && events[tooOldEnd]!.timestamp < tooOldBefore) tooOldEnd++;
  let expiredEnd = 0;
  if (retentionCutoff !== undefined) {
    while (expiredEnd < events.length && events[expiredEnd]!.timestamp < retentionCutoff) expiredEnd++;
  }
  let tooNewStart = events.length;
  while (tooNewStart > 0 && events[tooNewStart - 1]!.timestamp > tooNewAfter) tooNewStart--;
  const acceptFrom = Math.max(tooOldEnd, expiredEnd);
  const acceptTo = Math.max(acceptFrom, tooNewStart);

  if (
    acceptTo > acceptFrom &&
    events[acceptTo - 1]!.timestamp - events[acceptFrom]!.timestamp > MAX_BATCH_SPAN_MS
  ) {
    throw invalidParameter(
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    );
  }

  const store = logs.stores.get(context);
  const accepted: StoredEvent[] = new Array(acceptTo - acceptFrom);
  let acceptedBytes = 0;
  for (let i = acceptFrom; i < acceptTo; i++) {
    const event = events[i]!;
    accepted[i - acceptFrom] = {
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: now,
      seq: store.nextSeq(),
    };
    acceptedBytes += sizes[i]!;
  }
  stream.append(accepted, acceptedBytes);
  if (accepted.length > 0) logs.metricFilters.ingest(context, group, accepted);

  const rejected: RejectedLogEventsInfo = {
    ...(tooNewStart < events.length ? { tooNewLogEventStartIndex: tooNewStart } : {}),
    ...(tooOldEnd > 0 ? { tooOldLogEventEndIndex: tooOldEnd } : {}),
    ...(expiredEnd > 0 ? { expiredLogEventEndIndex: expiredEnd } : {}),
  };
  return {
    nextSequenceToken: sequenceToken(stream.uploadSequence),
    ...(Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {}),
  };
}
