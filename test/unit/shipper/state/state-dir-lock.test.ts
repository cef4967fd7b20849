import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { lockStateDir } from '../../../../harness/shipper/state/state-dir-lock.ts';
import { readProcessStatus } from '../../../../harness/util/process-status.ts';
import type { ProcessStatus } from '../../../../harness/util/process-status.ts';
import { waitFor } from '../../../../harness/util/wait-for.ts';
import { tempDir } from '../../../support/shipper-temp.ts';

/** A waiting time no test here may reach unless the lock wrongly waits for a dead holder. */
const LONG_WAIT = { waitMs: 60_000 };

async function lockNaming(holder: Record<string, unknown> | string): Promise<string> {
  const dir = await tempDir();
  await writeFile(
    path.join(dir, 'shipper.lock'),
    typeof holder === 'string' ? holder : JSON.stringify(holder),
  );
  return dir;
}

async function statusOf(pid: number): Promise<ProcessStatus> {
  const status = await readProcessStatus(pid);
  if (typeof status !== 'object') throw new Error(`no /proc status for ${pid}`);
  return status;
}

async function startTicksOf(pid: number): Promise<string> {
  return (await statusOf(pid)).startTicks;
}

/** A real process of our own that a test ends (or makes a zombie) itself. */
function sleeper(script = 'exec sleep 30') {
  const child = spawn('sh', ['-c', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += String(chunk)));
  onTestFinished(() => void child.kill('SIGKILL'));
  return { child, out: () => out };
}

describe('lockStateDir', () => {
  it('waits for a live holder for the given time, saying so, then refuses naming it', async () => {
    const dir = await lockNaming({ pid: 1, startTicks: await startTicksOf(1) });
    const said: string[] = [];
    await expect(lockStateDir(dir, { waitMs: 300, notify: (m) => said.push(m) })).rejects.toMatchObject({
      code: 'LAB_SHIPPER_STATE_LOCKED',
      message: expect.stringContaining('in use by shipper process 1 (still running after 0.3 s'),
    });
    expect(said).toEqual([expect.stringContaining('held by shipper process 1; waiting up to 0.3 s')]);
  });

  it('gets the lock as soon as a live holder it waits for exits', async () => {
    const { child } = sleeper();
    const dir = await lockNaming({ pid: child.pid, startTicks: await startTicksOf(child.pid!) });
    const said: string[] = [];
    const locking = lockStateDir(dir, { ...LONG_WAIT, notify: (m) => said.push(m) });
    await waitFor(() => said.length > 0, { description: 'the lock to say it waits' });
    child.kill('SIGTERM');
    const unlock = await locking;
    await unlock();
  });

  it('takes over at once from a killed holder nobody has reaped yet (a zombie)', async () => {
    // The shell becomes `sleep 60`, which never reaps the `sleep 30` it started.
    const { out } = sleeper('sleep 30 & echo $!; exec sleep 60');
    const pid = Number(await waitFor(() => /^(\d+)\n/.exec(out())?.[1], { description: 'the pid' }));
    const startTicks = await startTicksOf(pid);
    process.kill(pid, 'SIGKILL');
    await waitFor(async () => (await statusOf(pid)).state === 'Z', {
      description: 'the killed process to be a zombie',
    });
    const said: string[] = [];
    const unlock = await lockStateDir(await lockNaming({ pid, startTicks }), {
      ...LONG_WAIT,
      notify: (m) => said.push(m),
    });
    await unlock();
    expect(said).toEqual([
      expect.stringContaining(`process ${pid} (it was killed and is waiting to be reaped)`),
    ]);
  });

  it('takes over at once when the pid now names another process, or the lock predates a reboot', async () => {
    for (const holder of [
      { pid: 1, startTicks: '1' },
      { pid: 1, boot: 'an-earlier-boot' },
    ]) {
      const unlock = await lockStateDir(await lockNaming(holder), LONG_WAIT);
      await unlock();
    }
  });

  it('takes over lock files of exited holders, earlier versions (pid only) and unreadable ones', async () => {
    for (const holder of ['2147483646', '{"pid":2147483646,"startTicks":"5"}', '', 'garbage']) {
      const unlock = await lockStateDir(await lockNaming(holder), LONG_WAIT);
      await unlock();
    }
  });

  it('waits for a live holder named by an earlier version (pid only)', async () => {
    await expect(lockStateDir(await lockNaming('1'), { waitMs: 100 })).rejects.toMatchObject({
      code: 'LAB_SHIPPER_STATE_LOCKED',
    });
  });

  it('refuses a second shipper of this same process, and admits one again after release', async () => {
    const dir = await tempDir();
    const unlock = await lockStateDir(dir);
    await expect(lockStateDir(dir)).rejects.toMatchObject({
      code: 'LAB_SHIPPER_STATE_LOCKED',
      message: expect.stringContaining(dir),
    });
    await expect(lockStateDir(`${dir}/.`)).rejects.toMatchObject({ code: 'LAB_SHIPPER_STATE_LOCKED' });
    await unlock();
    const again = await lockStateDir(dir);
    await again();
  });

  it('takes over a lock file holding its own pid that no lock of this process wrote (a restarted container)', async () => {
    const unlock = await lockStateDir(await lockNaming(String(process.pid)), LONG_WAIT);
    await unlock();
  });
});
