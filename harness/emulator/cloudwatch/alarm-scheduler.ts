/**
 * Drives alarm evaluation on the emulator clock with one timer: the one for the next evaluation
 * boundary. CloudWatch evaluates alarms every minute (every 10 seconds for 10/20/30-second periods,
 * hourly when Period × EvaluationPeriods exceeds a day; alarms-sns.md §2.3). At each boundary the
 * callback evaluates the alarms due then, and the scheduler arms the next boundary.
 *
 * On an OffsetClock, `advance(3600_000)` fires the 60 minute boundaries one after the other, each
 * callback seeing now() at its own boundary, so an hour of evaluations costs what the evaluations
 * cost, not an hour, and no alarm owns a timer.
 */
import type { CancelTimer, Clock } from '../../clock.ts';

export { MINUTE_MS, HIGH_RESOLUTION_STEP_MS, HOUR_MS } from '../../alarm-evaluation/index.ts';

export interface AlarmSchedulerOptions {
  readonly clock: Clock;
  /** Evaluates the alarms due at `boundary` (epoch ms); awaited before the next boundary is armed. */
  readonly onBoundary: (boundary: number) => void | Promise<void>;
  /** The step between boundaries needed now: 10 s if a high-resolution alarm exists, else 60 s. */
  readonly step: () => number;
}

export class AlarmScheduler {
  readonly #options: AlarmSchedulerOptions;
  #cancel: CancelTimer | undefined;
  #armedFor: number | undefined;
  #running = false;

  constructor(options: AlarmSchedulerOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#arm(this.#options.clock.now());
  }

  stop(): void {
    this.#running = false;
    this.#cancel?.();
    this.#cancel = undefined;
    this.#armedFor = undefined;
  }

  /** Re-arms after the needed step may have shrunk (a high-resolution alarm was added). */
  reschedule(): void {
    if (!this.#running) return;
    const next = nextBoundary(this.#options.clock.now(), this.#options.step());
    if (this.#armedFor !== undefined && this.#armedFor <= next) return;
    this.#cancel?.();
    this.#arm(this.#options.clock.now());
  }

  #arm(after: number): void {
    const { clock } = this.#options;
    const boundary = nextBoundary(after, this.#options.step());
    this.#armedFor = boundary;
    this.#cancel = clock.setTimer(boundary - clock.now(), async () => {
      if (!this.#running || this.#armedFor !== boundary) return;
      try {
        await this.#options.onBoundary(boundary);
      } finally {
        if (this.#running && this.#armedFor === boundary) this.#arm(boundary);
      }
    });
  }
}

/** The first multiple of `step` strictly after `t`. */
export function nextBoundary(t: number, step: number): number {
  return (Math.floor(t / step) + 1) * step;
}
