import { afterAll, beforeAll, inject } from 'vitest';
import { startVault } from '../../harness/vault/index.ts';
import type { ProcessVaultOptions, StartedVault } from '../../harness/vault/index.ts';

/** The Vault 1.14.0 binary resolved by the global setup (or VAULT_BIN when run another way). */
export function testVaultBinary(): string {
  const fromSetup = inject('vaultBin');
  const path = fromSetup ?? process.env['VAULT_BIN'];
  if (!path)
    throw new Error('no Vault binary: run through vitest (integration/e2e projects) or set VAULT_BIN');
  return path;
}

/** A dev server on the process back-end with the test binary; stop it (or `await using`). */
export function startTestVault(options: ProcessVaultOptions = {}): Promise<StartedVault> {
  return startVault({ vaultBinary: testVaultBinary(), ...options });
}

/**
 * One dev server for a whole test file (started in beforeAll, stopped in afterAll): Vault starts in
 * about half a second, but the machine is shared, so files reuse one server where tests allow.
 */
export function useTestVault(options: ProcessVaultOptions = {}): () => StartedVault {
  let vault: StartedVault | undefined;
  beforeAll(async () => {
    vault = await startTestVault(options);
  });
  afterAll(async () => {
    await vault?.stop();
  });
  return () => {
    if (!vault) throw new Error('the test Vault is not started yet (use it inside a test or hook)');
    return vault;
  };
}
