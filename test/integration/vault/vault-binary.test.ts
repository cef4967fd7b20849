import { chmod, mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildVault,
  probeVaultBinary,
  resolveVaultBinary,
  vaultCachePaths,
} from '../../../harness/vault/index.ts';
import type { VaultBuildMetadata, VaultProgressEvent } from '../../../harness/vault/index.ts';
import { BUILD_RECIPE_ID } from '../../../harness/vault/binary/build-recipe.ts';
import { testVaultBinary } from '../../support/vault-server.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

describe('finding the Vault binary', () => {
  let dir: string;
  let emptyPath: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vault-resolve-'));
    emptyPath = join(dir, 'empty-bin');
    await mkdir(emptyPath);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function fakeVault(name: string, versionLine: string): Promise<string> {
    const binDir = join(dir, name);
    await mkdir(binDir, { recursive: true });
    const path = join(binDir, 'vault');
    await writeFile(path, `#!/bin/sh\necho '${versionLine}'\n`);
    await chmod(path, 0o755);
    return path;
  }

  /** An environment that finds nothing by itself: no VAULT_BIN, no vault on PATH, an empty cache. */
  function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { PATH: emptyPath, HOME: dir, VAULT_ALARM_LAB_CACHE_DIR: join(dir, 'cache'), ...extra };
  }

  it('uses VAULT_BIN first, and refuses one that is not 1.14.0 instead of silently falling back', async () => {
    const real = testVaultBinary();
    await expect(
      resolveVaultBinary({ env: isolatedEnv({ VAULT_BIN: real }), build: false }),
    ).resolves.toEqual({
      path: real,
      version: '1.14.0',
      source: 'env',
    });
    const wrong = await fakeVault('wrong', 'Vault v1.15.2 (abcdef0123456789abcdef0123456789abcdef01)');
    await expect(resolveVaultBinary({ env: isolatedEnv({ VAULT_BIN: wrong }) })).rejects.toMatchObject({
      code: 'LAB_VAULT_BINARY',
      message: expect.stringMatching(/VAULT_BIN=.*is not usable: .*Vault v1\.15\.2.*not Vault v1\.14\.0/),
    });
    await expect(
      resolveVaultBinary({ env: isolatedEnv({ VAULT_BIN: join(dir, 'missing') }) }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('no such file'),
    });
  });

  it('uses `vault` on PATH when it reports v1.14.0, and skips (saying so) one that does not', async () => {
    const onPath = join(dir, 'path-bin');
    await mkdir(onPath);
    await symlink(testVaultBinary(), join(onPath, 'vault'));
    await expect(
      resolveVaultBinary({ env: isolatedEnv({ PATH: onPath }), build: false }),
    ).resolves.toMatchObject({
      path: join(onPath, 'vault'),
      source: 'path',
    });

    const wrong = await fakeVault('old', 'Vault v1.13.2');
    const events: VaultProgressEvent[] = [];
    await expect(
      resolveVaultBinary({
        env: isolatedEnv({ PATH: join(dir, 'old') }),
        build: false,
        onProgress: (e) => events.push(e),
      }),
    ).rejects.toMatchObject({
      code: 'LAB_VAULT_BINARY',
      message: expect.stringContaining('vault-alarm-lab vault build'),
    });
    expect(events.map((e) => e.message)).toContainEqual(
      expect.stringMatching(`ignoring ${wrong}: .*Vault v1\\.13\\.2`),
    );
  });

  it('uses the cache only for a binary this recipe built (build.json with the recipe and size)', async () => {
    const env = isolatedEnv();
    const paths = vaultCachePaths(env);
    await mkdir(paths.versionDir, { recursive: true });
    await symlink(testVaultBinary(), paths.binary);
    const size = (await stat(testVaultBinary())).size;
    const metadata = (recipe: string): VaultBuildMetadata => ({
      recipe,
      vaultVersion: '1.14.0',
      vaultCommit: '13a649f860186dffe3f3a4459814d87191efc321',
      sdk: { version: 'v0.9.2', exact: false, patches: [] },
      goVersion: '1.26.8',
      ldflags: '-s -w',
      checkLinknameDisabled: false,
      builtAt: '2026-01-01T00:00:00Z',
      durationMs: 1,
      sizeBytes: size,
    });

    await expect(resolveVaultBinary({ env, build: false })).rejects.toMatchObject({
      message: expect.stringContaining('no '),
    });
    await writeFile(paths.metadata, JSON.stringify(metadata('an-older-recipe')));
    await expect(resolveVaultBinary({ env, build: false })).rejects.toMatchObject({
      message: expect.stringContaining(
        `built by recipe an-older-recipe, the current one is ${BUILD_RECIPE_ID}`,
      ),
    });
    await writeFile(paths.metadata, JSON.stringify(metadata(BUILD_RECIPE_ID)));
    await expect(resolveVaultBinary({ env, build: false })).resolves.toEqual({
      path: paths.binary,
      version: '1.14.0',
      source: 'cache',
    });
  });

  it('without Go says exactly what to install or set', async () => {
    await expect(
      buildVault({ env: isolatedEnv(), goFallbackPaths: [], release: false }),
    ).rejects.toMatchObject({
      code: 'LAB_VAULT_BINARY',
      message: expect.stringMatching(
        /needs the Go toolchain \(go >= 1\.20\).*https:\/\/go\.dev\/dl\/.*VAULT_BIN.*PATH.*--backend testcontainers/s,
      ),
    });
  });

  it('refuses a Go that is too old, naming its version', async () => {
    const oldGo = join(dir, 'go');
    await writeFile(oldGo, "#!/bin/sh\necho 'go version go1.19.13 linux/amd64'\n");
    await chmod(oldGo, 0o755);
    await expect(
      buildVault({ env: isolatedEnv({ GO: oldGo }), goFallbackPaths: [], release: false }),
    ).rejects.toMatchObject({
      code: 'LAB_VAULT_BINARY',
      message: expect.stringContaining('Go 1.19.13'),
    });
  });

  it('`vault build` is a no-op with a short message when the cached binary is valid', async () => {
    const result = await execa(process.execPath, ['bin/vault-alarm-lab.js', 'vault', 'build'], {
      cwd: ROOT,
      env: { VAULT_BIN: '' },
      reject: false,
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(
      /^Nothing to build: Vault 1\.14\.0 at .*vault \(from (the cache|`vault` on PATH)/,
    );
    expect(result.stdout.split('\n')).toHaveLength(1);
    expect((await probeVaultBinary(testVaultBinary())).ok).toBe(true);
  });
});

/**
 * The full recipe (download, copy, patch, compile, link, smoke test, atomic install), into a temp
 * cache. With warm Go caches it takes about 15 s of CPU; a cold one takes minutes, so it runs only
 * when asked: LAB_TEST_VAULT_BUILD=1.
 */
describe.skipIf(process.env['LAB_TEST_VAULT_BUILD'] !== '1')(
  'building Vault 1.14.0 from the Go module (LAB_TEST_VAULT_BUILD=1)',
  () => {
    it('builds, verifies and installs the binary atomically, then finds it cached', async () => {
      const cache = await mkdtemp(join(tmpdir(), 'vault-build-'));
      try {
        const env = { ...process.env, VAULT_ALARM_LAB_CACHE_DIR: cache };
        const events: VaultProgressEvent[] = [];
        const result = await buildVault({ env, niceness: 10, onProgress: (e) => events.push(e) });
        expect(result.built).toBe(true);
        expect((await probeVaultBinary(result.path)).ok).toBe(true);
        expect(events.map((e) => e.phase)).toEqual(
          expect.arrayContaining(['download', 'prepare', 'compile', 'verify', 'install']),
        );
        expect(events.map((e) => e.message)).toContainEqual(
          expect.stringMatching(/^using github\.com\/hashicorp\/vault\/sdk@/),
        );
        expect((await buildVault({ env })).built).toBe(false);
      } finally {
        await rm(cache, { recursive: true, force: true });
      }
    }, 1_800_000);
  },
);
if (process.env['LAB_TEST_VAULT_BUILD'] !== '1') {
  console.warn('skipping the full Vault build test: set LAB_TEST_VAULT_BUILD=1 to run it (minutes of CPU)');
}
