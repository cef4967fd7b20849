import { Worker } from 'node:worker_threads';
import type { BacktestRule } from './backtest-rule.ts';
import type { TimeWindow } from './line-scanner.ts';
import type { LogPiece } from './log-pieces.ts';
import { scanPiece } from './scan-piece.ts';
import type { CauseRequest, ScanResult } from './scan-result.ts';
import { BacktestReadError } from './errors.ts';

export interface ScanRequest {
  readonly piece: LogPiece;
  readonly rules: readonly BacktestRule[];
  readonly window: TimeWindow;
  /** Second pass: what to collect causing entries for (undefined in the first pass). */
  readonly causeRequests?: readonly CauseRequest[] | undefined;
}

export type WorkerMessage =
  | { readonly kind: 'progress'; readonly bytes: number }
  | { readonly kind: 'result'; readonly result: ScanResult }
  | { readonly kind: 'error'; readonly message: string };

export interface ScanPoolOptions {
  readonly threads: number;
  readonly onBytes?: (count: number) => void;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Scans every piece and returns the results in piece order. With one thread (or one piece) it scans
 * in this thread; otherwise each worker takes the next unscanned piece, so a big file keeps every
 * core busy and the results still merge in the files' order.
 */
export async function scanPieces(
  pieces: readonly LogPiece[],
  rules: readonly BacktestRule[],
  window: TimeWindow,
  options: ScanPoolOptions,
  /** Per piece, the second pass's cause requests. */
  causeRequests?: readonly (readonly CauseRequest[])[],
): Promise<ScanResult[]> {
  const onBytes = options.onBytes ?? (() => undefined);
  const threads = Math.max(1, Math.min(options.threads, pieces.length));
  const results: ScanResult[] = new Array<ScanResult>(pieces.length);
  if (threads === 1) {
    for (let i = 0; i < pieces.length; i++) {
      options.signal?.throwIfAborted();
      results[i] = await scanPiece(pieces[i]!, rules, window, onBytes, causeRequests?.[i]);
    }
    return results;
  }
  let next = 0;
  const workers: Worker[] = [];
  const runWorker = (worker: Worker): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      let current = -1;
      const take = (): void => {
        if (options.signal?.aborted) return reject(options.signal.reason as Error);
        if (next >= pieces.length) return resolve();
        current = next++;
        worker.postMessage({
          piece: pieces[current]!,
          rules,
          window,
          causeRequests: causeRequests?.[current],
        } satisfies ScanRequest);
      };
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'progress') onBytes(message.bytes);
        else if (message.kind === 'error')
          reject(new BacktestReadError(pieces[current]!.file, message.message));
        else {
          results[current] = message.result;
          take();
        }
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (next < pieces.length || results[current] === undefined)
          reject(new Error(`a backtest worker exited with status ${code}`));
      });
      take();
    });
  try {
    for (let i = 0; i < threads; i++) {
      workers.push(
        new Worker(new URL('./worker-entry.mjs', import.meta.url), {
          resourceLimits: { maxYoungGenerationSizeMb: 8 },
        }),
      );
    }
    await Promise.all(workers.map(runWorker));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
