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
import { collectCauses } from './collect-causes.ts';

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
  const causes = await collectCauses(pieces, results, rules, window, transitions, {
    threads: options.threads ?? availableParallelism(),
    signal: options.signal,
  });
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
