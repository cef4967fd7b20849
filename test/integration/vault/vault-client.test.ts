import { describe, expect, it, vi } from 'vitest';
import {
  isPermissionDenied,
  VaultApiError,
  VaultClient,
  VaultPermissionDeniedError,
} from '../../../harness/vault/index.ts';
import { auditOf } from '../../support/vault-audit.ts';
import { useTestVault } from '../../support/vault-server.ts';

const READ_ALLOWED = 'path "secret/data/allowed/*" {\n  capabilities = ["read"]\n}\n';

describe('VaultClient against a real Vault 1.14.0', () => {
  const vault = useTestVault();

  it('keeps its identity after token create (node-vault would switch to the new token)', async () => {
    const root = vault().client;
    const issued = await root.tokenCreate({ policies: ['default'], ttl: '10m' });
    expect(root.token).toBe(vault().rootToken);
    // Still root: the next call's audit entry names the root token, not the new one.
    const [entry] = await auditOf(vault(), () => root.authList());
    expect(entry?.auth?.policies).toEqual(['root']);
    expect(entry?.auth?.client_token).toBe(await root.auditHash('file', vault().rootToken));
    expect(issued).toMatchObject({
      policies: ['default'],
      tokenPolicies: ['default'],
      leaseDuration: 600,
      renewable: true,
      orphan: false,
    });
  });

  it('acts as another identity through withToken, leaving the original client alone', async () => {
    await vault().client.policyWrite('reader', READ_ALLOWED);
    const issued = await vault().client.tokenCreate({ policies: ['reader'], displayName: 'reader' });
    const reader = vault().client.withToken(issued.token);
    expect(await reader.tokenLookupSelf()).toMatchObject({
      display_name: 'token-reader',
      policies: ['default', 'reader'],
    });
    await expect(reader.authList()).rejects.toBeInstanceOf(VaultPermissionDeniedError);
    expect(Object.keys(await vault().client.authList())).toContain('token/');
  });

  it('logs in with userpass and hands back a client for that user, without changing itself', async () => {
    await vault().client.authEnable('users', { type: 'userpass' });
    await vault().client.userpassWriteUser('alice', 'wonder-land-42', {
      mount: 'users',
      policies: ['reader'],
    });
    const anonymous = vault().client.anonymous();
    const { auth, client: alice } = await anonymous.loginUserpass('alice', 'wonder-land-42', {
      mount: 'users',
    });
    expect(auth.policies).toEqual(['default', 'reader']);
    expect(anonymous.token).toBeUndefined();
    expect(await alice.tokenLookupSelf()).toMatchObject({
      display_name: 'users-alice',
      meta: { username: 'alice' },
    });
    await expect(anonymous.loginUserpass('alice', 'wrong')).rejects.toBeInstanceOf(VaultApiError);
  });

  it('ignores VAULT_TOKEN in the environment (node-vault would pick it up)', async () => {
    vi.stubEnv('VAULT_TOKEN', vault().rootToken);
    try {
      const anonymous = new VaultClient({ address: vault().address });
      const error = await anonymous.authList().catch((e: unknown) => e);
      expect(isPermissionDenied(error)).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it.each(['sys/policies/acl', 'sys/policy'] as const)(
    'writes, reads, lists and deletes policies on %s',
    async (endpoint) => {
      const name = `crud-${endpoint.length}`;
      const client = vault().client;
      await client.policyWrite(name, READ_ALLOWED, { endpoint });
      expect(await client.policyRead(name, { endpoint })).toBe(READ_ALLOWED);
      expect(await client.policyList({ endpoint })).toEqual(
        expect.arrayContaining(['default', 'root', name]),
      );
      await client.policyDelete(name, { endpoint });
      expect(await client.policyList({ endpoint })).not.toContain(name);
      await expect(client.policyRead(name, { endpoint })).rejects.toMatchObject({
        code: 'LAB_VAULT_API',
        status: 404,
      });
    },
  );

  it('enables, tunes and disables an auth method', async () => {
    const client = vault().client;
    await client.authEnable('ci-userpass', {
      type: 'userpass',
      description: 'ci users',
      config: { defaultLeaseTtl: '1h' },
    });
    expect((await client.authList())['ci-userpass/']).toMatchObject({
      type: 'userpass',
      description: 'ci users',
    });
    await client.authTune('ci-userpass', { defaultLeaseTtl: '30m', auditNonHmacRequestKeys: ['username'] });
    expect((await client.read('sys/auth/ci-userpass/tune')).data).toMatchObject({
      default_lease_ttl: 1800,
      audit_non_hmac_request_keys: ['username'],
    });
    await client.authDisable('ci-userpass');
    expect(Object.keys(await client.authList())).not.toContain('ci-userpass/');
    await expect(client.authEnable('ci-userpass', { type: 'no-such-method' })).rejects.toMatchObject({
      status: 400,
    });
  });

  it('writes and reads KV v2 and KV v1 secrets, and lists keys (an empty list is [])', async () => {
    const client = vault().client;
    await client.secretWrite('team/app', { user: 'svc', port: 5432 });
    const secret = await client.secretRead<{ user: string; port: number }>('team/app');
    expect(secret.data).toEqual({ user: 'svc', port: 5432 });
    expect(secret.metadata?.version).toBe(1);
    expect(await client.list('secret/metadata/team')).toEqual(['app']);
    expect(await client.list('secret/metadata/nothing-here')).toEqual([]);

    await client.write('sys/mounts/kv1', { type: 'kv', options: { version: '1' } });
    await client.secretWrite('plain', { a: 'b' }, { mount: 'kv1', version: 1 });
    expect((await client.secretRead('plain', { mount: 'kv1', version: 1 })).data).toEqual({ a: 'b' });
    await client.secretDelete('plain', { mount: 'kv1', version: 1 });
    await expect(client.secretRead('plain', { mount: 'kv1', version: 1 })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('enables, lists, hashes with and disables an audit device', async () => {
    const client = vault().client;
    const path = `${vault().labDir}/audit/extra.log`;
    await client.auditEnable('extra', { type: 'file', options: { file_path: path } });
    expect((await client.auditList())['extra/']).toMatchObject({
      type: 'file',
      options: { file_path: path },
    });
    const hash = await client.auditHash('extra', 'hello');
    expect(hash).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(hash).not.toBe(await client.auditHash('file', 'hello'));
    await client.auditDisable('extra');
    expect(Object.keys(await client.auditList())).toEqual(['file/']);
  });

  it('raises a typed error with the status and Vault errors for a denied call', async () => {
    const limited = vault().client.withToken(
      (await vault().client.tokenCreate({ policies: ['default'] })).token,
    );
    const error = await limited.secretRead('anything').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultPermissionDeniedError);
    expect(error).toMatchObject({
      code: 'LAB_VAULT_PERMISSION_DENIED',
      status: 403,
      method: 'GET',
      path: 'secret/data/anything',
      errors: ['1 error occurred:\n\t* permission denied\n\n'],
    });
  });
});
