import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AUDIT_HMAC_PATTERN, AUDIT_PROBE_PATH, isPermissionDenied } from '../../../harness/vault/index.ts';
import type { AuditEntry } from '../../../harness/vault/index.ts';
import { auditOf, only, readAuditEntries } from '../../support/vault-audit.ts';
import { useTestVault } from '../../support/vault-server.ts';

/** Root policy token without an entity: base64(SHA-256("root" + "\x00" + "root")), vault-audit.md §1.1. */
const ROOT_CLIENT_ID = '0DHqvq2D77kL2/JTPSZkTMJbkFVmUu0TzMi0jiXcFy8=';
const ACL_DENIED = '1 error occurred:\n\t* permission denied\n\n';
const LIMITED_POLICY = 'path "secret/data/allowed/*" {\n  capabilities = ["read"]\n}\n';

describe('the file audit device of a real Vault 1.14.0 dev server', () => {
  const vault = useTestVault();

  it('starts the file with the test probe, then the response to the enable call', async () => {
    const [probe, enable, ...rest] = await readAuditEntries(vault().auditLogPath!);
    expect(probe).toMatchObject({
      type: 'request',
      auth: { token_type: 'default' },
      request: { operation: 'update', path: AUDIT_PROBE_PATH },
    });
    expect(probe!.auth?.client_token).toBeUndefined();
    expect(probe!.request?.namespace).toEqual({ id: 'root' });
    expect(enable).toMatchObject({
      type: 'response',
      request: { path: 'sys/audit/file', operation: 'update' },
      auth: { display_name: 'root' },
    });
    // The enable call's request entry went only to devices that existed before: none.
    expect(rest.every((e) => e.request?.path !== 'sys/audit/file' || e.type !== 'request')).toBe(true);
    // Mode 0600 by default: the log holds HMACs of tokens, still private.
    expect((await stat(vault().auditLogPath!)).mode & 0o777).toBe(0o600);
  });

  it('logs auth list as a request and a response entry by the root token (display_name "root", policies ["root"])', async () => {
    const entries = await auditOf(vault(), () => vault().client.authList());
    expect(entries.map((e) => e.type)).toEqual(['request', 'response']);
    for (const entry of entries) {
      expect(entry.auth).toMatchObject({
        display_name: 'root',
        policies: ['root'],
        token_policies: ['root'],
        token_type: 'service',
      });
      expect(entry.auth?.policy_results).toEqual({
        allowed: true,
        granting_policies: [{ name: 'root', namespace_id: 'root', type: 'acl' }],
      });
      expect(entry.request).toMatchObject({
        operation: 'read',
        path: 'sys/auth',
        mount_point: 'sys/',
        mount_type: 'system',
        client_id: ROOT_CLIENT_ID,
      });
      expect(entry.error).toBeUndefined();
    }
    const [request, response] = entries as [AuditEntry, AuditEntry];
    expect(response.request?.id).toBe(request.request?.id);
    // Routing fills mount_accessor: only the response entry has it.
    expect(request.request?.mount_accessor).toBeUndefined();
    expect(response.request?.mount_accessor).toMatch(/^system_[0-9a-f]{8}$/);
    expect(Object.keys(response.response?.data ?? {})).toContain('token/');
  });

  it('shows the issued token policies of token create in response.auth, while request.data.policies is HMACed', async () => {
    const entries = await auditOf(vault(), () => vault().client.tokenCreate({ policies: ['root'] }));
    const request = only(entries, 'request');
    const response = only(entries, 'response');
    expect(request.request).toMatchObject({
      operation: 'update',
      path: 'auth/token/create',
      mount_type: 'token',
      mount_class: 'auth',
    });
    expect(request.request?.data?.['policies']).toEqual([expect.stringMatching(AUDIT_HMAC_PATTERN)]);
    expect(response.response?.auth).toMatchObject({
      display_name: 'token',
      policies: ['root'],
      token_policies: ['root'],
      token_type: 'service',
    });
    expect(response.response?.auth?.client_token).toMatch(AUDIT_HMAC_PATTERN);
    expect(response.response?.auth?.token_ttl).toBeUndefined();
    // The caller is root too.
    expect(response.auth?.policies).toEqual(['root']);

    const limited = await auditOf(vault(), () =>
      vault().client.tokenCreate({ policies: ['limited'], ttl: '1h', displayName: 'ci' }),
    );
    expect(only(limited, 'response').response?.auth).toMatchObject({
      display_name: 'token-ci',
      policies: ['default', 'limited'],
      token_policies: ['default', 'limited'],
      token_ttl: 3600,
    });
  });

  it.each([
    ['sys/policies/acl', 'acl-written'],
    ['sys/policy', 'legacy-written'],
  ] as const)('logs a policy write on %s/NAME (path plain, body HMACed)', async (endpoint, name) => {
    const entries = await auditOf(vault(), () =>
      vault().client.policyWrite(name, LIMITED_POLICY, { endpoint }),
    );
    expect(entries.map((e) => e.type)).toEqual(['request', 'response']);
    for (const entry of entries) {
      expect(entry.request).toMatchObject({
        operation: 'update',
        path: `${endpoint}/${name}`,
        mount_type: 'system',
      });
      expect(entry.request?.data?.['policy']).toMatch(AUDIT_HMAC_PATTERN);
      expect(entry.error).toBeUndefined();
    }
    expect(await vault().client.policyRead(name, { endpoint })).toBe(LIMITED_POLICY);
  });

  it('logs auth enable as an update on sys/auth/PATH with the method type HMACed', async () => {
    const entries = await auditOf(vault(), () => vault().client.authEnable('userpass', { type: 'userpass' }));
    const request = only(entries, 'request');
    expect(request.request).toMatchObject({
      operation: 'update',
      path: 'sys/auth/userpass',
      mount_type: 'system',
    });
    const hashed = await vault().client.auditHash('file', 'userpass');
    expect(request.request?.data?.['type']).toBe(hashed);
    expect(only(entries, 'response').error).toBeUndefined();
  });

  it('logs a permission-denied read with the exact multierror string on both entries', async () => {
    await vault().client.policyWrite('limited', LIMITED_POLICY);
    const issued = await vault().client.tokenCreate({ policies: ['limited'] });
    const limited = vault().client.withToken(issued.token);
    const entries = await auditOf(vault(), async () => {
      const error = await limited.secretRead('forbidden').catch((e: unknown) => e);
      expect(isPermissionDenied(error)).toBe(true);
    });
    expect(entries.map((e) => e.type)).toEqual(['request', 'response']);
    for (const entry of entries) {
      expect(entry.error).toBe(ACL_DENIED);
      expect(entry.auth).toMatchObject({
        policies: ['default', 'limited'],
        policy_results: { allowed: false },
      });
      expect(entry.request).toMatchObject({
        operation: 'read',
        path: 'secret/data/forbidden',
        mount_type: 'kv',
      });
    }
    const response = only(entries, 'response');
    expect(response.response?.data?.['error']).toBe(await vault().client.auditHash('file', ACL_DENIED));
    expect(response.request?.mount_accessor).toBeUndefined();
  });

  it('writes one request entry for sys/seal and nothing for unseal', async () => {
    const sealEntries = await auditOf(vault(), async () => {
      await vault().seal();
      await vault().unseal();
    });
    expect(sealEntries).toHaveLength(1);
    const [seal] = sealEntries as [AuditEntry];
    expect(seal).toMatchObject({
      type: 'request',
      request: { operation: 'update', path: 'sys/seal' },
      auth: { policies: ['root'] },
    });
    expect(seal.auth?.policy_results).toBeUndefined();
    expect(seal.request?.client_id).toBeUndefined();
    expect(seal.request?.mount_type).toBeUndefined();

    await vault().seal();
    expect(await auditOf(vault(), () => vault().unseal())).toEqual([]);
    // The device survived seal/unseal: same file, no new probe.
    const all = await readAuditEntries(vault().auditLogPath!);
    expect(all.filter((e) => e.request?.path === AUDIT_PROBE_PATH)).toHaveLength(1);
  });

  it('HMACs every client token and accessor', async () => {
    const entries = await auditOf(vault(), () => vault().client.authList());
    for (const entry of entries) {
      expect(entry.auth?.client_token).toMatch(AUDIT_HMAC_PATTERN);
      expect(entry.auth?.accessor).toMatch(AUDIT_HMAC_PATTERN);
      expect(entry.request?.client_token).toMatch(AUDIT_HMAC_PATTERN);
      expect(entry.request?.client_token_accessor).toMatch(AUDIT_HMAC_PATTERN);
      expect(entry.request?.client_token).toBe(await vault().client.auditHash('file', vault().rootToken));
    }
    const text = await readFile(vault().auditLogPath!, 'utf8');
    expect(text).not.toContain(vault().rootToken);
  });

  it('never writes a secret value in clear text', async () => {
    const secret = `lab-secret-${process.pid}-Qw7Er9`;
    await auditOf(vault(), async () => {
      await vault().client.secretWrite('app/db', { password: secret, nested: { list: [secret] } });
      expect((await vault().client.secretRead<{ password: string }>('app/db')).data.password).toBe(secret);
    });
    const text = await readFile(vault().auditLogPath!, 'utf8');
    expect(text).not.toContain(secret);
    expect(text).toContain(await vault().client.auditHash('file', secret));
  });
});
