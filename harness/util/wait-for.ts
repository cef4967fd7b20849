import { WaitTimeoutError } from '../errors.ts';

export interface WaitForOptions {
  /** What is awaited, in words: it goes into the timeout message. */
  readonly description: string;
  readonly timeoutMs?: number;
  /** Delay between two checks; real time, never the lab clock (the condition lives in the real world). */
  readonly intervalMs?: number;
  readonly signal?: AbortSignal;
}

export type WaitOutcome<T> =
  | { readonly state: 'success'; readonly value: T; readonly elapsedMs: number }
  | { readonly state: 'timeout'; readonly elapsedMs: number; readonly lastError?: unknown }
  | { readonly state: 'aborted'; readonly elapsedMs: number };

/**
 * Polls `check` until it returns a value other than `undefined`/`false`, the deadline passes or the
 * signal aborts. Errors thrown by `check` count as "not yet" and the last one is kept for the report.
 */
export async function pollUntil<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  options: WaitForOptions,
): Promise<WaitOutcome<T>> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 50;
  const started = performance.now();
  let lastError: unknown;
  for (;;) {
    if (options.signal?.aborted) return { state: 'aborted', elapsedMs: performance.now() - started };
    try {
      const value = await check();
      if (value !== undefined && value !== false) {
        return { state: 'success', value, elapsedMs: performance.now() - started };
      }
    } catch (error) {
      lastError = error;
    }
    const elapsedMs = performance.now() - started;
    if (elapsedMs >= timeoutMs) return { state: 'timeout', elapsedMs, lastError };
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, timeoutMs - elapsedMs)));
  }
}

/** `pollUntil`, with a timeout or abort turned into a `WaitTimeoutError` that says what was awaited. */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  options: WaitForOptions,
): Promise<T> {
  const outcome = await pollUntil(check, options);
  if (outcome.state === 'success') return outcome.value;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const last =
    outcome.state === 'timeout' && outcome.lastError !== undefined
      ? ` (last error: ${outcome.lastError instanceof Error ? outcome.lastError.message : String(outcome.lastError)})`
      : '';
  const why = outcome.state === 'aborted' ? 'aborted' : `not reached after ${timeoutMs} ms`;
  throw new WaitTimeoutError(`${options.description}: ${why}${last}`, {
    cause: outcome.state === 'timeout' ? outcome.lastError : undefined,
  });
}
