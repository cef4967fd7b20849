import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FollowerState } from '../../../../harness/shipper/input/follower-state.ts';
import { isCurrentFollowerState } from '../../../../harness/shipper/input/follower-state.ts';
import { CheckpointStore } from '../../../../harness/shipper/state/checkpoint-store.ts';
import { tempDir } from '../../../support/shipper-temp.ts';

function state(n: number): FollowerState {
  return {
    version: 1,
    path: '/var/log/a.log',
    group: 'g',
    stream: 's',
    generations: [
      {
        identity: { dev: '1', ino: '2', fpLen: 3, fp: 'ab' },
        path: '/var/log/a.log',
        done: [[0, 0, n, 0]],
        pending: [],
        rotated: false,
      },
    ],
    completed: [],
    savedAt: new Date(0).toISOString(),
  };
}

describe('CheckpointStore', () => {
  it('round-trips state and keys it by path, group and stream', async () => {
    const store = new CheckpointStore(await tempDir(), isCurrentFollowerState);
    await store.open();
    const key = store.keyFor('/var/log/a.log', 'g', 's');
    expect(key).toMatch(/^a\.log-[0-9a-f]{16}$/);
    expect(store.keyFor('/var/log/a.log', 'g2', 's')).not.toBe(key);
    expect(await store.load(key)).toEqual({ state: 'missing' });
    await store.save(key, () => state(10));
    expect(await store.load(key)).toEqual({ state: 'loaded', value: state(10) });
  });

  it('coalesces a burst of saves and always ends with the latest state', async () => {
    const dir = await tempDir();
    const store = new CheckpointStore(dir, isCurrentFollowerState);
    await store.open();
    const key = store.keyFor('/x', 'g', 's');
    let latest = 0;
    let snapshots = 0;
    const saves = Array.from({ length: 50 }, (_, i) => {
      latest = i;
      return store.save(key, () => {
        snapshots++;
        return state(latest);
      });
    });
    await Promise.all(saves);
    expect(snapshots).toBeLessThanOrEqual(2);
    const loaded = await store.load(key);
    expect(loaded.state === 'loaded' && loaded.value.generations[0]!.done).toEqual([[0, 0, 49, 0]]);
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('moves an unreadable state file aside instead of trusting it', async () => {
    const dir = await tempDir();
    const store = new CheckpointStore(dir, isCurrentFollowerState);
    await store.open();
    const key = store.keyFor('/x', 'g', 's');
    await writeFile(store.fileFor(key), '{"version":1,"generat');
    const loaded = await store.load(key);
    expect(loaded.state).toBe('corrupt');
    if (loaded.state !== 'corrupt') return;
    expect(await readFile(loaded.movedTo, 'utf8')).toBe('{"version":1,"generat');
    expect(await store.load(key)).toEqual({ state: 'missing' });
  });

  it('removes temp files a killed process left behind', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'a.log-1.json.tmp-999-0'), 'half');
    await new CheckpointStore(dir, isCurrentFollowerState).open();
    expect(await readdir(dir)).toEqual([]);
  });
});
