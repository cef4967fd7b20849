import type { VaultClient } from '../vault/client/vault-client.ts';
import type { LabIdentities } from './scenario.ts';

/**
 * The non-root operator: everything the scenarios do to Vault besides root-only actions, so that
 * scenarios about policies, auth methods, audit devices and seal do not also fire the root-use rule.
 */
export const ADMIN_POLICY = `
path "sys/auth"            { capabilities = ["read", "sudo"] }
path "sys/auth/*"          { capabilities = ["create", "read", "update", "delete", "sudo"] }
path "sys/mounts/auth/*"   { capabilities = ["read", "update", "sudo"] }
path "sys/policy"          { capabilities = ["read", "list"] }
path "sys/policy/*"        { capabilities = ["create", "read", "update", "delete", "list"] }
path "sys/policies/acl"    { capabilities = ["list"] }
path "sys/policies/acl/*"  { capabilities = ["create", "read", "update", "delete", "list"] }
path "sys/audit"           { capabilities = ["read", "sudo"] }
path "sys/audit/*"         { capabilities = ["create", "read", "update", "delete", "sudo"] }
path "sys/seal"            { capabilities = ["update", "sudo"] }
path "sys/seal-status"     { capabilities = ["read"] }
path "auth/token/create"   { capabilities = ["create", "update", "sudo"] }
path "secret/*"            { capabilities = ["create", "read", "update", "delete", "list"] }
`;

export const LIMITED_POLICY = `
path "secret/data/allowed/*" { capabilities = ["read"] }
`;

/** A syntactically valid token that Vault never issued. */
// Not hvs.-shaped: Vault 1.14 writes no audit entry at all for an unknown token of the hvs. form
// (recorded fixture invalid-hvs-token-read.log), so only a free-form unknown token is visible.
const UNKNOWN_TOKEN = 'lab-unknown-token-never-issued';

/** Writes the lab policies and mints one token per identity, as root (before any rule is judged). */
export async function createIdentities(root: VaultClient): Promise<LabIdentities> {
  await root.policyWrite('lab-admin', ADMIN_POLICY);
  await root.policyWrite('lab-limited', LIMITED_POLICY);
  const admin = await root.tokenCreate({ policies: ['lab-admin'], displayName: 'lab-admin' });
  const limited = await root.tokenCreate({ policies: ['lab-limited'], displayName: 'lab-limited' });
  return {
    root,
    admin: root.withToken(admin.token),
    limited: root.withToken(limited.token),
    invalid: root.withToken(UNKNOWN_TOKEN),
  };
}
