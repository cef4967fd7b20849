import type { DestinationQueue } from '../output/destination-queue.ts';
import type { Generation } from './generation.ts';

/** Counters for one followed file (all its generations), as `Shipper.stats()` reports them. */
export interface FileStats {
  readonly path: string;
  readonly group: string;
  readonly stream: string;
  /** Events produced by reading (shipped, filtered, skipped or still on their way). */
  readonly eventsRead: number;
  readonly bytesRead: number;
  /** Events CloudWatch Logs accepted (not counting rejected ones). */
  readonly eventsShipped: number;
  /** Events the service refused individually (`rejectedLogEventsInfo`): too new, too old, expired. */
  readonly eventsRejected: number;
  readonly rejected: { readonly tooNew: number; readonly tooOld: number; readonly expired: number };
  /** Events a `filters` entry refused, and empty events. */
  readonly eventsFiltered: number;
  /** Events found already shipped by an earlier run (re-read after a restart, not re-sent). */
  readonly eventsSkipped: number;
  /** Events cut into several because they exceeded the API's event size. */
  readonly eventsSplit: number;
  /** Retries of requests holding this file's events. */
  readonly retries: number;
  /** Age of the oldest event read but not yet accepted, ms (0 when all is accepted). */
  readonly lagMs: number;
  /** Bytes in the file(s) not yet read. */
  readonly unreadBytes: number;
  /** Byte offset up to which everything of the current file is accepted. */
  readonly committedOffset: number;
  readonly fileSize: number;
  /**
   * Losses reported (each a `data-loss` event: a file deleted, compressed or truncated before it was
   * read) and the bytes they name where known.
   */
  readonly lossReports: number;
  readonly bytesLost: number;
  /** Files (generations) still open: more than one during a rotation. */
  readonly generations: number;
  readonly lastError?: string;
  /** Set when a non-retryable error stopped shipping this file's destination. */
  readonly stoppedByError?: string;
}

export class FileCounters {
  eventsRead = 0;
  bytesRead = 0;
  eventsShipped = 0;
  tooNew = 0;
  tooOld = 0;
  expired = 0;
  eventsFiltered = 0;
  eventsSkipped = 0;
  eventsSplit = 0;
  retries = 0;
  lossReports = 0;
  bytesLost = 0;
  lastError: string | undefined;

  noteLoss(bytes: number | undefined): void {
    this.lossReports++;
    this.bytesLost += bytes ?? 0;
  }
}

/** The figures of one followed name across its open files (generations). */
export function fileStatsOf(input: {
  path: string;
  destination: DestinationQueue;
  counters: FileCounters;
  generations: readonly Generation[];
  now: number;
}): FileStats {
  const { counters: c, generations, destination } = input;
  const current = generations[generations.length - 1];
  let oldest: number | undefined;
  let unread = 0;
  for (const g of generations) {
    const t = g.oldestUnsettledReadAt();
    if (t !== undefined && (oldest === undefined || t < oldest)) oldest = t;
    unread += Math.max(0, g.lastSize - g.readOffset);
  }
  const failure = destination.failure;
  return {
    path: input.path,
    group: destination.group,
    stream: destination.stream,
    eventsRead: c.eventsRead,
    bytesRead: c.bytesRead,
    eventsShipped: c.eventsShipped,
    eventsRejected: c.tooNew + c.tooOld + c.expired,
    rejected: { tooNew: c.tooNew, tooOld: c.tooOld, expired: c.expired },
    eventsFiltered: c.eventsFiltered,
    eventsSkipped: c.eventsSkipped,
    eventsSplit: c.eventsSplit,
    retries: c.retries,
    lagMs: oldest === undefined ? 0 : Math.max(0, input.now - oldest),
    unreadBytes: unread,
    committedOffset: current?.committed[0] ?? 0,
    fileSize: current?.lastSize ?? 0,
    lossReports: c.lossReports,
    bytesLost: c.bytesLost,
    generations: generations.length,
    ...(c.lastError !== undefined ? { lastError: c.lastError } : {}),
    ...(failure !== undefined ? { stoppedByError: failure, lastError: failure } : {}),
  };
}
