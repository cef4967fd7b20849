import type { BacktestRule } from './backtest-rule.ts';
import type { TimeWindow } from './line-scanner.ts';
import type { LogPiece } from './log-pieces.ts';
import { scanPieces } from './scan-pool.ts';
import { CAUSES_PER_FIRING, causeKey } from './scan-result.ts';
import type { CauseRequest, CausingEntry, ScanResult } from './scan-result.ts';
import type { AlarmTransition } from './simulate-alarm.ts';

/**
 * Second pass: rescans only the pieces whose entries overlap the evaluated periods of a firing, and
 * keeps the first matching entries of each firing, in log order.
 */
export async function collectCauses(
  pieces: readonly LogPiece[],
  results: readonly ScanResult[],
  rules: readonly BacktestRule[],
  window: TimeWindow,
  transitions: readonly (readonly AlarmTransition[])[],
  options: { readonly threads: number; readonly signal?: AbortSignal | undefined },
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
    options,
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
