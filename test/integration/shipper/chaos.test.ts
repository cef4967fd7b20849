import { copyFileSync, readdirSync, renameSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../harness/util/wait-for.ts';
import {
  agentConfig,
  compare,
  LineWriter,
  linesOnDisk,
  pad,
  recoveries,
  STREAM,
} from '../../support/shipper-chaos.ts';
import type { ShipperChild } from '../../support/shipper-child.ts';
import { spawnShipper } from '../../support/shipper-child.ts';
import type { ShipperEmulator } from '../../support/shipper-emulator.ts';
import { startShipperEmulator } from '../../support/shipper-emulator.ts';
import type { SlowProxy } from '../../support/shipper-slow-proxy.ts';
import { startSlowProxy } from '../../support/shipper-slow-proxy.ts';
import { tempDir } from '../../support/shipper-temp.ts';
import { startTestVault } from '../../support/vault-server.ts';

/**
 * The shipper as operators run it (the CLI under setsid, a process group of its own) against the
 * emulator over HTTP, while everything that makes the CloudWatch agent lose or duplicate lines
 * happens to it: SIGKILL of the group mid-stream and mid-retry with the next shipper started at once,
 * rename rotation with the writer still on the old file, copytruncate, two rotations in a row while
 * stopped, throttling and 500s. Afterwards the stream must hold every line written,
 * exactly once, in order.
 */
let emu: ShipperEmulator;
let proxy: SlowProxy;
beforeAll(async () => {
  emu = await startShipperEmulator();
  proxy = await startSlowProxy(emu.target.endpoint!);
});
afterAll(async () => {
  await proxy?.stop();
  await emu?.stop();
});

/** Load pacing for the writers (a rate, not a wait for a condition). */
const pace = (ms = 2) => new Promise((resolve) => setTimeout(resolve, ms));

describe('shipper chaos (CLI child process → emulator over HTTP)', () => {
  it('numbered lines survive SIGKILL, rotations, copytruncate, stop-time rotation, throttling and 500s exactly once, in order', async () => {
    const dir = await tempDir('val-chaos-');
    const file = path.join(dir, 'app.log');
    const group = '/lab/chaos/numbered';
    const config = agentConfig(dir, file, group);
    const stateDir = path.join(dir, 'state');
    const writer = new LineWriter(file);
    const counts = {
      kills: 0,
      graceful: 0,
      starts: 0,
      renames: 0,
      stoppedRotations: 0,
      copytruncates: 0,
      faults: 0,
    };
    let shipper: ShipperChild | undefined;
    const children: ShipperChild[] = [];
    const start = async () => {
      counts.starts++;
      shipper = await spawnShipper({
        config,
        endpoint: proxy.endpoint,
        region: emu.target.region,
        stateDir,
        extra: ['--retry-base-ms', '50'],
      });
      children.push(shipper);
    };
    /** SIGKILL of the whole process group and, at once, the next shipper (the killed one not reaped). */
    const killAndRestart = async () => {
      counts.kills++;
      const killed = shipper!.kill('SIGKILL');
      await start();
      expect((await killed).signal).toBe('SIGKILL');
    };
    const lastShipped = async (): Promise<number> => {
      const events = await emu.allEvents(group, STREAM);
      const last = events[events.length - 1]?.message;
      return last ? Number(last.split(' ')[1]) : -1;
    };
    const shippedAtLeast = (n: number, what: string) =>
      waitFor(
        async () => {
          const last = await lastShipped();
          // Thrown, not returned: a timeout then says how far the stream got.
          if (last < n) throw new Error(`the stream ends at line ${last} of ${n}`);
          return true;
        },
        {
          description: what,
          timeoutMs: 60_000,
          intervalMs: 100,
        },
      );
    const writeFor = async (lines: number, burst = 40) => {
      for (let written = 0; written < lines; written += burst) {
        writer.write(Math.min(burst, lines - written));
        await pace();
      }
    };

    // 1. Steady stream; SIGKILL of the process group in the middle of it, the next shipper started
    //    at once (the killed one still unreaped), writing on.
    await start();
    await writeFor(3000);
    await shippedAtLeast(1000, 'the first thousand lines shipped');
    await killAndRestart();
    await writeFor(1000);

    // 2. Rename rotation with the writer still on the renamed file (Vault between mv and SIGHUP).
    renameSync(file, `${file}.1`);
    counts.renames++;
    await writeFor(500);
    await shippedAtLeast(writer.next - 1, 'the lines written to the renamed file shipped');
    writer.reopen();
    await writeFor(500);

    // 3. copytruncate (the writer is paused for the copy, as logrotate cannot promise anyway).
    await writeFor(500);
    copyFileSync(file, `${file}.ct`);
    truncateSync(file, 0);
    counts.copytruncates++;
    await writeFor(500);

    // 4. Throttling and 500s, and a SIGKILL while requests are being retried.
    await emu.fault({ error: 'ThrottlingException', count: 6 });
    await emu.fault({ status: 500, count: 4 });
    counts.faults += 10;
    await writeFor(1000);
    await waitFor(async () => (await emu.pendingFaults()) <= 1, {
      description: 'most injected faults consumed',
      timeoutMs: 60_000,
    });
    await killAndRestart();
    await writeFor(500);

    // 5. SIGKILL after CloudWatch stored a batch but before its answer arrived: the restarted
    //    shipper must find it in the stream rather than send it again.
    await waitFor(async () => (await emu.pendingFaults()) === 0, {
      description: 'every injected fault consumed (so the held answer is a success)',
      timeoutMs: 60_000,
    });
    proxy.setDelay(3_000);
    await writeFor(300);
    await waitFor(() => proxy.held() > 0, {
      description: 'a PutLogEvents answer held back by the proxy',
      timeoutMs: 30_000,
    });
    proxy.setDelay(0);
    await killAndRestart();

    // 6. Two rotations while the shipper is stopped (cleanly), with more lines in the old file
    //    first: the file that took the name in between is never under it when the shipper is back.
    await shippedAtLeast(writer.next - 1, 'everything shipped before the clean stop');
    counts.graceful++;
    expect((await shipper!.kill('SIGTERM')).code).toBe(0);
    const rotateWhileDown = async (lines: number) => {
      renameSync(file, `${file}.r${counts.renames}`);
      counts.renames++;
      counts.stoppedRotations++;
      writer.reopen();
      await writeFor(lines);
    };
    await writeFor(300);
    await rotateWhileDown(700);
    await rotateWhileDown(400);
    await start();

    // 6b. The same after SIGKILL (the sequence): killed mid-stream, rotated twice while down.
    await writeFor(500);
    counts.kills++;
    expect((await shipper!.kill('SIGKILL')).signal).toBe('SIGKILL');
    await rotateWhileDown(300);
    await rotateWhileDown(300);
    await start();

    // 7. Kill again and again at arbitrary moments of a busy stream.
    for (let round = 0; round < 3; round++) {
      await writeFor(800, 80);
      await killAndRestart();
      await writeFor(200);
    }
    await writeFor(500);
    writer.close();

    const total = writer.next;
    await shippedAtLeast(total - 1, `all ${total} lines shipped`);
    const stop = await shipper!.kill('SIGTERM');
    expect(stop.code).toBe(0);

    const stored = (await emu.allEvents(group, STREAM)).map((e) => e.message);
    const numbers = stored.map((m) => Number(m.split(' ')[1]));
    const written = linesOnDisk(dir, 'app.log');
    const diff = compare(stored, written);
    console.log(
      `chaos (numbered lines): ${total} lines written across ${readdirSync(dir).filter((n) => n.startsWith('app.log')).length} files, ` +
        `${stored.length} events in the stream, ${diff.duplicates} duplicates, ${diff.missing} missing, ${diff.unexpected} unexpected; ` +
        `${counts.starts} starts, ${counts.kills} SIGKILLs, ${counts.graceful} clean stop, ${counts.renames} renames (${counts.stoppedRotations} while stopped, two in a row twice), ` +
        `${counts.copytruncates} copytruncate, ${counts.faults} injected faults; ${recoveries(children)}`,
    );
    expect(written).toHaveLength(total);
    const landed = children
      .flatMap((c) => c.output().split('\n'))
      .filter((l) => l.includes('already in CloudWatch, not resending'));
    expect(landed.length).toBeGreaterThanOrEqual(1);
    expect(diff).toEqual({ duplicates: 0, missing: 0, unexpected: 0 });
    expect(numbers).toEqual(Array.from({ length: total }, (_, i) => i));
  }, 240_000);

  it('a real Vault audit log survives mv with and without SIGHUP, SIGKILL, stop-time rotation, copytruncate and throttling exactly once, in order', async () => {
    const vault = await startTestVault({ guard: 'pdeathsig' });
    const children: ShipperChild[] = [];
    try {
      const audit = vault.auditLogPath!;
      const auditDir = path.dirname(audit);
      const dir = await tempDir('val-chaos-vault-');
      const group = '/lab/chaos/vault';
      const config = agentConfig(dir, audit, group);
      const stateDir = path.join(dir, 'state');
      const counts = { requests: 0, kills: 0, sighups: 0, renames: 0 };
      let shipper: ShipperChild | undefined;
      const start = async () => {
        shipper = await spawnShipper({
          config,
          endpoint: emu.target.endpoint!,
          region: emu.target.region,
          stateDir,
          extra: ['--retry-base-ms', '50'],
        });
        children.push(shipper);
      };
      // Each request writes two audit lines (request and response) naming its number in the path.
      const request = async () => {
        const n = counts.requests++;
        const response = await fetch(`${vault.address}/v1/secret/data/chaos-${pad(n)}`, {
          method: 'POST',
          headers: { 'x-vault-token': vault.rootToken, 'content-type': 'application/json' },
          body: JSON.stringify({ data: { n } }),
        });
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      };
      const requests = async (count: number) => {
        for (let i = 0; i < count; i++) await request();
      };
      const sighup = () => {
        counts.sighups++;
        process.kill(vault.pid!, 'SIGHUP');
      };
      const chaosEntries = async () =>
        (await emu.allEvents(group, STREAM))
          .map((e) => JSON.parse(e.message) as { type: string; request?: { path?: string } })
          .filter((e) => e.request?.path?.startsWith('secret/data/chaos-'))
          .map((e) => `${e.type} ${e.request!.path!.slice('secret/data/chaos-'.length)}`);
      const allShipped = (what: string) =>
        waitFor(async () => (await chaosEntries()).length >= counts.requests * 2, {
          description: what,
          timeoutMs: 60_000,
          intervalMs: 200,
        });

      await start();
      await requests(200);
      // A file renamed before the shipper ever opened it is, rightly, not under the configured name.
      await allShipped('the first entries shipped (the shipper has the file open)');

      // mv without SIGHUP: Vault keeps writing to the renamed file, and so must the shipper read it.
      renameSync(audit, `${audit}.1`);
      counts.renames++;
      await requests(200);
      await allShipped('entries written to the renamed file shipped (no SIGHUP yet)');

      // Now the SIGHUP: Vault reopens audit.log by name.
      sighup();
      await waitFor(() => readdirSync(auditDir).includes(path.basename(audit)), {
        description: 'Vault to reopen audit.log after SIGHUP',
      });
      await requests(200);

      // logrotate's usual mv + SIGHUP, with requests running across it.
      const busy = requests(300);
      await waitFor(() => counts.requests > 50 + 600, {
        description: 'requests under way before the rotation',
      });
      renameSync(audit, `${audit}.2`);
      counts.renames++;
      sighup();
      await busy;

      // SIGKILL under throttling, restart.
      await emu.fault({ error: 'ThrottlingException', count: 5 });
      await emu.fault({ status: 500, count: 2 });
      const busy2 = requests(300);
      await waitFor(() => counts.requests > 1000, { description: 'requests under way before the SIGKILL' });
      counts.kills++;
      const killed = shipper!.kill('SIGKILL');
      await start();
      await busy2;
      expect((await killed).signal).toBe('SIGKILL');

      // Two rotations while the shipper is stopped: the file between them is never under the name
      // while a shipper runs.
      await allShipped('everything shipped before the clean stop');
      expect((await shipper!.kill('SIGTERM')).code).toBe(0);
      await requests(100);
      for (const suffix of ['.3', '.4']) {
        renameSync(audit, `${audit}${suffix}`);
        counts.renames++;
        sighup();
        await waitFor(() => readdirSync(auditDir).includes(path.basename(audit)), {
          description: 'Vault to reopen audit.log',
        });
        await requests(100);
      }
      await start();

      // copytruncate, with requests paused for the copy (Vault opens its file with O_APPEND). The
      // shipper must have this file open first: content copied away and truncated before it ever
      // saw the file is not under the configured name for any shipper to find.
      await requests(100);
      await allShipped('the restarted shipper has read the current file');
      copyFileSync(audit, `${audit}.ct`);
      truncateSync(audit, 0);
      await requests(200);

      await allShipped('every audit entry shipped');
      expect((await shipper!.kill('SIGTERM')).code).toBe(0);

      const entries = await chaosEntries();
      const expected = Array.from({ length: counts.requests }, (_, n) => [
        `request ${pad(n)}`,
        `response ${pad(n)}`,
      ]).flat();
      const stored = (await emu.allEvents(group, STREAM)).map((e) => e.message);
      const written = linesOnDisk(auditDir, path.basename(audit));
      const diff = compare(stored, written);
      console.log(
        `chaos (real Vault 1.14.0): ${counts.requests} requests → ${written.length} audit lines across ` +
          `${readdirSync(auditDir).filter((n) => n.startsWith(path.basename(audit))).length} files, ${stored.length} events in the stream, ` +
          `${diff.duplicates} duplicates, ${diff.missing} missing, ${diff.unexpected} unexpected; ${counts.renames} renames, ` +
          `${counts.sighups} SIGHUPs, ${counts.kills} SIGKILL, 2 rotations in a row while stopped, 1 copytruncate, 7 injected faults; ${recoveries(children)}`,
      );
      expect(diff).toEqual({ duplicates: 0, missing: 0, unexpected: 0 });
      expect(entries).toEqual(expected);
    } catch (error) {
      console.log(`shipper output:\n${children.map((c) => c.output()).join('\n---\n')}`);
      throw error;
    } finally {
      await vault.stop();
    }
  }, 240_000);
});
