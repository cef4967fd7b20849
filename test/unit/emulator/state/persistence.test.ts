import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../harness/util/logger.ts';
import { StatePersistence } from '../../../../harness/emulator/state/persistence.ts';
import { StateRegistry } from '../../../../harness/emulator/state/state-registry.ts';

interface Counter {
  value: number;
}
const spec = {
  create: (): Counter => ({ value: 0 }),
  serialize: (store: Counter) => ({ value: store.value }),
  restore: (data: unknown): Counter => ({ value: (data as Counter).value }),
};
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab-state-'));
  dirs.push(dir);
  return dir;
}

describe('persistence to a state directory', () => {
  it('saves every store, the clock and global state, and restores them', async () => {
    const dir = tempDir();
    const registry = new StateRegistry();
    registry.register('svc', spec);
    let global = { metrics: 3 };
    const persistence = new StatePersistence({
      dir,
      registry,
      logger: createLogger('test'),
      clockState: () => ({ offsetMs: 42, savedAt: 1000 }),
      globals: [{ service: 'svc', serialize: () => global, restore: (d) => (global = d as typeof global) }],
    });
    expect(await persistence.load()).toBeUndefined();
    registry.get<Counter>('svc', '000000000000', 'us-east-1').value = 7;
    registry.get<Counter>('svc', '123456789012', 'eu-west-1').value = 9;
    await persistence.close();
    expect(readdirSync(join(dir, 'svc')).sort()).toEqual([
      '000000000000-us-east-1.json',
      '123456789012-eu-west-1.json',
      'global.json',
    ]);

    const restored = new StateRegistry();
    restored.register('svc', spec);
    global = { metrics: 0 };
    const again = new StatePersistence({
      dir,
      registry: restored,
      logger: createLogger('test'),
      clockState: () => undefined,
      globals: [{ service: 'svc', serialize: () => global, restore: (d) => (global = d as typeof global) }],
    });
    expect(await again.load()).toEqual({ offsetMs: 42, savedAt: 1000 });
    expect(restored.get<Counter>('svc', '000000000000', 'us-east-1').value).toBe(7);
    expect(restored.get<Counter>('svc', '123456789012', 'eu-west-1').value).toBe(9);
    expect(global).toEqual({ metrics: 3 });
  });

  it('saves after changes without being asked (debounced) and forgets dropped stores', async () => {
    const dir = tempDir();
    const registry = new StateRegistry();
    registry.register('svc', spec);
    const persistence = new StatePersistence({
      dir,
      registry,
      logger: createLogger('test'),
      clockState: () => undefined,
    });
    await persistence.load();
    registry.get<Counter>('svc', '000000000000', 'us-east-1').value = 1;
    registry.markDirty();
    const file = join(dir, 'svc', '000000000000-us-east-1.json');
    const { waitFor } = await import('../../../../harness/util/wait-for.ts');
    await waitFor(
      () => {
        try {
          return (JSON.parse(readFileSync(file, 'utf8')) as { data: Counter }).data.value === 1;
        } catch {
          return false;
        }
      },
      { description: 'debounced save', timeoutMs: 5_000 },
    );
    registry.clear();
    await persistence.close();
    expect(readdirSync(join(dir, 'svc'))).toEqual([]);
  });

  it('refuses a state file of another format version', async () => {
    const dir = tempDir();
    const registry = new StateRegistry();
    registry.register('svc', spec);
    const persistence = new StatePersistence({
      dir,
      registry,
      logger: createLogger('test'),
      clockState: () => undefined,
    });
    await persistence.load();
    await persistence.close();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'svc'), { recursive: true });
    writeFileSync(join(dir, 'svc', '000000000000-us-east-1.json'), JSON.stringify({ version: 99, data: {} }));
    const fresh = new StateRegistry();
    fresh.register('svc', spec);
    await expect(
      new StatePersistence({
        dir,
        registry: fresh,
        logger: createLogger('test'),
        clockState: () => undefined,
      }).load(),
    ).rejects.toThrow(
      expect.objectContaining({
        code: 'LAB_EMULATOR_STATE_INVALID',
        message: expect.stringMatching(/state format version 99, expected 1/),
      }),
    );
  });

  it('refuses a damaged state file instead of silently starting empty', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'clock.json'), '{"offsetMs": 1');
    const registry = new StateRegistry();
    registry.register('svc', spec);
    await expect(
      new StatePersistence({
        dir,
        registry,
        logger: createLogger('test'),
        clockState: () => undefined,
      }).load(),
    ).rejects.toThrow(
      expect.objectContaining({
        code: 'LAB_EMULATOR_STATE_INVALID',
        message: expect.stringContaining('clock.json is not valid JSON'),
      }),
    );
  });
});
