import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireBuildLock, isProcessAlive } from '../../../../harness/vault/binary/build-lock.ts';
import { waitFor } from '../../../../harness/util/wait-for.ts';

describe('the build lock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vault-lock-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lets a second builder wait until the first releases', async () => {
    const lock = join(dir, 'v.lock');
    const releaseFirst = await acquireBuildLock(lock);
    expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({
      pid: process.pid,
      hostname: hostname(),
    });
    let waitedFor: number | undefined;
    let acquired = false;
    const second = acquireBuildLock(lock, {
      noticeEveryMs: 0,
      onWait: (holder) => (waitedFor = holder?.pid),
    }).then((release) => {
      acquired = true;
      return release;
    });
    await waitFor(() => waitedFor === process.pid, { description: 'the second builder to report it waits' });
    expect(acquired).toBe(false);
    await releaseFirst();
    const releaseSecond = await second;
    expect(acquired).toBe(true);
    await releaseSecond();
    await expect(readFile(lock)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over a lock whose process is gone', async () => {
    const gone = await execa(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(gone.stdout);
    expect(isProcessAlive(deadPid)).toBe(false);
    const lock = join(dir, 'v.lock');
    await writeFile(
      lock,
      JSON.stringify({ pid: deadPid, hostname: hostname(), startedAt: '2026-01-01T00:00:00Z' }),
    );
    const release = await acquireBuildLock(lock, { timeoutMs: 5_000 });
    expect(JSON.parse(await readFile(lock, 'utf8')).pid).toBe(process.pid);
    await release();
  });

  it('does not steal a lock held from another host, and says what it waited for', async () => {
    const lock = join(dir, 'v.lock');
    await writeFile(
      lock,
      JSON.stringify({ pid: 1, hostname: 'some-other-host', startedAt: '2026-01-01T00:00:00Z' }),
    );
    await expect(acquireBuildLock(lock, { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'LAB_WAIT_TIMEOUT',
      message: expect.stringContaining('Vault build lock'),
    });
  });
});
