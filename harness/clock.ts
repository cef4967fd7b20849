/**
 * Time for every component that timestamps, schedules or sleeps. Domain code never calls
 * `Date.now()` or a bare `setTimeout`: it receives a Clock.
 *
 * - `SystemClock` is the wall clock (LocalStack and AWS targets).
 * - `OffsetClock` is wall time plus an offset that only grows (the local target). It keeps flowing
 *   in real time, and `advance()` jumps it forward: every timer that falls due in the jump fires, in
 *   due order, before `advance()` resolves, so an hour of alarm evaluations costs milliseconds.
 */
export interface Clock {
  /** Current time, epoch milliseconds. */
  now(): number;
  /**
   * Runs `callback` once the clock has moved `delayMs` forward (by flowing or by being advanced).
   * Returns a function that cancels the timer; cancelling a fired timer is a no-op.
   */
  setTimer(delayMs: number, callback: TimerCallback): CancelTimer;
  /** Resolves once the clock has moved `delayMs` forward; rejects with the signal's reason on abort. */
  sleep(delayMs: number, signal?: AbortSignal): Promise<void>;
}

export type TimerCallback = () => void | Promise<void>;
export type CancelTimer = () => void;

/** A clock whose time tests and the runner can move forward. */
export interface AdvanceableClock extends Clock {
  /** Moves time forward by `ms` (>= 0) and runs every timer that fell due, in order. */
  advance(ms: number): Promise<void>;
  /** Moves time forward to `epochMs`; a time in the past is refused (time never goes back). */
  advanceTo(epochMs: number): Promise<void>;
  /** Milliseconds this clock is ahead of the wall clock. */
  readonly offsetMs: number;
}

export function isAdvanceable(clock: Clock): clock is AdvanceableClock {
  return typeof (clock as Partial<AdvanceableClock>).advance === 'function';
}

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimer(delayMs: number, callback: TimerCallback): CancelTimer {
    const handle = setTimeout(() => void callback(), Math.max(0, delayMs));
    return () => clearTimeout(handle);
  }

  sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, delayMs, signal);
  }
}

interface PendingTimer {
  readonly dueAt: number;
  readonly seq: number;
  readonly callback: TimerCallback;
  cancelled: boolean;
}

export class OffsetClock implements AdvanceableClock {
  #offsetMs: number;
  #timers: PendingTimer[] = [];
  #seq = 0;
  #wallTimer: ReturnType<typeof setTimeout> | undefined;
  #firing: Promise<void> = Promise.resolve();
  readonly #wallNow: () => number;

  /** @param startAt optional epoch ms the clock reads right now (defaults to wall time). */
  constructor(options: { startAt?: number; wallNow?: () => number } = {}) {
    this.#wallNow = options.wallNow ?? Date.now;
    this.#offsetMs = options.startAt === undefined ? 0 : options.startAt - this.#wallNow();
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  now(): number {
    return this.#wallNow() + this.#offsetMs;
  }

  setTimer(delayMs: number, callback: TimerCallback): CancelTimer {
    const timer: PendingTimer = {
      dueAt: this.now() + Math.max(0, delayMs),
      seq: this.#seq++,
      callback,
      cancelled: false,
    };
    insertSorted(this.#timers, timer);
    this.#armWallTimer();
    return () => {
      if (timer.cancelled) return;
      timer.cancelled = true;
      // Re-arm so a cancelled timer leaves no real setTimeout behind to keep the process alive.
      if (this.#timers[0] === timer) this.#armWallTimer();
    };
  }

  sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, delayMs, signal);
  }

  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`advance(ms): expected a finite number of milliseconds >= 0, got ${ms}`);
    }
    const run = this.#firing.then(async () => {
      const target = this.now() + ms;
      // Step through the jump timer by timer: each callback sees now() at its own due time, and a
      // timer it schedules fires within the same jump if it falls due before the target, exactly as
      // if the time had really passed.
      for (;;) {
        const next = this.#popDue(target);
        if (next === undefined) break;
        this.#offsetMs = Math.max(this.#offsetMs, next.dueAt - this.#wallNow());
        await runTimer(next);
      }
      this.#offsetMs = Math.max(this.#offsetMs, target - this.#wallNow());
      this.#armWallTimer();
    });
    this.#firing = run;
    await run;
  }

  async advanceTo(epochMs: number): Promise<void> {
    const delta = epochMs - this.now();
    if (delta < 0) {
      throw new RangeError(
        `advanceTo(${new Date(epochMs).toISOString()}): the clock is already at ${new Date(this.now()).toISOString()} and never goes back`,
      );
    }
    await this.advance(delta);
  }

  /** Fires timers that fell due as wall time flowed; serialised with advances so order holds. */
  #fireDue(): Promise<void> {
    const run = this.#firing.then(async () => {
      for (;;) {
        const next = this.#popDue(this.now());
        if (next === undefined) break;
        await runTimer(next);
      }
      this.#armWallTimer();
    });
    this.#firing = run;
    return run;
  }

  #popDue(until: number): PendingTimer | undefined {
    for (;;) {
      const next = this.#timers[0];
      if (next === undefined || next.dueAt > until) return undefined;
      this.#timers.shift();
      if (!next.cancelled) return next;
    }
  }

  #armWallTimer(): void {
    if (this.#wallTimer !== undefined) clearTimeout(this.#wallTimer);
    this.#wallTimer = undefined;
    while (this.#timers[0]?.cancelled) this.#timers.shift();
    const next = this.#timers[0];
    if (next === undefined) return;
    const wait = Math.max(0, next.dueAt - this.now());
    this.#wallTimer = setTimeout(() => void this.#fireDue(), Math.min(wait, 2 ** 31 - 1));
  }
}

async function runTimer(timer: PendingTimer): Promise<void> {
  timer.cancelled = true;
  try {
    await timer.callback();
  } catch {
    // A timer's owner handles its own errors; one failing timer must not stall the clock.
  }
}

function insertSorted(timers: PendingTimer[], timer: PendingTimer): void {
  let lo = 0;
  let hi = timers.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = timers[mid]!;
    if (other.dueAt < timer.dueAt || (other.dueAt === timer.dueAt && other.seq < timer.seq)) lo = mid + 1;
    else hi = mid;
  }
  timers.splice(lo, 0, timer);
}

function sleepOn(clock: Clock, delayMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      cancel();
      reject(signal?.reason);
    };
    const cancel = clock.setTimer(delayMs, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const systemClock: Clock = new SystemClock();
