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
}

/**
 * The second pass: collect the entries of `rule` that match in [fromMs, toMs), the evaluated periods
 * of one firing, found by the first pass. Keeping no entries in the first pass keeps its memory to
 * one bucket per rule and minute.
 */
export interface CauseRequest {
  readonly key: string;
  readonly rule: number;
  readonly fromMs: number;
  readonly toMs: number;
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
  /** Second pass only: CauseRequest key → the first matching entries (at most CAUSES_PER_FIRING). */
  readonly causes: Map<string, CausingEntry[]>;
}

/** Names one firing: the rule's index and the evaluation at which it went to ALARM. */
export function causeKey(rule: number, at: number): string {
  return `${rule}@${at}`;
}

/** Causing entries listed per firing (all are counted). */
export const CAUSES_PER_FIRING = 20;
export const MALFORMED_KEPT_PER_PIECE = 200;
