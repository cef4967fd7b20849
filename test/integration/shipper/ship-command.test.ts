import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli.ts';
import { waitFor } from '../../../harness/util/wait-for.ts';
import type { ShipperEmulator } from '../../support/shipper-emulator.ts';
import { startShipperEmulator } from '../../support/shipper-emulator.ts';
import { numberedLines, numbersOf } from '../../support/shipper-harness.ts';
import { tempDir } from '../../support/shipper-temp.ts';

let emu: ShipperEmulator;
beforeAll(async () => {
  emu = await startShipperEmulator();
});
afterAll(async () => {
  await emu?.stop();
});

function terminal(isTTY: boolean) {
  let text = '';
  const stream = Object.assign(
    new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => text };
}

async function runShip(isTTY: boolean) {
  const dir = await tempDir();
  const group = `/lab/ship-command/${isTTY ? 'tty' : 'plain'}`;
  await writeFile(path.join(dir, 'audit.log'), numberedLines(0, 3));
  await writeFile(
    path.join(dir, 'agent.json'),
    JSON.stringify({
      logs: {
        logs_collected: {
          files: {
            collect_list: [{ file_path: './audit.log', log_group_name: group, log_stream_name: 'cli' }],
          },
        },
      },
    }),
  );
  const err = terminal(isTTY);
  const controller = new AbortController();
  const status = main(
    [
      'ship',
      '--config',
      'agent.json',
      '--endpoint',
      emu.target.endpoint!,
      '--region',
      emu.target.region,
      '--state-dir',
      'state',
      '--status-interval',
      '0.1',
    ],
    { stdout: terminal(false).stream, stderr: err.stream, env: {}, cwd: dir },
    controller.signal,
  );
  await waitFor(async () => (await emu.allEvents(group, 'cli')).length === 3, {
    description: 'three lines shipped by the command',
  });
  await waitFor(() => err.text().includes('shipped 3'), { description: 'a status line showing them' });
  controller.abort(new Error('SIGTERM'));
  return { status: await status, output: err.text(), events: await emu.allEvents(group, 'cli') };
}

describe('vault-alarm-lab ship against the emulator', () => {
  it('redraws one status line on a terminal and stops cleanly on a signal', async () => {
    const { status, output, events } = await runShip(true);
    expect(status).toBe(0);
    expect(output).toContain('\r\x1b[2Kread 3 · shipped 3 · rejected 0 · lag 0 ms');
    expect(output).toMatch(/stopped: read 3 · shipped 3/);
    expect(numbersOf(events.map((e) => e.message))).toEqual([0, 1, 2]);
  });

  it('prints plain timestamped lines when not on a terminal', async () => {
    const { status, output } = await runShip(false);
    expect(status).toBe(0);
    expect(output).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z read 3 · shipped 3 /m);
    expect(output).not.toContain('\x1b[');
  });
});
