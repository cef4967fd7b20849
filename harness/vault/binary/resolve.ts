import { VAULT_VERSION } from '../constants.ts';
import { VaultBinaryError } from '../errors.ts';
import type { VaultProgressListener } from '../progress.ts';
import { buildVault, checkCachedVault } from './build.ts';
import type { BuildVaultOptions } from './build.ts';
import { vaultCachePaths } from './cache-dir.ts';
import { findOnPath } from './go-toolchain.ts';
import { probeVaultBinary } from './probe.ts';

/** Where the binary came from: `VAULT_BIN`, `vault` on PATH, the cache, or a build just now. */
export type VaultBinarySource = 'env' | 'path' | 'cache' | 'built';

export interface ResolvedVaultBinary {
  readonly path: string;
  readonly version: string;
  readonly source: VaultBinarySource;
}

export interface ResolveVaultBinaryOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly onProgress?: VaultProgressListener;
  readonly signal?: AbortSignal;
  /** Build when nothing else is found (default true); false throws instead. */
  readonly build?: boolean;
  /** Passed to the build (niceness...). */
  readonly buildOptions?: Omit<BuildVaultOptions, 'env' | 'onProgress' | 'signal'>;
}

/** Names the environment variable that points at a Vault binary. */
export const VAULT_BIN_ENV = 'VAULT_BIN';

const memo = new Map<string, Promise<ResolvedVaultBinary>>();

/**
 * Finds Vault 1.14.0, in this order: `$VAULT_BIN` (must be 1.14.0, or this fails: an explicit
 * choice is never silently ignored); `vault` on PATH if `vault version` says v1.14.0; the cached
 * build; else builds it (minutes, once per machine). The answer is memoised per process for the same
 * VAULT_BIN/PATH/cache settings.
 */
export function resolveVaultBinary(options: ResolveVaultBinaryOptions = {}): Promise<ResolvedVaultBinary> {
  const env = options.env ?? process.env;
  const key = JSON.stringify([env[VAULT_BIN_ENV], env['PATH'], vaultCachePaths(env).binary]);
  let pending = memo.get(key);
  if (!pending) {
    pending = resolveUncached(env, options);
    memo.set(key, pending);
    // A failure is not remembered: the user may fix it (install Go) and call again.
    pending.catch(() => memo.delete(key));
  }
  return pending;
}

async function resolveUncached(
  env: NodeJS.ProcessEnv,
  options: ResolveVaultBinaryOptions,
): Promise<ResolvedVaultBinary> {
  const report = (message: string): void => options.onProgress?.({ phase: 'resolve', message });
  const fromEnv = env[VAULT_BIN_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    const probe = await probeVaultBinary(fromEnv, env);
    if (!probe.ok) {
      throw new VaultBinaryError(
        `${VAULT_BIN_ENV}=${fromEnv} is not usable: ${probe.reason}. Point it at a Vault ${VAULT_VERSION} binary or unset it.`,
      );
    }
    return { path: fromEnv, version: probe.info.version, source: 'env' };
  }

  const onPath = await findOnPath('vault', env);
  if (onPath) {
    const probe = await probeVaultBinary(onPath, env);
    if (probe.ok) return { path: onPath, version: probe.info.version, source: 'path' };
    report(`ignoring ${onPath}: ${probe.reason}`);
  }

  const paths = vaultCachePaths(env);
  const cached = await checkCachedVault(paths, env);
  if (cached.ok) return { path: paths.binary, version: VAULT_VERSION, source: 'cache' };

  if (options.build === false) {
    throw new VaultBinaryError(
      `no Vault ${VAULT_VERSION} binary: ${VAULT_BIN_ENV} is unset, no \`vault\` on PATH reports v${VAULT_VERSION}, and ${cached.reason}. ` +
        'Run `vault-alarm-lab vault build` (needs Go >= 1.20) or set VAULT_BIN.',
    );
  }
  report(
    `no Vault ${VAULT_VERSION} yet (${cached.reason}); fetching the official release once, else building it from the official Go module (several minutes)`,
  );
  const built = await buildVault({
    ...options.buildOptions,
    env,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { path: built.path, version: built.version, source: built.built ? 'built' : 'cache' };
}
