import { describe, expect, it } from 'vitest';
import type { OffsetClock } from '../../../harness/clock.ts';
import { runSuite } from '../../../harness/runner/suite.ts';
import { startLocalTarget } from '../../../harness/runner/targets/local.ts';
import { WALL_CLOCK_TIMING } from '../../../harness/runner/targets/target.ts';
import type { LabTarget } from '../../../harness/runner/targets/target.ts';
import { wallClockWaiting } from '../../../harness/runner/targets/waiting.ts';
import { testVaultBinary } from '../../support/vault-server.ts';

/**
 * The wall-clock waiting strategy (the runner sleeps on the target's clock) with AWS's timing,
 * on an emulator clock the test moves half a second forward every few milliseconds, so lab minutes
 * pass in about a second of real time and the lab time spent says what the runner waited for.
 */
async function withFastClock<T>(clock: OffsetClock, body: () => Promise<T>): Promise<T> {
  let running = true;
  const driver = (async () => {
    while (running) {
      await clock.advance(500);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  try {
    return await body();
  } finally {
    running = false;
    await driver;
  }
}

describe('the first settle on a wall-clock target', () => {
  it('waits for the alarms’ first evaluation only, not a quiet period for the lab’s own setup', async () => {
    const local = await startLocalTarget();
    const target: LabTarget = {
      ...local,
      waiting: wallClockWaiting(local.clock, WALL_CLOCK_TIMING),
      timing: WALL_CLOCK_TIMING,
    };
    const clock = local.clock as OffsetClock;
    let settleLabMs: number | undefined;
    const report = await withFastClock(clock, () =>
      runSuite({
        target,
        env: { ...process.env, VAULT_BIN: testVaultBinary() },
        scenarios: [],
        onProgress: (event) => {
          if (event.type === 'settled') settleLabMs = event.labMs;
        },
      }),
    );
    expect(report.state).toBe('success');
    // One minute boundary at most, plus polling; a quiet period would add 150 s of lab time.
    expect(settleLabMs).toBeLessThan(60_000 + WALL_CLOCK_TIMING.quietAfterMinuteMs / 2);
  });
});
