import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OffsetClock } from '../../../harness/clock.ts';
import { loadAgentConfig, scaledRetryPolicy, startShipper } from '../../../harness/shipper/index.ts';
import type { ShipperEvent } from '../../../harness/shipper/index.ts';
import { FAST_TIMING, numberedLines, numbersOf, range } from '../../support/shipper-harness.ts';
import type { ShipperEmulator } from '../../support/shipper-emulator.ts';
import { startShipperEmulator } from '../../support/shipper-emulator.ts';
import { startSlowProxy } from '../../support/shipper-slow-proxy.ts';
import { tempDir } from '../../support/shipper-temp.ts';

let emu: ShipperEmulator;
beforeAll(async () => {
  emu = await startShipperEmulator();
});
afterAll(async () => {
  await emu?.stop();
});

let n = 0;
async function setup(options: { gzip?: boolean; endpoint?: string } = {}) {
  const dir = await tempDir();
  const file = path.join(dir, 'audit.log');
  const group = `/lab/shipper/it-${++n}`;
  const config = loadAgentConfig({
    logs: {
      logs_collected: {
        files: { collect_list: [{ file_path: file, log_group_name: group, log_stream_name: 'lab' }] },
      },
    },
  });
  const events: ShipperEvent[] = [];
  const start = () =>
    startShipper({
      config,
      aws: options.endpoint ? { ...emu.target, endpoint: options.endpoint } : emu.target,
      clock: emu.emulator.clock,
      stateDir: path.join(dir, 'state'),
      timing: FAST_TIMING,
      retry: scaledRetryPolicy(20),
      onEvent: (e) => events.push(e),
      ...(options.gzip !== undefined ? { gzip: options.gzip } : {}),
    });
  return { dir, file, group, events, start };
}

describe('shipper → emulator over HTTP (AWS SDK v3)', () => {
  it('creates the group and stream and ships gzipped batches', async () => {
    const proxy = await startSlowProxy(emu.target.endpoint!);
    try {
      const { file, group, start } = await setup({ endpoint: proxy.endpoint });
      await writeFile(file, numberedLines(0, 3000, 'line', 100));
      const shipper = await start();
      await shipper.drain();
      const stored = await emu.allEvents(group, 'lab');
      expect(numbersOf(stored.map((e) => e.message))).toEqual(range(0, 3000));
      const puts = proxy.seen().filter((r) => r.operation === 'PutLogEvents');
      expect(puts.length).toBeGreaterThan(0);
      // Bodies under 1 KiB go uncompressed (gzip would not make them smaller); a slow reader under
      // load may send such a small batch.
      expect(puts.some((r) => r.encoding === 'gzip')).toBe(true);
      expect(puts.filter((r) => r.encoding !== 'gzip' && r.bytes >= 1024)).toEqual([]);
      await shipper.stop();
    } finally {
      await proxy.stop();
    }
  });

  it('ships uncompressed when asked', async () => {
    const proxy = await startSlowProxy(emu.target.endpoint!);
    try {
      const { file, group, start } = await setup({ gzip: false, endpoint: proxy.endpoint });
      await writeFile(file, numberedLines(0, 200, 'line', 100));
      const shipper = await start();
      await shipper.drain();
      expect((await emu.allEvents(group, 'lab')).length).toBe(200);
      expect(proxy.seen().filter((r) => r.operation === 'PutLogEvents' && r.encoding !== undefined)).toEqual(
        [],
      );
      await shipper.stop();
    } finally {
      await proxy.stop();
    }
  });

  it('stamps events with the injected clock (the emulator clock, advanced)', async () => {
    const { file, group, start } = await setup();
    const clock = emu.emulator.clock as OffsetClock;
    await clock.advance(3_600_000);
    const before = clock.now();
    await writeFile(file, 'after the jump\n');
    const shipper = await start();
    await shipper.drain();
    const [event] = await emu.allEvents(group, 'lab');
    expect(event!.timestamp).toBeGreaterThanOrEqual(before);
    expect(event!.timestamp - Date.now()).toBeGreaterThan(3_500_000);
    await shipper.stop();
  });

  it('retries injected throttling and 500s, losing and duplicating nothing', async () => {
    const { file, group, start, events } = await setup();
    await writeFile(file, numberedLines(0, 100));
    const shipper = await start();
    await shipper.drain();
    await emu.fault({ error: 'ThrottlingException', count: 3 });
    await emu.fault({ status: 500, count: 2 });
    await appendFile(file, numberedLines(100, 100));
    await shipper.drain();
    expect(numbersOf((await emu.allEvents(group, 'lab')).map((e) => e.message))).toEqual(range(0, 200));
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(5);
    expect(shipper.stats().files[0]!.retries).toBe(5);
    await shipper.stop();
  });

  it('stops the file on a non-retryable error, keeps the checkpoint, and ships it all after a restart', async () => {
    const { file, group, start } = await setup();
    await writeFile(file, numberedLines(0, 10));
    let shipper = await start();
    await shipper.drain();
    await emu.fault({ error: 'InvalidParameterException', status: 400, count: 1 });
    await appendFile(file, numberedLines(10, 10));
    await expect(shipper.drain()).rejects.toMatchObject({ code: 'LAB_SHIPPER_DESTINATION_STOPPED' });
    expect(shipper.stats().files[0]).toMatchObject({
      committedOffset: 120,
      stoppedByError: expect.stringContaining('InvalidParameterException'),
    });
    await shipper.stop();
    shipper = await start();
    await shipper.drain();
    expect(numbersOf((await emu.allEvents(group, 'lab')).map((e) => e.message))).toEqual(range(0, 20));
    await shipper.stop();
  });
});
