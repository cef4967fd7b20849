import type { DeliveryCheck, Presence } from './delivery-check.ts';
import type { LogsApi } from './logs-api.ts';

/**
 * Did a request whose outcome we do not know reach the stream? PutLogEvents has no idempotency key,
 * so after an ambiguous failure (5xx, reset connection, timeout) or a crash between "accepted" and
 * "checkpoint written", resending blindly duplicates and skipping loses. We read the stream back over
 * the batch's time window and look for its events, in order.
 *
 * Limits, stated: real CloudWatch Logs may need a few seconds before GetLogEvents shows new events,
 * so right after the failure a stored batch can look absent (then it is sent again: a duplicate, never
 * a loss); and a window holding an identical run of messages from elsewhere would make a missing
 * batch look present (requires the very same lines in the same milliseconds).
 */
export interface ExpectedEvent {
  readonly message: string;
  /** When known (in-process batch), must match too; after a restart only the window is known. */
  readonly timestamp?: number;
}

/** The followers' `DeliveryCheck`, answered from the stream (after a restart only the window is known). */
export function logsDeliveryCheck(api: LogsApi): DeliveryCheck {
  return {
    presence: (request, messages) =>
      findBatch(
        api,
        request,
        messages.map((message) => ({ message })),
        { firstTs: request.firstTs, lastTs: request.lastTs },
      ),
  };
}

/** GetLogEvents pages read at most, so a busy window cannot stall recovery. */
const MAX_PAGES = 200;

export async function findBatch(
  api: LogsApi,
  target: { group: string; stream: string },
  expected: readonly ExpectedEvent[],
  window: { firstTs: number; lastTs: number },
  signal?: AbortSignal,
): Promise<Presence> {
  if (expected.length === 0) return 'present';
  // A multiset, not a sequence: events the service rejected (too old/new) are missing from the
  // stream but do not stop the rest from being recognised.
  const wanted = new Map<string, number>();
  for (const e of expected) {
    const key = keyOf(e.message, e.timestamp);
    wanted.set(key, (wanted.get(key) ?? 0) + 1);
  }
  const withTimestamps = expected[0]!.timestamp !== undefined;
  let matched = 0;
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let out;
    try {
      out = await api.getLogEvents(
        {
          logGroupName: target.group,
          logStreamName: target.stream,
          startTime: window.firstTs,
          endTime: window.lastTs + 1,
          startFromHead: true,
          limit: 10_000,
          ...(nextToken ? { nextToken } : {}),
        },
        signal,
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'ResourceNotFoundException') return 'absent';
      throw error;
    }
    for (const event of out.events) {
      if (
        event.timestamp === undefined ||
        event.timestamp < window.firstTs ||
        event.timestamp > window.lastTs
      )
        continue;
      const key = keyOf(event.message ?? '', withTimestamps ? event.timestamp : undefined);
      const left = wanted.get(key) ?? 0;
      if (left > 0) {
        wanted.set(key, left - 1);
        matched++;
      }
    }
    if (matched === expected.length || out.events.length === 0 || out.nextForwardToken === nextToken) break;
    nextToken = out.nextForwardToken;
    if (nextToken === undefined) break;
  }
  if (matched === expected.length) return 'present';
  return matched === 0 ? 'absent' : 'partial';
}

function keyOf(message: string, timestamp: number | undefined): string {
  return timestamp === undefined ? message : `${timestamp}\0${message}`;
}
