import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  dockerEngineStatus,
  startVault,
  VaultBackendUnavailableError,
} from '../../../harness/vault/index.ts';
import { auditOf } from '../../support/vault-audit.ts';
import { VAULT_LAB_IMAGE } from '../../../harness/docker/index.ts';
import { dockerSkipReason } from '../../support/vault-docker.ts';
import { startTestVault } from '../../support/vault-server.ts';

describe('the external back-end', () => {
  it('adds the lab audit device to a running Vault, and on stop removes it but leaves the server running', async () => {
    await using server = await startTestVault({ audit: false });
    const lab = await startVault({ backend: 'external', address: server.address, token: server.rootToken });
    expect(lab).toMatchObject({
      backend: 'external',
      address: server.address,
      unsealKey: undefined,
      pid: undefined,
      serverLogPath: undefined,
    });
    expect(Object.keys(await server.client.auditList())).toEqual(['file/']);
    const entries = await auditOf(lab, () => lab.client.authList());
    expect(entries.map((e) => [e.type, e.request?.path])).toEqual([
      ['request', 'sys/auth'],
      ['response', 'sys/auth'],
    ]);
    await expect(lab.unseal()).rejects.toMatchObject({ code: 'LAB_CONFIG_INVALID' });
    await lab.stop();
    expect(await server.client.auditList()).toEqual({});
    expect((await server.client.health()).sealed).toBe(false);
  });

  it('needs an address and a token, and refuses a sealed server', async () => {
    // @ts-expect-error: the address is missing (a JavaScript caller can still forget it)
    await expect(startVault({ backend: 'external', token: 'x' })).rejects.toMatchObject({
      code: 'LAB_CONFIG_INVALID',
    });
    await using server = await startTestVault({ audit: false });
    // @ts-expect-error: the token is missing
    await expect(startVault({ backend: 'external', address: server.address })).rejects.toMatchObject({
      message: expect.stringContaining('a token is required'),
    });
    await server.seal();
    await expect(
      startVault({ backend: 'external', address: server.address, token: server.rootToken }),
    ).rejects.toMatchObject({
      code: 'LAB_VAULT_START',
      message: expect.stringContaining('is sealed'),
    });
  });
});

const engine = await dockerEngineStatus();
const noDocker = await dockerSkipReason('the testcontainers and compose Vault back-ends', [VAULT_LAB_IMAGE]);

describe.skipIf(engine.available)('without a Docker engine', () => {
  it.each(['testcontainers', 'compose'] as const)(
    'the %s back-end fails fast, saying Docker is needed',
    async (backend) => {
      const error = await startVault({ backend }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VaultBackendUnavailableError);
      expect(error).toMatchObject({
        code: 'LAB_VAULT_BACKEND_UNAVAILABLE',
        message: expect.stringContaining(`the ${backend} back-end needs a running Docker engine`),
      });
    },
  );
});

describe.skipIf(noDocker !== undefined).each(['testcontainers', 'compose'] as const)(
  'the %s back-end (Docker)',
  (backend) => {
    it('runs the Vault 1.14.0 image on loopback with the audit log on the host, root display_name "root"', async () => {
      await using vault = await startVault({ backend });
      expect(vault.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await vault.client.health()).version).toBe('1.14.0');
      expect(await vault.client.tokenLookupSelf()).toMatchObject({
        display_name: 'root',
        policies: ['root'],
      });
      const entries = await auditOf(vault, () => vault.client.authList());
      expect(entries.map((e) => e.auth?.display_name)).toEqual(['root', 'root']);
      expect(await readFile(vault.auditLogPath, 'utf8')).toContain('"path":"sys/audit/test"');
      expect(await readFile(vault.serverLogPath!, 'utf8')).not.toContain(vault.rootToken);
      await vault.seal();
      await vault.unseal();
    });
  },
);
