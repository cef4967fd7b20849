import type { AdvanceableClock, Clock } from '../../clock.ts';

const MINUTE = 60_000;

/** Milliseconds from `now` to one second past the next minute boundary (an evaluation has run). */
export function untilNextEvaluation(now: number): number {
  return Math.ceil((now + 1) / MINUTE) * MINUTE + 1_000 - now;
}

/** What the runner hands a strategy when it waits for the verdict of an act phase. */
export interface VerdictWait {
  /** Target time of the act phase's last shipped event. */
  readonly lastEventMs: number;
  /** Longest evaluation window (period × evaluation periods) of the provisioned alarms. */
  readonly longestWindowMs: number;
  /** Collects the transitions since the last look; true once every expected alarm has fired. */
  look(): Promise<boolean>;
  readonly signal?: AbortSignal;
}

/**
 * How a target lets its alarm evaluations happen. The runner says what it waits for; the target
 * decides how: the local target moves its virtual clock (milliseconds), wall-clock targets sleep.
 */
export interface TargetWaiting {
  /**
   * Lets the next alarm evaluation judge everything shipped so far, and returns once an alarm that
   * has not changed state can be taken as not going to.
   */
  passEvaluation(signal?: AbortSignal): Promise<void>;
  /** The pause between two looks at alarms that are not back in OK yet. */
  awaitNextLook(signal?: AbortSignal): Promise<void>;
  /** Puts the start of an act phase just past a minute boundary, where the target's clock allows it. */
  startActPhase(): Promise<void>;
  /** Looks until the expected alarms fired (or no longer can) and the others had their chance. */
  awaitVerdict(wait: VerdictWait): Promise<void>;
}

/** A virtual clock: every wait is a jump to the evaluation that matters. */
export function virtualClockWaiting(clock: AdvanceableClock): TargetWaiting {
  const toNextEvaluation = (): Promise<void> => clock.advance(untilNextEvaluation(clock.now()));
  return {
    passEvaluation: toNextEvaluation,
    awaitNextLook: toNextEvaluation,
    startActPhase: toNextEvaluation,
    async awaitVerdict({ lastEventMs, longestWindowMs, look }) {
      // Evaluate the minute of the last event, then keep going one minute at a time while an expected
      // alarm has not fired yet and could still (M-of-N over a longer window).
      const firstBoundary = Math.ceil((lastEventMs + 1) / MINUTE) * MINUTE;
      await clock.advance(Math.max(0, firstBoundary + 1_000 - clock.now()));
      let fired = await look();
      while (!fired && clock.now() < firstBoundary + longestWindowMs) {
        await clock.advance(MINUTE);
        fired = await look();
      }
    },
  };
}

/** How long the runner waits for things on a wall-clock target (LocalStack, AWS). */
export interface WallClockTiming {
  /**
   * After the minute of the last event ends, how long until an alarm that has not changed state can
   * be taken as not going to (metric delay + evaluation).
   */
  readonly quietAfterMinuteMs: number;
  /** Bound on waiting for the expected alarms to fire. */
  readonly fireTimeoutMs: number;
  /** Interval between DescribeAlarms/DescribeAlarmHistory polls. */
  readonly pollIntervalMs: number;
}

export const AWS_WALL_CLOCK_TIMING: WallClockTiming = {
  quietAfterMinuteMs: 150_000,
  fireTimeoutMs: 600_000,
  pollIntervalMs: 5_000,
};

/** The wall clock: sleep until the evaluations that matter have run, polling in between. */
export function wallClockWaiting(clock: Clock, timing: WallClockTiming): TargetWaiting {
  return {
    passEvaluation: (signal) =>
      clock.sleep(untilNextEvaluation(clock.now()) + timing.quietAfterMinuteMs, signal),
    awaitNextLook: (signal) => clock.sleep(timing.pollIntervalMs, signal),
    startActPhase: async () => {},
    async awaitVerdict({ lastEventMs, look, signal }) {
      const firstBoundary = Math.ceil((lastEventMs + 1) / MINUTE) * MINUTE;
      const quietAt = firstBoundary + timing.quietAfterMinuteMs;
      const deadline = clock.now() + timing.fireTimeoutMs;
      for (;;) {
        const fired = await look();
        const now = clock.now();
        if ((fired && now >= quietAt) || now >= deadline) return;
        await clock.sleep(timing.pollIntervalMs, signal);
      }
    },
  };
}
