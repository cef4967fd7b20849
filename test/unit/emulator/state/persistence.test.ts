import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../harness/util/logger.ts';
import { StatePersistence } from '../../../../harness/emulator/state/persistence.ts';
import { StateRegistry } from '../../../../harness/emulator/state/state-registry.ts';
import { waitFor } from '../../../../harness/util/wait-for.ts';

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

/** A registry of the one `svc` service and its persistence to `dir`. */
function persisted(
  dir: string,
  options: Partial<ConstructorParameters<typeof StatePersistence>[0]> = {},
): { registry: StateRegistry; persistence: StatePersistence } {
  const registry = new StateRegistry();
  registry.register('svc', spec);
  const persistence = new StatePersistence({
    dir,
    registry,
    logger: createLogger('test'),
    clockState: () => undefined,
    ...options,
  });
  return { registry, persistence };
}

describe('persistence to a state directory', () => {
  it('saves every store, the clock and global state, and restores them', async () => {
    const dir = tempDir();
    let global = { metrics: 3 };
    const globals = [
      { service: 'svc', serialize: () => global, restore: (d: unknown) => (global = d as typeof global) },
    ];
    const { registry, persistence } = persisted(dir, {
      clockState: () => ({ offsetMs: 42, savedAt: 1000 }),
      globals,
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

    global = { metrics: 0 };
    const { registry: restored, persistence: again } = persisted(dir, { globals });
    expect(await again.load()).toEqual({ offsetMs: 42, savedAt: 1000 });
    expect(restored.get<Counter>('svc', '000000000000', 'us-east-1').value).toBe(7);
    expect(restored.get<Counter>('svc', '123456789012', 'eu-west-1').value).toBe(9);
    expect(global).toEqual({ metrics: 3 });
  });

  it('saves after changes without being asked (debounced) and forgets dropped stores', async () => {
    const dir = tempDir();
    const { registry, persistence } = persisted(dir);
    await persistence.load();
    registry.get<Counter>('svc', '000000000000', 'us-east-1').value = 1;
    registry.markDirty();
    const file = join(dir, 'svc', '000000000000-us-east-1.json');
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
    const { persistence } = persisted(dir);
    await persistence.load();
    await persistence.close();
    mkdirSync(join(dir, 'svc'), { recursive: true });
    writeFileSync(join(dir, 'svc', '000000000000-us-east-1.json'), JSON.stringify({ version: 99, data: {} }));
    await expect(persisted(dir).persistence.load()).rejects.toThrow(
      expect.objectContaining({
        code: 'LAB_EMULATOR_STATE_INVALID',
        message: expect.stringMatching(/state format version 99, expected 1/),
      }),
    );
  });

  it('refuses a damaged state file instead of silently starting empty', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'clock.json'), '{"offsetMs": 1');
    await expect(persisted(dir).persistence.load()).rejects.toThrow(
      expect.objectContaining({
        code: 'LAB_EMULATOR_STATE_INVALID',
        message: expect.stringContaining('clock.json is not valid JSON'),
      }),
    );
  });
});
