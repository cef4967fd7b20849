import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { VaultClient } from '../client/vault-client.ts';
import { waitUntilUnsealed } from '../client/wait-until-unsealed.ts';
import { VaultBuildError } from '../errors.ts';
import { startDevServerProcess } from '../server/dev-server-process.ts';

/**
 * `vault version` only proves the binary links. A build against the wrong sdk can still panic on its
 * first request (sdk v0.9.2 without the recipe's patch does), so a new binary must also start a dev
 * server that answers healthy and unsealed before it is installed.
 */
export async function smokeTestDevServer(
  binary: string,
  workDir: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const labDir = join(workDir, 'smoke-test');
  await mkdir(labDir, { recursive: true });
  let server;
  try {
    server = await startDevServerProcess({ binary, labDir, env, startupTimeoutMs: 60_000 });
    const client = new VaultClient({ address: server.address, token: server.banner.rootToken });
    await waitUntilUnsealed(client, { timeoutMs: 30_000 });
    // A request that routes through the sys backend, where an sdk start-up panic would fire.
    await client.authList();
  } catch (error) {
    throw new VaultBuildError(`the new Vault binary failed its smoke test: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await server?.stop();
  }
}
