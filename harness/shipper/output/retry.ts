import type { RetryProfileName } from './error-class.ts';

/**
 * How long to wait before attempt n+1: exponential from a base, capped, then jittered uniformly into
 * [d/2, d) ("equal jitter", as the agent's `retry.go`), so a fleet of shippers throttled together does
 * not retry together, and no wait collapses to ~0. A pure function of the attempt number and a random
 * source; the waiting happens on the injected Clock.
 */
export interface RetryProfile {
  readonly baseMs: number;
  readonly capMs: number;
}

export type RetryPolicy = Readonly<Record<RetryProfileName, RetryProfile>>;

/**
 * - slow: throttling, 5xx and network trouble (the agent waits 2 s, 4 s, then 60 s);
 * - fast: a call that failed for a reason already dealt with (a stream created by someone else);
 * - blocked: permissions or credentials, which only an operator fixes.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  slow: { baseMs: 500, capMs: 30_000 },
  fast: { baseMs: 100, capMs: 5_000 },
  blocked: { baseMs: 5_000, capMs: 60_000 },
};

/** A policy with every base and cap multiplied (tests and the chaos run use small bases). */
export function scaledRetryPolicy(baseMs: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetryPolicy {
  const factor = baseMs / policy.slow.baseMs;
  const scale = (p: RetryProfile): RetryProfile => ({
    baseMs: p.baseMs * factor,
    capMs: Math.max(p.capMs * factor, baseMs),
  });
  return { slow: scale(policy.slow), fast: scale(policy.fast), blocked: scale(policy.blocked) };
}

/** @param attempt 0 for the wait after the first failure. */
export function retryDelay(
  attempt: number,
  profile: RetryProfile,
  random: () => number = Math.random,
): number {
  const exp = profile.baseMs * 2 ** Math.min(attempt, 30);
  const d = Math.min(profile.capMs, exp);
  return Math.round(d / 2 + (random() * d) / 2);
}
