import { LOCAL_CREDENTIALS } from '../../aws/clients.ts';
import { OffsetClock } from '../../clock.ts';
import { startEmulator } from '../../emulator/index.ts';
import type { LabTarget, TargetRequestEvent } from './target.ts';
import { virtualClockWaiting } from './waiting.ts';

/**
 * The default target: the lab's own emulator in this process, on a virtual clock the runner moves
 * forward, so an alarm evaluation a minute away costs milliseconds. The only module of the runner
 * that imports the emulator (DESIGN.md dependency rule).
 */
export async function startLocalTarget(
  options: { startAt?: number; region?: string } = {},
): Promise<LabTarget> {
  const clock = new OffsetClock(options.startAt !== undefined ? { startAt: options.startAt } : {});
  const observers = new Set<(event: TargetRequestEvent) => void>();
  const emulator = await startEmulator({
    clock,
    ...(options.region ? { region: options.region } : {}),
    onRequest: (event) => observers.forEach((observe) => observe(event)),
  });
  return {
    name: 'local',
    aws: { endpoint: emulator.endpoint, region: emulator.region, credentials: LOCAL_CREDENTIALS },
    clock,
    waiting: virtualClockWaiting(clock),
    sinkKind: 'http',
    trustedOrigins: [emulator.endpoint],
    prefix: '',
    destroyOnExit: false,
    // One virtual clock: a lab advancing it would move every other lab's evaluations too.
    concurrentLabs: 1,
    timing: { notificationTimeoutMs: 15_000, settleTimeoutMs: 60_000 },
    notes: [],
    observeRequests(listener) {
      observers.add(listener);
      return () => observers.delete(listener);
    },
    stop: () => emulator.stop(),
  };
}
