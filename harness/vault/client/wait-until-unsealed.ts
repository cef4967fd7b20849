import { waitFor } from '../../util/wait-for.ts';
import type { VaultClient } from './vault-client.ts';

/**
 * Polls `GET sys/health` until Vault reports initialized and unsealed: the moment a dev server (or
 * an external one) can serve requests. A timeout is a WaitTimeoutError naming the address.
 */
export async function waitUntilUnsealed(
  client: VaultClient,
  options: { readonly timeoutMs: number; readonly signal?: AbortSignal },
): Promise<void> {
  await waitFor(
    async () => {
      const health = await client.health();
      return health.initialized && !health.sealed;
    },
    {
      description: `Vault at ${client.address} to report initialized and unsealed on /v1/sys/health`,
      timeoutMs: options.timeoutMs,
      intervalMs: 25,
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
}
