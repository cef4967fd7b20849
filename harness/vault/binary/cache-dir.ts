import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { ConfigError } from '../../errors.ts';
import { VAULT_VERSION } from '../constants.ts';

/** Overrides the cache directory (absolute path). */
export const CACHE_DIR_ENV = 'VAULT_ALARM_LAB_CACHE_DIR';

/**
 * The per-user cache: `$VAULT_ALARM_LAB_CACHE_DIR`, else `$XDG_CACHE_HOME/vault-alarm-lab`, else
 * `~/.cache/vault-alarm-lab` (the XDG base directory default). Other parts of the lab rely on this
 * layout; do not move it.
 */
export function labCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[CACHE_DIR_ENV];
  if (override !== undefined && override !== '') {
    if (!isAbsolute(override)) {
      throw new ConfigError(
        `${CACHE_DIR_ENV}: expected an absolute directory path, got ${JSON.stringify(override)}`,
      );
    }
    return override;
  }
  const xdg = env['XDG_CACHE_HOME'];
  // The XDG spec says relative values are invalid and must be ignored.
  if (xdg !== undefined && xdg !== '' && isAbsolute(xdg)) return join(xdg, 'vault-alarm-lab');
  return join(env['HOME'] || homedir(), '.cache', 'vault-alarm-lab');
}

export interface VaultCachePaths {
  /** `<cache>/vault/v1.14.0` */
  readonly versionDir: string;
  /** `<cache>/vault/v1.14.0/vault` */
  readonly binary: string;
  /** `<cache>/vault/v1.14.0/build.json`: how the binary was built. */
  readonly metadata: string;
  /** `<cache>/vault/v1.14.0.lock`: held while a build runs. */
  readonly lock: string;
  /** `<cache>/vault`: scratch build directories live here, on the binary's file system (atomic rename). */
  readonly vaultDir: string;
}

export function vaultCachePaths(env: NodeJS.ProcessEnv = process.env): VaultCachePaths {
  const vaultDir = join(labCacheDir(env), 'vault');
  const versionDir = join(vaultDir, `v${VAULT_VERSION}`);
  return {
    vaultDir,
    versionDir,
    binary: join(versionDir, 'vault'),
    metadata: join(versionDir, 'build.json'),
    lock: join(vaultDir, `v${VAULT_VERSION}.lock`),
  };
}
