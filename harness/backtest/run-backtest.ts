import { availableParallelism } from 'node:os';
import { access } from 'node:fs/promises';
import { ConfigError } from '../errors.ts';
import type { Rule } from '../rules/index.ts';
import { toBacktestRule } from './backtest-rule.ts';
import type { TimeWindow } from './line-scanner.ts';
import { planPieces, DEFAULT_PIECE_BYTES } from './log-pieces.ts';
import { mergeResults } from './merge-results.ts';
import { buildReport } from './report.ts';
import type { BacktestReport } from './report.ts';
import { scanPieces } from './scan-pool.ts';
import { simulateAlarm } from './simulate-alarm.ts';
import type { AlarmTransition } from './simulate-alarm.ts';
import { CAUSES_PER_FIRING, causeKey } from './scan-result.ts';
import type { CauseRequest, CausingEntry, ScanResult } from './scan-result.ts';
import type { BacktestRule } from './backtest-rule.ts';
import type { LogPiece } from './log-pieces.ts';

export interface BacktestOptions {
  /** Audit logs, plain or gzipped, oldest first (e.g. audit.log.2.gz audit.log.1 audit.log). */
  readonly files: readonly string[];
  readonly rules: readonly Rule[];
  /** The business-hours time zone firings are also shown in. */
  readonly timeZone?: string;
  readonly window?: TimeWindow;
  /** Worker threads (default: the available cores); 1 scans in this thread. */
  readonly threads?: number;
  /** Bytes per piece of a plain file (default 32 MiB). */
  readonly pieceBytes?: number;
  /** Called with (bytes scanned so far, total bytes on disk) as the scan goes. */
  readonly onProgress?: (scanned: number, total: number) => void;
  readonly signal?: AbortSignal | undefined;
  /** For throughput figures; defaults to performance.now(). */
  readonly now?: () => number;
}

/**
 * Replays audit logs through the rules on event time: scan (in worker threads) → merge per minute →
 * replay each alarm with the shared evaluator → report.
 */
export async function runBacktest(options: BacktestOptions): Promise<BacktestReport> {
  if (options.files.length === 0) throw new ConfigError('backtest: no log file given (--log FILE)');
  for (const file of options.files) {
    await access(file).catch((error: unknown) => {
      throw new ConfigError(`backtest: cannot read log file ${JSON.stringify(file)}`, { cause: error });
    });
  }
  const now = options.now ?? (() => performance.now());
  const started = now();
  const rules = options.rules.map(toBacktestRule);
  const window = options.window ?? {};
  const pieces = await planPieces(options.files, options.pieceBytes ?? DEFAULT_PIECE_BYTES);
  const total = pieces.reduce((sum, p) => sum + (p.end - p.start), 0);
  let scanned = 0;
  const results = await scanPieces(pieces, rules, window, {
    threads: options.threads ?? availableParallelism(),
    onBytes: (count) => {
      scanned += count;
      options.onProgress?.(scanned, total);
    },
    signal: options.signal,
  });
  const merged = mergeResults(pieces, results, rules.length);
  const transitions = rules.map((rule, i) =>
    merged.firstEventMs === undefined || merged.lastEventMs === undefined
      ? []
      : simulateAlarm({
          rule,
          minutes: merged.rules[i]!.minutes,
          minutesSeen: merged.entriesPerMinute,
          firstMinute: merged.firstEventMs,
          lastMinute: merged.lastEventMs,
        }),
  );
  const causes = await collectCauses(pieces, results, rules, window, transitions, options);
  return buildReport({
    rules,
    merged,
    transitions,
    causes,
    timeZone: options.timeZone ?? 'UTC',
    window,
    seconds: (now() - started) / 1000,
  });
}

/**
 * Second pass: rescans only the pieces whose entries overlap the evaluated periods of a firing, and
 * keeps the first matching entries of each firing, in log order.
 */
async function collectCauses(
  pieces: readonly LogPiece[],
  results: readonly ScanResult[],
  rules: readonly BacktestRule[],
  window: TimeWindow,
  transitions: readonly (readonly AlarmTransition[])[],
  options: BacktestOptions,
): Promise<Map<string, CausingEntry[]>> {
  const requests: CauseRequest[] = [];
  transitions.forEach((list, rule) => {
    const spanMs = rules[rule]!.alarm.evaluationPeriods * rules[rule]!.alarm.period * 1000;
    for (const t of list) {
      if (t.to === 'ALARM')
        requests.push({ key: causeKey(rule, t.at), rule, fromMs: t.at - spanMs, toMs: t.at });
    }
  });
  const perPiece = results.map((result) =>
    requests.filter(
      (r) =>
        result.firstEventMs !== undefined &&
        result.lastEventMs !== undefined &&
        r.fromMs <= result.lastEventMs &&
        r.toMs > result.firstEventMs,
    ),
  );
  const needed = pieces.map((_, i) => i).filter((i) => perPiece[i]!.length > 0);
  const causes = new Map<string, CausingEntry[]>();
  if (needed.length === 0) return causes;
  const rescanned = await scanPieces(
    needed.map((i) => pieces[i]!),
    rules,
    window,
    { threads: options.threads ?? availableParallelism(), signal: options.signal },
    needed.map((i) => perPiece[i]!),
  );
  for (const result of rescanned) {
    for (const [key, entries] of result.causes) {
      const list = causes.get(key) ?? [];
      for (const entry of entries) if (list.length < CAUSES_PER_FIRING) list.push(entry);
      causes.set(key, list);
    }
  }
  return causes;
}
