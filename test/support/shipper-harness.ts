import path from 'node:path';
import type { Clock } from '../../harness/clock.ts';
import { systemClock } from '../../harness/clock.ts';
import { loadAgentConfig, scaledRetryPolicy, startShipper } from '../../harness/shipper/index.ts';
import type { LogsApi, Shipper, ShipperEvent, StartShipperOptions } from '../../harness/shipper/index.ts';
import { FakeLogs } from './shipper-fake-logs.ts';
import { tempDir } from './shipper-temp.ts';

/** The log group and stream `startTestShipper` ships to unless `entry` names others. */
export const TEST_GROUP = 'vault_audit';
export const TEST_STREAM = 'lab';

/**
 * Starts a shipper on one file with test-friendly timings (short grace and idle times, quick
 * retries). `entry` adds collect_list fields; `options` overrides startShipper options (`timing`
 * field by field).
 */
export interface TestShipperSetup {
  readonly dir: string;
  readonly file?: string;
  readonly client: LogsApi;
  readonly entry?: Record<string, unknown>;
  readonly logs?: Record<string, unknown>;
  readonly options?: Partial<StartShipperOptions>;
  readonly clock?: Clock;
}

export interface TestShipper {
  readonly shipper: Shipper;
  readonly events: ShipperEvent[];
  readonly file: string;
  readonly stateDir: string;
}

export const FAST_TIMING = {
  pollIntervalMs: 25,
  multiLineIdleMs: 30,
  partialLineTimeoutMs: 400,
  rotationGraceMs: 150,
  rotationMaxWaitMs: 10_000,
} as const;

export async function startTestShipper(setup: TestShipperSetup): Promise<TestShipper> {
  const file = setup.file ?? path.join(setup.dir, 'audit.log');
  const config = loadAgentConfig(
    {
      logs: {
        logs_collected: {
          files: {
            collect_list: [
              { file_path: file, log_group_name: TEST_GROUP, log_stream_name: TEST_STREAM, ...setup.entry },
            ],
          },
        },
        ...setup.logs,
      },
    },
    { hostInfo: { hostname: 'lab-host', localHostname: 'lab-host' } },
  );
  const events: ShipperEvent[] = [];
  const stateDir = path.join(setup.dir, 'state');
  const shipper = await startShipper({
    config,
    client: setup.client,
    clock: setup.clock ?? systemClock,
    stateDir,
    retry: scaledRetryPolicy(10),
    onEvent: (e) => events.push(e),
    ...setup.options,
    // A test that changes one timing keeps the fast values of the others.
    timing: { ...FAST_TIMING, ...setup.options?.timing },
  });
  return { shipper, events, file, stateDir };
}

/**
 * A fresh directory with a fake CloudWatch Logs, for one test: `file` is `audit.log` in it (not
 * created), and each `start()` starts a shipper on it with the same state directory (a restart).
 */
export async function shipperSetup(
  entry: Record<string, unknown> = {},
  options: Partial<StartShipperOptions> = {},
) {
  const dir = await tempDir();
  const logs = new FakeLogs();
  const file = path.join(dir, 'audit.log');
  return { dir, logs, file, start: () => startTestShipper({ dir, client: logs, entry, options }) };
}

/** `count` numbered lines ("<prefix> 000123 …"), each ending with a newline. */
export function numberedLines(from: number, count: number, prefix = 'line', pad = 0): string {
  let out = '';
  for (let i = from; i < from + count; i++)
    out += `${prefix} ${String(i).padStart(6, '0')}${pad > 0 ? ' ' + 'x'.repeat(pad) : ''}\n`;
  return out;
}

/** The numbers in `messages` ("line 000042" → 42). */
export function numbersOf(messages: readonly string[]): number[] {
  return messages.map((m) => Number(/(\d{6})/.exec(m)?.[1] ?? NaN));
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
