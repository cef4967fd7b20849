import { describe, expect, it } from 'vitest';
import { OffsetClock, SystemClock, isAdvanceable } from '../../harness/clock.ts';

describe('OffsetClock', () => {
  it('reads wall time plus the offset and keeps flowing', () => {
    let wall = 1_000_000;
    const clock = new OffsetClock({ wallNow: () => wall, startAt: 5_000_000 });
    expect(clock.now()).toBe(5_000_000);
    wall += 250;
    expect(clock.now()).toBe(5_000_250);
    expect(clock.offsetMs).toBe(4_000_000);
  });

  it('fires every timer that falls due during an advance, in due order', async () => {
    const clock = new OffsetClock();
    const fired: string[] = [];
    clock.setTimer(120_000, () => void fired.push('b'));
    clock.setTimer(60_000, () => void fired.push('a'));
    clock.setTimer(3_600_000, () => void fired.push('late'));
    await clock.advance(180_000);
    expect(fired).toEqual(['a', 'b']);
  });

  it('steps through a jump: callbacks see their own due time and timers they schedule fire too', async () => {
    const clock = new OffsetClock();
    const start = clock.now();
    const minutes: number[] = [];
    const everyMinute = (): void => {
      minutes.push(Math.round((clock.now() - start) / 60_000));
      clock.setTimer(60_000, everyMinute);
    };
    clock.setTimer(60_000, everyMinute);
    await clock.advance(60 * 60_000);
    expect(minutes).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(clock.now() - start).toBeGreaterThanOrEqual(60 * 60_000);
  });

  it('does not fire cancelled timers', async () => {
    const clock = new OffsetClock();
    let fired = false;
    const cancel = clock.setTimer(1_000, () => {
      fired = true;
    });
    cancel();
    await clock.advance(5_000);
    expect(fired).toBe(false);
  });

  it('resolves sleep on advance, long before the wall clock gets there', async () => {
    const clock = new OffsetClock();
    const slept = clock.sleep(10 * 60_000);
    await clock.advance(10 * 60_000);
    await expect(slept).resolves.toBeUndefined();
  });

  it('rejects sleep when its signal aborts', async () => {
    const clock = new OffsetClock();
    const controller = new AbortController();
    const slept = clock.sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(slept).rejects.toThrow('stop');
  });

  it('never goes back', async () => {
    const clock = new OffsetClock();
    await expect(clock.advance(-1)).rejects.toThrow(RangeError);
    await expect(clock.advanceTo(clock.now() - 10_000)).rejects.toThrow(/never goes back/);
  });

  it('fires timers as wall time flows, without an advance', async () => {
    const clock = new OffsetClock();
    await new Promise<void>((resolve) => clock.setTimer(5, resolve));
  });

  it('leaves no real timer behind once every pending timer is cancelled', async () => {
    const { spawnSync } = await import('node:child_process');
    // A child process that schedules a far timer and cancels it must exit at once.
    const script = [
      "const { OffsetClock } = await import('./harness/clock.ts');",
      'const clock = new OffsetClock();',
      'const cancel = clock.setTimer(60_000, () => {});',
      'cancel();',
    ].join('\n');
    const started = performance.now();
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('../..', import.meta.url).pathname,
      timeout: 8_000,
    });
    expect(result.status, String(result.stderr)).toBe(0);
    expect(performance.now() - started).toBeLessThan(8_000);
  });

  it('is advanceable, the system clock is not', () => {
    expect(isAdvanceable(new OffsetClock())).toBe(true);
    expect(isAdvanceable(new SystemClock())).toBe(false);
  });
});
