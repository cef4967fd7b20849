import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_HMAC_PATTERN,
  enableFileAudit,
  isPermissionDenied,
  startDevServerProcess,
  VaultClient,
} from '../../../harness/vault/index.ts';
import { auditOf, only, readAuditEntries } from '../../support/vault-audit.ts';
import { startTestVault, testVaultBinary, useTestVault } from '../../support/vault-server.ts';

/**
 * The claims of vault-audit.md §7 (and the cheap ones of §1.2-§1.5), checked on the live server.
 * Where a test name says "corrects", the reference said otherwise.
 */
describe('vault-audit.md claims on a live Vault 1.14.0', () => {
  const vault = useTestVault();

  it('§7.1: the -dev-root-token-id root token has display_name "token" and policies ["root"]', async () => {
    const labDir = await mkdtemp(join(tmpdir(), 'vault-claim-'));
    const server = await startDevServerProcess({
      binary: testVaultBinary(),
      labDir,
      extraArgs: ['-dev-root-token-id=lab-fixed-root'],
    });
    try {
      expect(server.banner.rootToken).toBe('lab-fixed-root');
      const client = new VaultClient({ address: server.address, token: server.banner.rootToken });
      const self = await client.tokenLookupSelf();
      expect(self).toMatchObject({ display_name: 'token', policies: ['root'], path: 'auth/token/create' });
      const audit = await enableFileAudit(client, { hostPath: join(labDir, 'audit.log') });
      expect(audit.probe?.request?.path).toBe('sys/audit/test');
      await client.authList();
      const entries = await readAuditEntries(audit.hostPath);
      const authList = entries.filter((e) => e.request?.path === 'sys/auth');
      expect(authList.map((e) => e.auth?.display_name)).toEqual(['token', 'token']);
    } finally {
      await server.stop();
      await rm(labDir, { recursive: true, force: true });
    }
  });

  it('§7.1 (contrast): the generated dev root token, as the lab runs it, has display_name "root"', async () => {
    expect(await vault().client.tokenLookupSelf()).toMatchObject({
      display_name: 'root',
      policies: ['root'],
      path: 'auth/token/root',
    });
  });

  it('§7.2: JSON numbers in request bodies are HMACed (num_uses), numbers in responses are not', async () => {
    const entries = await auditOf(vault(), () =>
      vault().client.tokenCreate({ policies: ['default'], numUses: 5, renewable: false }),
    );
    const request = only(entries, 'request');
    expect(request.request?.data?.['num_uses']).toMatch(AUDIT_HMAC_PATTERN);
    expect(request.request?.data?.['num_uses']).toBe(await vault().client.auditHash('file', '5'));
    // Booleans pass through.
    expect(request.request?.data?.['renewable']).toBe(false);
    expect(only(entries, 'response').response?.auth?.num_uses).toBe(5);
  });

  it('§7.3: a fresh audit file starts with the probe and then the enable response', async () => {
    const [probe, enable] = await readAuditEntries(vault().auditLogPath!);
    expect([probe?.type, probe?.request?.path]).toEqual(['request', 'sys/audit/test']);
    expect([enable?.type, enable?.request?.path]).toEqual(['response', 'sys/audit/file']);
  });

  it('§7.5 / §1.5: an unknown token (legacy format) gives "permission denied" on the request and the multierror on the response', async () => {
    const entries = await auditOf(vault(), async () => {
      expect(
        isPermissionDenied(
          await vault()
            .client.withToken('not-a-valid-token')
            .secretRead('app')
            .catch((e: unknown) => e),
        ),
      ).toBe(true);
    });
    const request = only(entries, 'request');
    const response = only(entries, 'response');
    expect(request.error).toBe('permission denied');
    expect(response.error).toBe('1 error occurred:\n\t* permission denied\n\n');
    expect(request.auth).toEqual({ token_type: 'default' });
    expect(request.request?.client_token).toBe(await vault().client.auditHash('file', 'not-a-valid-token'));
  });

  it('§1.5 corrected: an unknown token in the hvs. format is refused (403) without any audit entry', async () => {
    const entries = await auditOf(vault(), async () => {
      const error = await vault()
        .client.withToken('hvs.this-token-does-not-exist-0000000000000')
        .secretRead('app')
        .catch((e: unknown) => e);
      expect(isPermissionDenied(error)).toBe(true);
    });
    expect(entries).toEqual([]);
  });

  it('§1.4: a valid but unauthorised token on sys/seal leaves the same single request entry; an invalid one leaves none', async () => {
    const limited = vault().client.withToken(
      (await vault().client.tokenCreate({ policies: ['default'] })).token,
    );
    const refused = await auditOf(vault(), async () => {
      expect(isPermissionDenied(await limited.seal().catch((e: unknown) => e))).toBe(true);
    });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      type: 'request',
      request: { path: 'sys/seal' },
      auth: { policies: ['default'] },
    });
    expect(refused[0]?.error).toBeUndefined();

    const invalid = await auditOf(vault(), async () => {
      await vault()
        .client.withToken('not-a-valid-token')
        .seal()
        .catch(() => undefined);
    });
    expect(invalid).toEqual([]);
    expect((await vault().client.health()).sealed).toBe(false);
  });

  it('§1.4: a new device gets the probe and the enable response; the request entry goes only to the devices already there', async () => {
    const second = join(vault().labDir, 'audit', 'claims-second.log');
    const first = await auditOf(vault(), () =>
      vault().client.auditEnable('second', { type: 'file', options: { file_path: second } }),
    );
    expect(first.map((e) => [e.type, e.request?.path])).toEqual([
      ['request', 'sys/audit/second'],
      ['response', 'sys/audit/second'],
    ]);
    const own = await readAuditEntries(second);
    // Its first two lines; what follows (the helper's marker read) is ordinary traffic.
    expect(own.slice(0, 2).map((e) => [e.type, e.request?.path])).toEqual([
      ['request', 'sys/audit/test'],
      ['response', 'sys/audit/second'],
    ]);
    await vault().client.auditDisable('second');
  });

  it('§1.4: while sealed nothing is audited (requests fail with 503)', async () => {
    const entries = await auditOf(vault(), async () => {
      await vault().seal();
      await expect(vault().client.authList()).rejects.toMatchObject({ status: 503 });
      await vault().unseal();
    });
    expect(entries.map((e) => [e.type, e.request?.path])).toEqual([['request', 'sys/seal']]);
  });

  it('§1.4: sys/health and sys/seal-status are never audited', async () => {
    expect(
      await auditOf(vault(), async () => {
        await vault().client.health();
        await vault().client.sealStatus();
      }),
    ).toEqual([]);
  });

  it('§1.1 corrected: sys/ requests carry mount_class "secret" (the reference says empty)', async () => {
    const entries = await auditOf(vault(), () => vault().client.authList());
    for (const entry of entries) expect(entry.request?.mount_class).toBe('secret');
  });

  it('§1.1: KV v2 writes to a new key are "create", to an existing key "update"', async () => {
    const first = await auditOf(vault(), () => vault().client.secretWrite('claims/op', { a: '1' }));
    const second = await auditOf(vault(), () => vault().client.secretWrite('claims/op', { a: '2' }));
    expect(first.map((e) => e.request?.operation)).toEqual(['create', 'create']);
    expect(second.map((e) => e.request?.operation)).toEqual(['update', 'update']);
  });

  it('§1.3: log_raw writes secrets in clear text and hmac_accessor=false writes accessors in clear (the lab never defaults to either)', async () => {
    await using raw = await startTestVault({ audit: { logRaw: true } });
    const secret = `raw-secret-${process.pid}`;
    await raw.client.secretWrite('raw', { value: secret });
    const text = await readFile(raw.auditLogPath!, 'utf8');
    expect(text).toContain(secret);
    expect(text).toContain(raw.rootToken);

    await using clearAccessor = await startTestVault({ audit: { hmacAccessor: false } });
    const entries = await auditOf(clearAccessor, () => clearAccessor.client.authList());
    const accessor = entries[0]?.auth?.accessor;
    expect(accessor).toBeDefined();
    expect(accessor).not.toMatch(AUDIT_HMAC_PATTERN);
    expect(entries[0]?.auth?.client_token).toMatch(AUDIT_HMAC_PATTERN);
  });
});
