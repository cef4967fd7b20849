import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VAULT_COMMIT, VAULT_VERSION } from '../constants.ts';
import { VaultBinaryError, VaultBuildError } from '../errors.ts';
import { formatElapsed } from '../progress.ts';
import type { VaultProgressEvent, VaultProgressListener, VaultProgressPhase } from '../progress.ts';
import { readBuildMetadata, writeBuildMetadata } from './build-metadata.ts';
import type { VaultBuildMetadata } from './build-metadata.ts';
import { acquireBuildLock } from './build-lock.ts';
import {
  API_AUTH_MODULES,
  API_MODULE,
  BUILD_RECIPE_ID,
  SDK_CANDIDATES,
  SDK_MODULE_PATH,
  SDK_PATCHES,
  VAULT_MODULE,
  vaultLdflags,
  vaultModuleQuery,
} from './build-recipe.ts';
import type { SdkCandidate } from './build-recipe.ts';
import { vaultCachePaths } from './cache-dir.ts';
import type { VaultCachePaths } from './cache-dir.ts';
import { copyTreeWritable } from './copy-tree.ts';
import { parseJsonStream, runGoCommand } from './go-command.ts';
import { DEFAULT_GO_FALLBACKS, findGoToolchain, goEnv } from './go-toolchain.ts';
import type { GoToolchain } from './go-toolchain.ts';
import { probeVaultBinary } from './probe.ts';
import { smokeTestDevServer } from './smoke-test.ts';

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
  if (metadata.recipe !== BUILD_RECIPE_ID) {
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
  const report = (
    phase: VaultProgressPhase,
    message: string,
    extra: Partial<VaultProgressEvent> = {},
  ): void => options.onProgress?.({ phase, message, elapsedMs: performance.now() - started, ...extra });

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

  const go = await requireGo(env, paths, options.goFallbackPaths);
  report(
    'toolchain',
    `go ${go.version} at ${go.path}; module cache ${go.env.GOMODCACHE}, build cache ${go.env.GOCACHE}, GOPROXY ${go.env.GOPROXY}`,
  );
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
      const metadata = await buildInto(work, go, env, options, report);
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
        `${paths.binary} (${(sizeBytes / 1e6).toFixed(0)} MB, sdk ${metadata.sdk.version}) in ${formatElapsed(durationMs)}`,
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

type Report = (phase: VaultProgressPhase, message: string, extra?: Partial<VaultProgressEvent>) => void;

async function buildInto(
  work: string,
  go: GoToolchain,
  env: NodeJS.ProcessEnv,
  options: BuildVaultOptions,
  report: Report,
): Promise<Omit<VaultBuildMetadata, 'durationMs' | 'sizeBytes' | 'builtAt'>> {
  const run = {
    env: goEnv(env),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.niceness ? { niceness: options.niceness } : {}),
  };

  // 1. The release module and the modules its replace directives point at.
  const queries = [
    vaultModuleQuery(),
    `${API_MODULE.path}@${API_MODULE.version}`,
    ...API_AUTH_MODULES.map((m) => `${m.path}@${m.version}`),
  ];
  report(
    'download',
    `go mod download ${queries.map((q) => q.replace('github.com/hashicorp/', '')).join(' ')}`,
  );
  const modules = await downloadModules(go, queries, { cwd: work, ...run });
  const sdk = await downloadSdk(go, { cwd: work, ...run }, report);

  // 2. A writable copy with the replaced directories filled in.
  const src = join(work, 'src');
  report('prepare', `copying the module sources into ${src}`);
  await copyTreeWritable(modules.get(VAULT_MODULE)!, src);
  await copyTreeWritable(modules.get(API_MODULE.path)!, join(src, API_MODULE.dir));
  for (const auth of API_AUTH_MODULES) await copyTreeWritable(modules.get(auth.path)!, join(src, auth.dir));
  await copyTreeWritable(sdk.dir, join(src, 'sdk'));
  for (const id of sdk.candidate.patches) {
    await applySdkPatch(join(src, 'sdk'), id);
    report('prepare', `patched sdk: ${id}`);
  }

  // 3. Resolve the package graph (downloads the dependencies) to know how many packages to compile.
  let downloaded = 0;
  report('download', 'dependencies of the vault package (go list -deps)');
  const list = await runGoCommand(go.path, ['list', '-x', '-deps', '-f', '{{.ImportPath}}', '.'], {
    cwd: src,
    ...run,
    onLine: (line) => {
      if (/^# get .*\.zip: 200/.test(line))
        report('download', 'dependencies of the vault package (go list -deps)', { done: ++downloaded });
    },
  });
  if (list.exitCode !== 0)
    throw new VaultBuildError(`${list.command} failed in ${src}:\n${list.tail}`, { outputTail: list.tail });
  const total = list.stdout.split('\n').filter((l) => l.trim() !== '').length;
  report('download', `${downloaded} modules downloaded, ${total} packages in the build`);

  // 4. Compile and link; retry the link with -checklinkname=0 only if Go's linkname check refuses it.
  let checkLinkname = true;
  let compiled = 0;
  const output = join(work, 'vault');
  for (;;) {
    const ldflags = vaultLdflags({ checkLinkname });
    let phase: VaultProgressPhase = 'compile';
    const heartbeat = setInterval(
      () =>
        report(phase, phase === 'link' ? 'linking the vault binary' : 'compiling', { done: compiled, total }),
      5_000,
    );
    heartbeat.unref();
    const build = await runGoCommand(
      go.path,
      ['build', '-v', '-trimpath', '-buildvcs=false', '-ldflags', ldflags, '-o', output, '.'],
      {
        cwd: src,
        ...run,
        onLine: (line) => {
          if (!/^[\w.~-]+(\/[\w.~+-]+)*$/.test(line)) return;
          compiled++;
          if (line === VAULT_MODULE) phase = 'link';
          report(phase, phase === 'link' ? 'linking the vault binary' : 'compiling', {
            done: compiled,
            total,
          });
        },
      },
    ).finally(() => clearInterval(heartbeat));
    if (build.exitCode === 0) break;
    if (checkLinkname && /linkname/i.test(build.tail)) {
      checkLinkname = false;
      report('link', 'the linker refused a //go:linkname reference; retrying with -ldflags=-checklinkname=0');
      continue;
    }
    throw new VaultBuildError(`go build of Vault ${VAULT_VERSION} failed:\n${build.tail}`, {
      outputTail: build.tail,
    });
  }

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

async function requireGo(
  env: NodeJS.ProcessEnv,
  paths: VaultCachePaths,
  fallbacks?: readonly string[],
): Promise<GoToolchain> {
  const go = await findGoToolchain(env, fallbacks);
  const alternatives =
    `or set VAULT_BIN to a Vault ${VAULT_VERSION} binary, or put Vault ${VAULT_VERSION} on PATH as \`vault\`, ` +
    `or, where Docker runs, use the container back-end (\`--backend testcontainers\`).`;
  if (go === undefined) {
    throw new VaultBinaryError(
      `Vault ${VAULT_VERSION} is not cached at ${paths.binary} and building it needs the Go toolchain (go >= 1.20), ` +
        `which was not found (looked at $GO, \`go\` on PATH${(fallbacks ?? DEFAULT_GO_FALLBACKS).map((f) => `, ${f}`).join('')}). Install Go from https://go.dev/dl/ ` +
        `(Debian 12's golang package is 1.19, too old), ${alternatives}`,
    );
  }
  if ('tooOld' in go) {
    throw new VaultBinaryError(
      `Go ${go.tooOld} at ${go.path} is too old to build Vault ${VAULT_VERSION} (needs go >= 1.20). ` +
        `Install a current Go from https://go.dev/dl/ (or point $GO at it), ${alternatives}`,
    );
  }
  return go;
}

async function downloadModules(
  go: GoToolchain,
  queries: readonly string[],
  run: Parameters<typeof runGoCommand>[2],
): Promise<Map<string, string>> {
  const result = await runGoCommand(go.path, ['mod', 'download', '-json', ...queries], run);
  const dirs = new Map<string, string>();
  const errors: string[] = [];
  for (const info of parseJsonStream(result.stdout)) {
    if (typeof info['Error'] === 'string')
      errors.push(`${String(info['Path'])}@${String(info['Version'])}: ${info['Error']}`);
    else if (typeof info['Dir'] === 'string') dirs.set(String(info['Path']), info['Dir']);
  }
  const missing = queries.filter((q) => !dirs.has(q.slice(0, q.lastIndexOf('@'))));
  if (result.exitCode !== 0 || missing.length > 0) {
    const detail = errors.length > 0 ? errors.join('\n') : result.tail;
    throw new VaultBuildError(
      `go mod download failed for ${missing.join(', ') || queries.join(', ')} (is the Go module proxy reachable? GOPROXY=${go.env.GOPROXY}):\n${detail}`,
      { outputTail: result.tail },
    );
  }
  return dirs;
}

async function downloadSdk(
  go: GoToolchain,
  run: Parameters<typeof runGoCommand>[2],
  report: Report,
): Promise<{ candidate: SdkCandidate; dir: string }> {
  const failures: string[] = [];
  for (const candidate of SDK_CANDIDATES) {
    const query = `${SDK_MODULE_PATH}@${candidate.version}`;
    const result = await runGoCommand(go.path, ['mod', 'download', '-json', query], run);
    const info = parseJsonStream(result.stdout)[0];
    if (result.exitCode === 0 && info && typeof info['Dir'] === 'string') {
      report('download', `using ${query}: ${candidate.note}`);
      return { candidate, dir: info['Dir'] };
    }
    const why = (typeof info?.['Error'] === 'string' ? info['Error'] : result.tail)
      .split('\n')
      .slice(-2)
      .join(' ')
      .trim();
    failures.push(`${query}: ${why}`);
    report('download', `${query} is not available (${why}); trying the next sdk candidate`);
  }
  throw new VaultBuildError(
    `no usable github.com/hashicorp/vault/sdk version could be downloaded:\n${failures.join('\n')}`,
  );
}

async function applySdkPatch(sdkDir: string, id: string): Promise<void> {
  const patch = SDK_PATCHES.find((p) => p.id === id);
  if (!patch) throw new VaultBuildError(`unknown sdk patch ${id}`);
  const file = join(sdkDir, patch.file);
  const text = await readFile(file, 'utf8');
  if (!patch.remove.test(text)) {
    throw new VaultBuildError(
      `sdk patch ${id}: the code it removes is not in ${patch.file}; the recipe needs review for this sdk`,
    );
  }
  await writeFile(file, text.replace(patch.remove, '\n'));
}
