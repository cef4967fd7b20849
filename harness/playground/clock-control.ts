import { isAdvanceable } from '../clock.ts';
import type { Clock } from '../clock.ts';
import type { LabTarget } from '../runner/index.ts';

const MINUTE = 60_000;

export type ClockMode = 'follow' | 'fast';

export interface ClockView {
  readonly now: number;
  /** How far the lab clock is ahead of the wall clock. */
  readonly aheadMs: number;
  /** The next alarm evaluation (the next minute boundary, lab time). */
  readonly nextEvaluation: number;
  readonly mode: ClockMode;
  readonly advanceable: boolean;
}

/**
 * The lab clock as the Clock view shows and moves it. The local target's clock flows with wall time
 * and jumps when advanced (every evaluation crossed runs, in order). Two modes: `follow` leaves it
 * flowing, so alarms evaluate once a real minute as on AWS; `fast` jumps to the next evaluation as
 * soon as new audit entries have reached CloudWatch Logs, so an alarm answers within a second.
 */
export class ClockControl {
  #mode: ClockMode = 'follow';
  #stopTimer: (() => void) | undefined;
  #stopped = false;

  constructor(
    private readonly target: LabTarget,
    private readonly onEvaluation: () => void,
  ) {
    this.#armEvaluationTimer();
  }

  get clock(): Clock {
    return this.target.clock;
  }

  get mode(): ClockMode {
    return this.#mode;
  }

  set mode(mode: ClockMode) {
    if (mode === 'fast' && !isAdvanceable(this.target.clock)) {
      throw new RangeError(
        `the ${this.target.name} target runs on the wall clock: only 'follow' is possible`,
      );
    }
    this.#mode = mode;
  }

  view(): ClockView {
    const now = this.target.clock.now();
    return {
      now,
      aheadMs: Math.max(0, now - Date.now()),
      nextEvaluation: nextBoundary(now),
      mode: this.#mode,
      advanceable: isAdvanceable(this.target.clock),
    };
  }

  /** Moves the clock `ms` forward; every alarm evaluation crossed runs before this resolves. */
  async advance(ms: number): Promise<void> {
    const clock = this.target.clock;
    if (!isAdvanceable(clock))
      throw new RangeError(`the ${this.target.name} target's clock cannot be advanced`);
    if (!Number.isFinite(ms) || ms <= 0 || ms > 24 * 60 * MINUTE) {
      throw new RangeError(`advance: expected a number of milliseconds from 1 to 86400000, got ${ms}`);
    }
    await clock.advance(ms);
  }

  /** One second past the next minute boundary: that evaluation has run. */
  async toNextEvaluation(): Promise<void> {
    const now = this.target.clock.now();
    await this.advance(nextBoundary(now) + 1_000 - now);
  }

  stop(): void {
    this.#stopped = true;
    this.#stopTimer?.();
  }

  // Fires just after each evaluation, whether the clock flowed or jumped there, so the page learns
  // of the new alarm states at once. The callback only schedules work: a timer runs inside advance().
  #armEvaluationTimer(): void {
    if (this.#stopped) return;
    const now = this.target.clock.now();
    this.#stopTimer = this.target.clock.setTimer(nextBoundary(now) + 50 - now, () => {
      setImmediate(this.onEvaluation);
      this.#armEvaluationTimer();
    });
  }
}

function nextBoundary(now: number): number {
  return Math.floor(now / MINUTE) * MINUTE + MINUTE;
}
