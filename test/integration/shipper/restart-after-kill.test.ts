import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProcessStatus } from '../../../harness/util/process-status.ts';
import { waitFor } from '../../../harness/util/wait-for.ts';
import { agentConfig, compare, LineWriter, linesOnDisk, STREAM } from '../../support/shipper-chaos.ts';
import { cannotStartLikeUsers, spawnShipper } from '../../support/shipper-child.ts';
import type { ShipperEmulator } from '../../support/shipper-emulator.ts';
import { startShipperEmulator } from '../../support/shipper-emulator.ts';
import { tempDir } from '../../support/shipper-temp.ts';

/**
 * Issue 10, item 1: `ship` started as users start it (`setsid node bin/vault-alarm-lab.js ship`),
 * its process group SIGKILLed, and a new one started at once, as a shell, a restart policy or a
 * supervisor does. The killed shipper is not reaped yet (a zombie that `kill -0` calls alive), so its
 * lock file still names a pid that exists: the new shipper must see through that and ship on.
 */
const skip = cannotStartLikeUsers();
if (skip !== undefined) console.log(`skipping the shipper restart tests: ${skip}`);

let emu: ShipperEmulator;
beforeAll(async () => {
  if (skip === undefined) emu = await startShipperEmulator();
});
afterAll(async () => {
  await emu?.stop();
});

describe.skipIf(skip !== undefined)(
  'ship restarted immediately after kill -KILL of its process group',
  () => {
    it('takes over the state directory of the killed, unreaped shipper and ships every line exactly once', async () => {
      const dir = await tempDir('val-restart-');
      const file = path.join(dir, 'app.log');
      const group = '/lab/restart/after-kill';
      const options = {
        config: agentConfig(dir, file, group),
        endpoint: emu.target.endpoint!,
        region: emu.target.region,
        stateDir: path.join(dir, 'state'),
      };
      const writer = new LineWriter(file);
      const shippedAll = (what: string) =>
        waitFor(async () => (await emu.allEvents(group, STREAM)).length >= writer.next, {
          description: what,
          timeoutMs: 30_000,
          intervalMs: 100,
        });

      const first = await spawnShipper(options);
      writer.write(200);
      await shippedAll('the first shipper to ship 200 lines');
      writer.write(100);
      const killed = first.kill('SIGKILL');
      const second = await spawnShipper(options);
      expect((await killed).signal).toBe('SIGKILL');
      // What the new shipper meets: the old pid still exists, as a zombie.
      expect(await readProcessStatus(first.pid)).toMatchObject({ state: 'Z' });
      await waitFor(() => /shipping |in use by/.exec(second.output()), {
        description: 'the second shipper to start or refuse',
      });
      expect(second.output()).not.toContain('in use by');
      writer.write(100);
      await shippedAll(`all ${writer.next} lines shipped after the restart`);
      writer.close();
      expect((await second.stop()).code).toBe(0);

      const stored = (await emu.allEvents(group, STREAM)).map((e) => e.message);
      const diff = compare(stored, linesOnDisk(dir, 'app.log'));
      console.log(
        `restart after kill -KILL: ${writer.next} lines written, ${stored.length} in the stream, ` +
          `${diff.duplicates} duplicates, ${diff.missing} missing`,
      );
      expect(diff).toEqual({ duplicates: 0, missing: 0, unexpected: 0 });
    }, 90_000);

    it('waits a bounded time for a live shipper holding the state directory, saying so, then refuses', async () => {
      const dir = await tempDir('val-restart-live-');
      const file = path.join(dir, 'app.log');
      const options = {
        config: agentConfig(dir, file, '/lab/restart/live'),
        endpoint: emu.target.endpoint!,
        region: emu.target.region,
        stateDir: path.join(dir, 'state'),
      };
      new LineWriter(file).close();
      const holder = await spawnShipper(options);
      await waitFor(() => holder.output().includes('shipping '), {
        description: 'the first shipper to start',
      });
      const refused = await spawnShipper(options);
      expect((await refused.exited()).code).toBe(4);
      expect(refused.output()).toContain(`held by shipper process ${holder.pid}`);
      expect(refused.output()).toContain(`in use by shipper process ${holder.pid}`);
      expect(await readProcessStatus(holder.pid)).not.toMatchObject({ state: 'Z' });
      expect((await holder.stop()).code).toBe(0);
    }, 60_000);
  },
);
