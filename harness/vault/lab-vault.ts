import { LabError } from '../errors.ts';
import type { LabVault, StartedVault } from './backends/types.ts';

/**
 * The handle as a lab needs it (file audit device on, unseal key known), or an error naming what is
 * missing: an `external` Vault has no unseal key the lab knows, `audit: false` no audit log.
 */
export function requireLabVault(vault: StartedVault): LabVault {
  const missing = [
    ...(vault.auditLogPath !== undefined &&
    vault.auditServerPath !== undefined &&
    vault.auditDevice !== undefined
      ? []
      : ['a file audit device']),
    ...(vault.unsealKey !== undefined ? [] : ['an unseal key']),
  ];
  if (missing.length > 0) {
    throw new LabError(
      'LAB_VAULT_NO_AUDIT',
      `Vault at ${vault.address} (${vault.backend} back-end) has no ${missing.join(' and no ')}: the lab needs a dev server with its file audit device and unseal key`,
    );
  }
  return vault as LabVault;
}
