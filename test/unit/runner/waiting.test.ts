import { describe, expect, it } from 'vitest';
import { OffsetClock } from '../../../harness/clock.ts';
import { untilNextEvaluation, virtualClockWaiting } from '../../../harness/runner/targets/waiting.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 1, 12, 0, 20);

describe('the virtual-clock waiting strategy', () => {
  it('jumps to one second past the next minute boundary to let an evaluation happen', async () => {
    const clock = new OffsetClock({ startAt: T0 });
    await virtualClockWaiting(clock).passEvaluation();
    expect(clock.now() - Date.UTC(2026, 0, 1, 12, 1, 1)).toBeGreaterThanOrEqual(0);
    expect(clock.now() - Date.UTC(2026, 0, 1, 12, 1, 1)).toBeLessThan(1_000);
    expect(untilNextEvaluation(Date.UTC(2026, 0, 1, 12, 1, 0))).toBe(MINUTE + 1_000);
  });

  it('evaluates the minute of the last event, then a minute at a time until fired or the window ends', async () => {
    const clock = new OffsetClock({ startAt: T0 });
    const looks: number[] = [];
    await virtualClockWaiting(clock).awaitVerdict({
      lastEventMs: T0,
      longestWindowMs: 3 * MINUTE,
      look: async () => {
        looks.push(Math.floor((clock.now() - Date.UTC(2026, 0, 1, 12, 0, 0)) / MINUTE));
        return false;
      },
    });
    // Boundaries 12:01, 12:02, 12:03, 12:04: the window of 3 minutes after the first one.
    expect(looks).toEqual([1, 2, 3, 4]);

    const fired = new OffsetClock({ startAt: T0 });
    let count = 0;
    await virtualClockWaiting(fired).awaitVerdict({
      lastEventMs: T0,
      longestWindowMs: 3 * MINUTE,
      look: async () => ++count >= 2,
    });
    expect(count).toBe(2);
  });
});
