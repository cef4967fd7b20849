import path from 'node:path';
import type { Clock } from '../../harness/clock.ts';
import { systemClock } from '../../harness/clock.ts';
import { loadAgentConfig, scaledRetryPolicy, startShipper } from '../../harness/shipper/index.ts';
import type { LogsApi, Shipper, ShipperEvent, StartShipperOptions } from '../../harness/shipper/index.ts';

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
              { file_path: file, log_group_name: 'vault_audit', log_stream_name: 'lab', ...setup.entry },
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
