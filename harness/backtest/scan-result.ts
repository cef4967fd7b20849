/**
 * What scanning one piece of log (a byte range of a plain file, or a whole gzipped file) yields:
 * per rule and per minute of event time the matches and the metric samples, the minutes in which any
 * entry was seen (for defaultValue), and the malformed lines. Plain data, so a worker can post it.
 */

/** An audit entry that matched a rule, as shown next to a firing. */
export interface CausingEntry {
  readonly time: string;
  readonly type: string | undefined;
  readonly requestId: string | undefined;
  readonly path: string | undefined;
  readonly operation: string | undefined;
  readonly displayName: string | undefined;
  readonly remoteAddress: string | undefined;
}

/** One minute of one rule: matching entries and the samples they published for the alarm's metric. */
export interface MinuteBucket {
  matches: number;
  sampleCount: number;
  sum: number;
  minimum: number;
  maximum: number;
  /** The first few matching entries of the minute (at most CAUSES_PER_MINUTE). */
  causes: CausingEntry[];
}

export interface MalformedLine {
  /** Line number within the piece (1-based); the merge turns it into the file's line number. */
  readonly line: number;
  readonly reason: string;
}

export interface ScanResult {
  readonly bytes: number;
  /** Lines in the piece, malformed ones included. */
  readonly lines: number;
  /** Well-formed entries inside the --from/--to window. */
  readonly entries: number;
  /** Well-formed entries outside the window. */
  readonly outsideWindow: number;
  /** Entries per minute of event time (epoch ms), for the minutes that had any. */
  readonly entriesPerMinute: Map<number, number>;
  readonly firstEventMs: number | undefined;
  readonly lastEventMs: number | undefined;
  /** Indexed like the rule list: minute (epoch ms) → bucket. */
  readonly rules: { matches: number; minutes: Map<number, MinuteBucket> }[];
  readonly malformedCount: number;
  /** The first malformed lines (at most MALFORMED_KEPT_PER_PIECE). */
  readonly malformed: MalformedLine[];
}

export const CAUSES_PER_MINUTE = 20;
export const MALFORMED_KEPT_PER_PIECE = 200;
