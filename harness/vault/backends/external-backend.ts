import { join } from 'node:path';
import { ConfigError } from '../../errors.ts';
import { VaultClient } from '../client/vault-client.ts';
import { VaultStartError } from '../errors.ts';
import type { BackendServer, ExternalVaultOptions } from './types.ts';

/**
 * A Vault someone else runs. Nothing is started or stopped; the file audit device (if asked for) is
 * enabled at a path this machine can read, so the server must share this file system (same host, or
 * a bind mount: then pass `audit.filePath` as the server sees it).
 */
export async function startExternalBackend(
  options: ExternalVaultOptions,
  labDir: string,
): Promise<BackendServer> {
  const address = options.address;
  const token = options.token;
  if (!address)
    throw new ConfigError(
      'external Vault: the address is required (e.g. http://127.0.0.1:8200; CLI: --vault-addr or VAULT_ADDR)',
    );
  if (!token)
    throw new ConfigError(
      'external Vault: a token is required (a root token: the lab enables audit devices and writes policies)',
    );
  const client = new VaultClient({ address, token });
  const health = await client.health().catch((error: unknown) => {
    throw new VaultStartError(`external Vault at ${address} did not answer: ${(error as Error).message}`, {
      cause: error,
    });
  });
  if (!health.initialized || health.sealed) {
    throw new VaultStartError(
      `external Vault at ${address} is ${health.initialized ? 'sealed' : 'not initialised'}: unseal it first`,
    );
  }
  if (!health.version.startsWith('1.14.')) {
    // Not fatal: the audit format is the same across 1.14.x; other versions may differ in details.
    options.onProgress?.({
      phase: 'start',
      message: `external Vault reports version ${health.version}, the lab targets 1.14.0`,
    });
  }
  const auditDir = join(labDir, 'audit');
  return {
    backend: 'external',
    address: client.address,
    rootToken: token,
    unsealKey: undefined,
    serverLogPath: undefined,
    pid: undefined,
    audit: { hostDir: auditDir, serverDir: auditDir },
    stop: async () => undefined,
  };
}
