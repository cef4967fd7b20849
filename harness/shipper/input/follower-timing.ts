/**
 * The follower's timers, all on the I/O clock (wall time): how often a file is looked at without a
 * change notification, and how long the "is it finished?" questions wait for silence.
 */
export interface FollowerTiming {
  /** How often the file is checked when no change notification arrives. */
  readonly pollIntervalMs: number;
  /** A held multi-line event is emitted after this long without new data. */
  readonly multiLineIdleMs: number;
  /** An unterminated last line is shipped after this long without new data. */
  readonly partialLineTimeoutMs: number;
  /** A rotated file is finished after this long without new data once a newer file exists. */
  readonly rotationGraceMs: number;
  /** After this, a newer file is read even if the rotated one is still being written. */
  readonly rotationMaxWaitMs: number;
}

interface Waiting {
  readonly lastGrowthAt: number;
  readonly holdingEvent: boolean;
  readonly hasPartialLine: boolean;
  readonly rotated: boolean;
  readonly rotatedAt: number;
  readonly finished: boolean;
}

/** Milliseconds until the next pass: the poll interval, or sooner when an idle timeout falls due. */
export function nextWakeDelay(files: readonly Waiting[], t: FollowerTiming, now: number): number {
  let delay = t.pollIntervalMs;
  for (const g of files) {
    const since = now - g.lastGrowthAt;
    if (g.holdingEvent) delay = Math.min(delay, Math.max(1, t.multiLineIdleMs - since));
    if (g.hasPartialLine) delay = Math.min(delay, Math.max(1, t.partialLineTimeoutMs - since));
    if (g.rotated && !g.finished) {
      delay = Math.min(delay, Math.max(1, t.rotationGraceMs - (now - Math.max(g.lastGrowthAt, g.rotatedAt))));
    }
  }
  return delay;
}
