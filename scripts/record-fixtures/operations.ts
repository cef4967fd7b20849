import { join } from 'node:path';
import { isPermissionDenied } from '../../harness/vault/index.ts';
import type { StartedVault, VaultClient } from '../../harness/vault/index.ts';

/**
 * The operations `npm run fixtures:record` drives a fresh Vault through, in order, each recorded into
 * its own fixture file: what the lab's scenarios do, plus the cases whose audit lines are surprising
 * (an unaudited unseal, a denied read, an invalid hvs. token that writes nothing).
 */

/** A value the recording writes into Vault; the fixtures must never contain it in clear text. */
export const SECRET_VALUE = 'fixture-secret-Zq8vK2pLm4';
export const USER_PASSWORD = 'fixture-password-Hn3xR7';
const LIMITED_POLICY = 'path "secret/data/allowed/*" {\n  capabilities = ["read"]\n}\n';

export interface Context {
  readonly vault: StartedVault;
  readonly root: VaultClient;
  limited?: VaultClient;
  limitedToken?: string;
  userToken?: string;
}

export interface Operation {
  readonly name: string;
  readonly call: string;
  readonly identity: string;
  readonly description: string;
  /** Runs before the recording window (its entries are not recorded). */
  readonly before?: (ctx: Context) => Promise<void>;
  readonly run: (ctx: Context) => Promise<unknown>;
}

export const operations: readonly Operation[] = [
  {
    name: 'auth-list',
    call: 'GET /v1/sys/auth',
    identity: 'root (dev root token, display_name "root")',
    description:
      '`vault auth list`: request and response entry; auth.display_name "root", auth.policies ["root"].',
    run: ({ root }) => root.authList(),
  },
  {
    name: 'token-create-root',
    call: 'POST /v1/auth/token/create {"policies":["root"]}',
    identity: 'root',
    description:
      'A root token minted by root: response.auth.policies ["root"], display_name "token"; request.data.policies is HMAC\'d.',
    run: ({ root }) => root.tokenCreate({ policies: ['root'] }),
  },
  {
    name: 'policy-write-acl',
    call: 'PUT /v1/sys/policies/acl/limited {"policy":…}',
    identity: 'root',
    description:
      "Policy write on the current endpoint (`vault policy write`); request.data.policy is HMAC'd.",
    run: ({ root }) => root.policyWrite('limited', LIMITED_POLICY),
  },
  {
    name: 'policy-write-legacy',
    call: 'PUT /v1/sys/policy/legacy-limited {"policy":…}',
    identity: 'root',
    description: 'Policy write on the legacy endpoint (the one node-vault addPolicy uses).',
    run: ({ root }) => root.policyWrite('legacy-limited', LIMITED_POLICY, { endpoint: 'sys/policy' }),
  },
  {
    name: 'policy-read-acl',
    call: 'GET /v1/sys/policies/acl/limited',
    identity: 'root',
    description: 'Policy read (not a modification: operation "read").',
    run: ({ root }) => root.policyRead('limited'),
  },
  {
    name: 'policy-list-acl',
    call: 'LIST /v1/sys/policies/acl',
    identity: 'root',
    description: 'Policy list: operation "list"; response.data.keys strings are HMAC\'d.',
    run: ({ root }) => root.policyList(),
  },
  {
    name: 'token-create-limited',
    call: 'POST /v1/auth/token/create {"policies":["limited"],"ttl":"1h","display_name":"ci"}',
    identity: 'root',
    description:
      'A limited token: response.auth.policies ["default","limited"], display_name "token-ci", token_ttl 3600.',
    run: async (ctx) => {
      const issued = await ctx.root.tokenCreate({ policies: ['limited'], ttl: '1h', displayName: 'ci' });
      ctx.limitedToken = issued.token;
      ctx.limited = ctx.root.withToken(issued.token);
    },
  },
  {
    name: 'token-create-orphan',
    call: 'POST /v1/auth/token/create-orphan {"policies":["limited"],"no_default_policy":true}',
    identity: 'root',
    description: 'An orphan token without the default policy: path auth/token/create-orphan.',
    run: ({ root }) => root.tokenCreate({ policies: ['limited'], noDefaultPolicy: true, orphan: true }),
  },
  {
    name: 'token-create-num-uses',
    call: 'POST /v1/auth/token/create {"policies":["limited"],"num_uses":5}',
    identity: 'root',
    description:
      "A JSON number in the request body (num_uses): shows whether numbers in request.data are HMAC'd.",
    run: ({ root }) => root.tokenCreate({ policies: ['limited'], numUses: 5 }),
  },
  {
    name: 'token-lookup-self-limited',
    call: 'GET /v1/auth/token/lookup-self',
    identity: 'limited token',
    description: 'An allowed request by a non-root token (policy_results.granting_policies names "default").',
    run: ({ limited }) => limited!.tokenLookupSelf(),
  },
  {
    name: 'secret-write',
    call: 'POST /v1/secret/data/app {"data":{"password":…}}',
    identity: 'root',
    description: 'KV v2 write: operation "create" (new key); the value appears only as an HMAC.',
    run: ({ root }) => root.secretWrite('app', { password: SECRET_VALUE }),
  },
  {
    name: 'secret-update',
    call: 'POST /v1/secret/data/app {"data":{"password":…}}',
    identity: 'root',
    description: 'KV v2 write to an existing key: operation "update".',
    run: ({ root }) => root.secretWrite('app', { password: SECRET_VALUE, rotated: 'yes' }),
  },
  {
    name: 'secret-read',
    call: 'GET /v1/secret/data/app',
    identity: 'root',
    description: "KV v2 read: response.data strings (the secret) are HMAC'd.",
    run: ({ root }) => root.secretRead('app'),
  },
  {
    name: 'secret-list',
    call: 'LIST /v1/secret/metadata',
    identity: 'root',
    description: 'KV v2 list.',
    run: ({ root }) => root.list('secret/metadata'),
  },
  {
    name: 'permission-denied-read',
    call: 'GET /v1/secret/data/forbidden',
    identity: 'limited token',
    description:
      'ACL denial: both entries carry error "1 error occurred:\\n\\t* permission denied\\n\\n", policy_results.allowed false.',
    run: async ({ limited }) => expectDenied(limited!.secretRead('forbidden')),
  },
  {
    name: 'invalid-token-read',
    call: 'GET /v1/secret/data/app with an unknown token without the hvs. prefix',
    identity: 'an invalid token ("not-a-valid-token")',
    description:
      'Unknown token: request error "permission denied", response error "1 error occurred:…"; auth has only token_type.',
    run: async ({ root }) => expectDenied(root.withToken('not-a-valid-token').secretRead('app')),
  },
  {
    name: 'invalid-hvs-token-read',
    call: 'GET /v1/secret/data/app with an unknown hvs.-prefixed token',
    identity: 'an invalid token ("hvs." + 40 characters)',
    description:
      'Unknown token in the hvs. service-token format: HTTP 403 but NO audit entry at all (this file is empty on purpose).',
    run: async ({ root }) =>
      expectDenied(root.withToken('hvs.this-token-does-not-exist-0000000000000').secretRead('app')),
  },
  {
    name: 'auth-enable-userpass',
    call: 'POST /v1/sys/auth/userpass {"type":"userpass"}',
    identity: 'root',
    description:
      '`vault auth enable userpass`: operation "update" on sys/auth/userpass; request.data.type is HMAC\'d.',
    run: ({ root }) => root.authEnable('userpass', { type: 'userpass', description: 'lab users' }),
  },
  {
    name: 'auth-tune-userpass',
    call: 'POST /v1/sys/auth/userpass/tune {"default_lease_ttl":"30m"}',
    identity: 'root',
    description: 'Tuning an auth mount: also "update" under sys/auth/ (rules must exclude */tune).',
    run: ({ root }) => root.authTune('userpass', { defaultLeaseTtl: '30m' }),
  },
  {
    name: 'userpass-user-write',
    call: 'POST /v1/auth/userpass/users/alice {"password":…,"token_policies":["limited"]}',
    identity: 'root',
    description: 'Creating a userpass user (mount_type "userpass", mount_class "auth").',
    run: ({ root }) => root.userpassWriteUser('alice', USER_PASSWORD, { policies: ['limited'] }),
  },
  {
    name: 'userpass-login',
    call: 'POST /v1/auth/userpass/login/alice {"password":…}',
    identity: 'anonymous (login)',
    description:
      'A login: the request entry has no token; response.auth carries the new identity (display_name "userpass-alice").',
    run: async (ctx) => {
      const { auth } = await ctx.root.anonymous().loginUserpass('alice', USER_PASSWORD);
      ctx.userToken = auth.token;
    },
  },
  {
    name: 'audit-hash',
    call: 'POST /v1/sys/audit-hash/file {"input":…}',
    identity: 'root',
    description: "Asking the device for the HMAC of a value (how rules match HMAC'd fields).",
    run: ({ root }) => root.auditHash('file', 'userpass'),
  },
  {
    name: 'audit-enable-second-device',
    call: 'PUT /v1/sys/audit/file2 {"type":"file","options":{"file_path":…}}',
    identity: 'root',
    description:
      'Enabling a second device, as seen by the first: request and response entry (the new file gets the probe, see audit-enable-second-device.new-file.log).',
    run: ({ root, vault }) =>
      root.auditEnable('file2', {
        type: 'file',
        options: { file_path: join(vault.labDir, 'audit', 'second.log') },
      }),
  },
  {
    name: 'audit-list',
    call: 'GET /v1/sys/audit',
    identity: 'root',
    description: 'Listing audit devices.',
    run: ({ root }) => root.auditList(),
  },
  {
    name: 'audit-disable-second-device',
    call: 'DELETE /v1/sys/audit/file2',
    identity: 'root',
    description: 'Disabling an audit device: operation "delete" on sys/audit/file2.',
    run: ({ root }) => root.auditDisable('file2'),
  },
  {
    name: 'policy-delete-acl',
    call: 'DELETE /v1/sys/policies/acl/limited',
    identity: 'root',
    description: 'Policy delete, current endpoint.',
    run: ({ root }) => root.policyDelete('limited'),
  },
  {
    name: 'policy-delete-legacy',
    call: 'DELETE /v1/sys/policy/legacy-limited',
    identity: 'root',
    description: 'Policy delete, legacy endpoint.',
    run: ({ root }) => root.policyDelete('legacy-limited', { endpoint: 'sys/policy' }),
  },
  {
    name: 'auth-disable-userpass',
    call: 'DELETE /v1/sys/auth/userpass',
    identity: 'root',
    description: '`vault auth disable userpass`: operation "delete".',
    run: ({ root }) => root.authDisable('userpass'),
  },
  {
    name: 'health-and-seal-status',
    call: 'GET /v1/sys/health, GET /v1/sys/seal-status',
    identity: 'root',
    description: 'Never audited: this file is empty on purpose.',
    run: async ({ root }) => {
      await root.health();
      await root.sealStatus();
    },
  },
  {
    name: 'seal',
    call: 'PUT /v1/sys/seal (then PUT /v1/sys/unseal)',
    identity: 'root',
    description:
      '`vault operator seal`: ONE request entry and no response entry (the unseal that follows writes nothing).',
    run: async ({ vault }) => {
      await vault.seal();
      await vault.unseal();
    },
  },
  {
    name: 'unseal',
    call: 'PUT /v1/sys/unseal {"key":…}',
    identity: 'anonymous (unseal key)',
    description:
      'Unseal is never audited: this file is empty on purpose (the seal before it is not part of the recording).',
    before: ({ vault }) => vault.seal(),
    run: ({ vault }) => vault.unseal(),
  },
];

async function expectDenied(call: Promise<unknown>): Promise<void> {
  await call.then(
    () => {
      throw new Error('expected permission denied');
    },
    (error: unknown) => {
      if (!isPermissionDenied(error)) throw error;
    },
  );
}
