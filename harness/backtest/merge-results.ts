import type { LogPiece } from './log-pieces.ts';
import type { MinuteBucket, ScanResult } from './scan-result.ts';

/** At most this many malformed lines are listed (all are counted). */
export const MALFORMED_LISTED = 1000;

export interface FileSummary {
  readonly file: string;
  readonly bytes: number;
  readonly lines: number;
  readonly malformed: number;
}

/** The pieces added up: line numbers are the files', minutes of every piece merged. */
export interface MergedScan extends Pick<
  ScanResult,
  'entries' | 'outsideWindow' | 'firstEventMs' | 'lastEventMs' | 'rules' | 'malformedCount'
> {
  readonly files: FileSummary[];
  readonly entriesPerMinute: ReadonlyMap<number, number>;
  readonly malformed: { file: string; line: number; reason: string }[];
}

export function mergeResults(
  pieces: readonly LogPiece[],
  results: readonly ScanResult[],
  ruleCount: number,
): MergedScan {
  const files = new Map<string, { file: string; bytes: number; lines: number; malformed: number }>();
  const rules = Array.from({ length: ruleCount }, () => ({
    matches: 0,
    minutes: new Map<number, MinuteBucket>(),
  }));
  const entriesPerMinute = new Map<number, number>();
  const malformed: MergedScan['malformed'] = [];
  let entries = 0;
  let outsideWindow = 0;
  let malformedCount = 0;
  let first: number | undefined;
  let last: number | undefined;
  results.forEach((result, i) => {
    const piece = pieces[i]!;
    let file = files.get(piece.file);
    if (file === undefined) {
      file = { file: piece.file, bytes: 0, lines: 0, malformed: 0 };
      files.set(piece.file, file);
    }
    for (const bad of result.malformed) {
      if (malformed.length < MALFORMED_LISTED)
        malformed.push({ file: piece.file, line: file.lines + bad.line, reason: bad.reason });
    }
    file.bytes += result.bytes;
    file.lines += result.lines;
    file.malformed += result.malformedCount;
    malformedCount += result.malformedCount;
    entries += result.entries;
    outsideWindow += result.outsideWindow;
    for (const [minute, count] of result.entriesPerMinute)
      entriesPerMinute.set(minute, (entriesPerMinute.get(minute) ?? 0) + count);
    if (result.firstEventMs !== undefined && (first === undefined || result.firstEventMs < first))
      first = result.firstEventMs;
    if (result.lastEventMs !== undefined && (last === undefined || result.lastEventMs > last))
      last = result.lastEventMs;
    result.rules.forEach((rule, r) => {
      const into = rules[r]!;
      into.matches += rule.matches;
      for (const [minute, bucket] of rule.minutes) {
        const existing = into.minutes.get(minute);
        if (existing === undefined) into.minutes.set(minute, bucket);
        else mergeBucket(existing, bucket);
      }
    });
  });
  return {
    files: [...files.values()],
    entries,
    outsideWindow,
    entriesPerMinute,
    firstEventMs: first,
    lastEventMs: last,
    rules,
    malformedCount,
    malformed,
  };
}

function mergeBucket(into: MinuteBucket, from: MinuteBucket): void {
  into.matches += from.matches;
  into.sampleCount += from.sampleCount;
  into.sum += from.sum;
  into.minimum = Math.min(into.minimum, from.minimum);
  into.maximum = Math.max(into.maximum, from.maximum);
}
