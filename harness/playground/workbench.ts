import {
  compileMetricFilter,
  FilterPatternSyntaxError,
  MetricTransformationError,
  prepareEvent,
} from '../filter-pattern/index.ts';
import type { AuditRecord } from './audit-feed.ts';

/** Entries a workbench test looks at: the newest ones the server keeps. */
export const WORKBENCH_ENTRIES = 2_000;
const MAX_SHOWN = 200;

export type WorkbenchResult =
  | {
      readonly ok: true;
      readonly tested: number;
      readonly matched: number;
      /** Sum of the values the matches would publish (what one minute of them would add up to). */
      readonly total: number;
      /** Newest first, at most 200: entry number, a one-line summary and the value it would publish. */
      readonly matches: ReadonlyArray<{ seq: number; text: string; value: number | null }>;
    }
  | {
      readonly ok: false;
      /** One line, without the caret drawing (the page draws its own under the input). */
      readonly error: string;
      /** 0-based offsets into the pattern (syntax errors only). */
      readonly start?: number;
      readonly end?: number;
      /** The message as PutMetricFilter would answer it. */
      readonly awsMessage: string;
    };

/**
 * Tests a pattern (and metric value) on the recent audit entries with the engine the emulator
 * matches with, as `aws logs test-metric-filter` would on those lines.
 */
export function testPattern(
  pattern: string,
  metricValue: string,
  records: readonly AuditRecord[],
): WorkbenchResult {
  let filter;
  try {
    filter = compileMetricFilter(pattern, [
      { metricName: 'Workbench', metricNamespace: 'Workbench', metricValue: metricValue || '1' },
    ]);
  } catch (error) {
    if (error instanceof FilterPatternSyntaxError) {
      return {
        ok: false,
        error: `Invalid filter pattern at position ${error.position}: ${error.summary}`,
        start: error.range.start,
        end: error.range.end,
        awsMessage: error.awsMessage,
      };
    }
    if (error instanceof MetricTransformationError) {
      return { ok: false, error: error.message, awsMessage: error.awsMessage };
    }
    throw error;
  }
  const matches: Array<{ seq: number; text: string; value: number | null }> = [];
  let matched = 0;
  let total = 0;
  for (let i = records.length - 1; i >= 0; i--) {
    const record = records[i]!;
    const emissions = filter.apply(prepareEvent(record.line));
    if (emissions === undefined) continue;
    matched++;
    const value = emissions[0]?.value;
    if (value !== undefined) total += value;
    if (matches.length < MAX_SHOWN) {
      const s = record.summary;
      matches.push({
        seq: s.seq,
        text: `${s.time} ${s.type} ${s.operation} ${s.path} ${s.who}${s.error ? ` error: ${s.error}` : ''}`,
        value: value ?? null,
      });
    }
  }
  return { ok: true, tested: records.length, matched, total, matches };
}
