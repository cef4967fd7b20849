import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { VAULT_COMMIT, VAULT_VERSION } from '../constants.ts';
import { VaultBuildError } from '../errors.ts';
import { formatElapsed, withHeartbeat } from '../progress.ts';
import type { VaultProgressListener } from '../progress.ts';
import { readBuildMetadata, writeBuildMetadata } from './build-metadata.ts';
import type { VaultBuildMetadata } from './build-metadata.ts';
import { acquireBuildLock } from './build-lock.ts';
import { BUILD_RECIPE_ID, RELEASE_RECIPE_ID, vaultLdflags } from './build-recipe.ts';
import { downloadVaultRelease, releasesBaseUrl } from './release-download.ts';
import {
  compileVault,
  countPackages,
  downloadModules,
  downloadSdk,
  prepareSources,
  requireGo,
} from './build-steps.ts';
import type { BuildReport, GoRun } from './build-steps.ts';
import { vaultCachePaths } from './cache-dir.ts';
import type { VaultCachePaths } from './cache-dir.ts';
import { goEnv } from './go-toolchain.ts';
import type { GoToolchain } from './go-toolchain.ts';
import { probeVaultBinary } from './probe.ts';
import { smokeTestDevServer } from './smoke-test.ts';

/** How often a silent build step repeats its last progress line (a log printer throttles further). */
export const BUILD_HEARTBEAT_MS = 5_000;

export interface BuildVaultOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly onProgress?: VaultProgressListener;
  readonly signal?: AbortSignal;
  /** Rebuild even when the cached binary is valid. */
  readonly force?: boolean;
  /** Run the go commands under `nice -n N` (shared machines). */
  readonly niceness?: number;
  /** Keep the scratch directory (debugging a failed build). */
  readonly keepWorkDir?: boolean;
  /**
   * The official release zip is tried first (`false`: build from source only). `baseUrl` defaults to
   * `$VAULT_RELEASES_URL`, then releases.hashicorp.com; tests pin their own checksums.
   */
  readonly release?:
    | false
    | {
        readonly baseUrl?: string;
        readonly checksums?: Readonly<Record<string, string>>;
        readonly connectTimeoutMs?: number;
      };
  /** Where to look for `go` when neither $GO nor PATH has it; default /usr/local/go/bin/go. */
  readonly goFallbackPaths?: readonly string[];
}

export interface BuildVaultResult {
  readonly path: string;
  readonly version: string;
  /** False when a valid cached binary was found (by this or a concurrent process). */
  readonly built: boolean;
  readonly metadata: VaultBuildMetadata;
  readonly durationMs: number;
}

export type CacheCheck =
  | { readonly ok: true; readonly metadata: VaultBuildMetadata }
  | { readonly ok: false; readonly reason: string };

/** Is the cached binary one this recipe built, intact, and Vault 1.14.0? */
export async function checkCachedVault(
  paths: VaultCachePaths,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CacheCheck> {
  const size = await stat(paths.binary).then(
    (s) => s.size,
    () => undefined,
  );
  if (size === undefined) return { ok: false, reason: `no binary at ${paths.binary}` };
  const metadata = await readBuildMetadata(paths.metadata);
  if (!metadata)
    return { ok: false, reason: `${paths.binary} has no ${paths.metadata} (not built by this recipe)` };
  if (metadata.recipe !== BUILD_RECIPE_ID && metadata.recipe !== RELEASE_RECIPE_ID) {
    return {
      ok: false,
      reason: `${paths.binary} was built by recipe ${metadata.recipe}, the current one is ${BUILD_RECIPE_ID}`,
    };
  }
  if (metadata.sizeBytes !== size)
    return { ok: false, reason: `${paths.binary} is ${size} bytes, build.json says ${metadata.sizeBytes}` };
  const probe = await probeVaultBinary(paths.binary, env);
  if (!probe.ok) return { ok: false, reason: probe.reason };
  return { ok: true, metadata };
}

/**
 * Builds Vault 1.14.0 from the official Go module into the cache (vault-audit.md §4), once: under a
 * lock, in a scratch directory next to the cache, verified (`vault version`, then a dev server that
 * must answer /v1/sys/health) before one atomic rename puts it in place. A half-built binary is never
 * where the lab looks.
 */
export async function buildVault(options: BuildVaultOptions = {}): Promise<BuildVaultResult> {
  const env = options.env ?? process.env;
  const paths = vaultCachePaths(env);
  const started = performance.now();
  // In a CI log a silent step (module download, link, smoke test) must still show it is alive.
  const heartbeat = withHeartbeat(options.onProgress, started, BUILD_HEARTBEAT_MS);
  const report: BuildReport = (phase, message, extra = {}) =>
    heartbeat.report({ phase, message, elapsedMs: performance.now() - started, ...extra });
  try {
    return await buildWithReport(options, env, paths, started, report);
  } finally {
    heartbeat.stop();
  }
}

async function buildWithReport(
  options: BuildVaultOptions,
  env: NodeJS.ProcessEnv,
  paths: VaultCachePaths,
  started: number,
  report: BuildReport,
): Promise<BuildVaultResult> {
  if (!options.force) {
    const cached = await checkCachedVault(paths, env);
    if (cached.ok)
      return {
        path: paths.binary,
        version: VAULT_VERSION,
        built: false,
        metadata: cached.metadata,
        durationMs: 0,
      };
    report('resolve', `building: ${cached.reason}`);
  }

  await mkdir(paths.vaultDir, { recursive: true });
  const release = await acquireBuildLock(paths.lock, {
    onWait: (holder, waitedMs) =>
      report(
        'lock',
        `waiting for another build (pid ${holder?.pid ?? '?'} since ${holder?.startedAt ?? '?'}) for ${formatElapsed(waitedMs)}`,
      ),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    if (!options.force) {
      const cached = await checkCachedVault(paths, env);
      if (cached.ok) {
        report('install', `another process built ${paths.binary} meanwhile`);
        return {
          path: paths.binary,
          version: VAULT_VERSION,
          built: false,
          metadata: cached.metadata,
          durationMs: performance.now() - started,
        };
      }
    }
    const work = await mkdtemp(join(paths.vaultDir, '.build-'));
    try {
      const metadata =
        (await fromOfficialRelease(work, env, options, report)) ??
        (await buildInto(work, await toolchain(env, paths, options, report), env, options, report));
      const durationMs = performance.now() - started;
      const output = join(work, 'vault');
      const sizeBytes = (await stat(output)).size;
      await mkdir(paths.versionDir, { recursive: true });
      await rename(output, paths.binary);
      const complete: VaultBuildMetadata = {
        ...metadata,
        durationMs: Math.round(durationMs),
        sizeBytes,
        builtAt: new Date().toISOString(),
      };
      await writeBuildMetadata(paths.metadata, complete);
      report(
        'install',
        `${paths.binary} (${(sizeBytes / 1e6).toFixed(0)} MB, ${metadata.release ? 'official release' : `sdk ${metadata.sdk.version}`}) in ${formatElapsed(durationMs)}`,
      );
      return { path: paths.binary, version: VAULT_VERSION, built: true, metadata: complete, durationMs };
    } finally {
      if (options.keepWorkDir) report('install', `kept the scratch directory ${work}`);
      else await rm(work, { recursive: true, force: true });
    }
  } finally {
    await release();
  }
}

async function toolchain(
  env: NodeJS.ProcessEnv,
  paths: VaultCachePaths,
  options: BuildVaultOptions,
  report: BuildReport,
): Promise<GoToolchain> {
  const go = await requireGo(env, paths, options.goFallbackPaths);
  report(
    'toolchain',
    `go ${go.version} at ${go.path}; module cache ${go.env.GOMODCACHE}, build cache ${go.env.GOCACHE}, GOPROXY ${go.env.GOPROXY}`,
  );
  return go;
}

/**
 * The official release zip, verified against its pinned SHA-256 and checked like a build (version,
 * smoke test); undefined when it cannot be fetched, so the Go build runs instead.
 */
async function fromOfficialRelease(
  work: string,
  env: NodeJS.ProcessEnv,
  options: BuildVaultOptions,
  report: BuildReport,
): Promise<Omit<VaultBuildMetadata, 'durationMs' | 'sizeBytes' | 'builtAt'> | undefined> {
  if (options.release === false) return undefined;
  const baseUrl = options.release?.baseUrl ?? releasesBaseUrl(env);
  const downloaded = await downloadVaultRelease({
    workDir: work,
    ...(baseUrl ? { baseUrl } : {}),
    ...(options.release?.checksums ? { checksums: options.release.checksums } : {}),
    ...(options.release?.connectTimeoutMs ? { connectTimeoutMs: options.release.connectTimeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    report,
  });
  if (!downloaded.ok) {
    report('download', `official release not available (${downloaded.reason}); building from source instead`);
    return undefined;
  }
  const probe = await probeVaultBinary(downloaded.binary, env);
  if (!probe.ok) throw new VaultBuildError(`the release binary does not check out: ${probe.reason}`);
  report('verify', probe.info.line);
  await smokeTestDevServer(downloaded.binary, work, env);
  report('verify', 'dev server started and answered healthy');
  return {
    recipe: RELEASE_RECIPE_ID,
    vaultVersion: VAULT_VERSION,
    vaultCommit: VAULT_COMMIT,
    sdk: { version: 'as released', exact: true, patches: [] },
    goVersion: 'as released',
    ldflags: '',
    checkLinknameDisabled: false,
    release: { url: downloaded.url, sha256: downloaded.sha256 },
  };
}

async function buildInto(
  work: string,
  go: GoToolchain,
  env: NodeJS.ProcessEnv,
  options: BuildVaultOptions,
  report: BuildReport,
): Promise<Omit<VaultBuildMetadata, 'durationMs' | 'sizeBytes' | 'builtAt'>> {
  const run: GoRun = {
    env: goEnv(env),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.niceness ? { niceness: options.niceness } : {}),
  };
  const modules = await downloadModules(go, work, run, report);
  const sdk = await downloadSdk(go, work, run, report);
  const src = await prepareSources(work, modules, sdk, report);
  const total = await countPackages(go, src, run, report);
  const output = join(work, 'vault');
  const { checkLinkname } = await compileVault(go, src, output, total, run, report);

  // 5. Verify before anything is installed.
  const probe = await probeVaultBinary(output, env);
  if (!probe.ok) throw new VaultBuildError(`the new binary does not check out: ${probe.reason}`);
  report('verify', probe.info.line);
  report('verify', 'smoke test: a dev server from the new binary must answer /v1/sys/health');
  await smokeTestDevServer(output, work, env);
  report('verify', 'dev server started and answered healthy');

  return {
    recipe: BUILD_RECIPE_ID,
    vaultVersion: VAULT_VERSION,
    vaultCommit: VAULT_COMMIT,
    sdk: { version: sdk.candidate.version, exact: sdk.candidate.exact, patches: [...sdk.candidate.patches] },
    goVersion: go.version,
    ldflags: vaultLdflags({ checkLinkname }),
    checkLinknameDisabled: !checkLinkname,
  };
}
