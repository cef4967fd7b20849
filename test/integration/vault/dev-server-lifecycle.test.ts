import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../../harness/vault/binary/build-lock.ts';
import { startDevServerProcess, VaultClient, VaultUnreachableError } from '../../../harness/vault/index.ts';
import { waitFor } from '../../../harness/util/wait-for.ts';
import { startTestVault, testVaultBinary } from '../../support/vault-server.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

async function unreachable(address: string): Promise<boolean> {
  const error = await new VaultClient({ address }).health().then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof VaultUnreachableError;
}

describe('the dev server lifecycle (process back-end)', () => {
  it('starts on 127.0.0.1 with the banner secrets, a server log without them, and the audit log in the lab dir', async () => {
    await using vault = await startTestVault();
    expect(vault.backend).toBe('process');
    expect(vault.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(vault.rootToken).toMatch(/^hvs\.\w{24}$/);
    expect(vault.unsealKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(vault.auditLogPath).toBe(join(vault.labDir, 'audit', 'audit.log'));
    expect(isProcessAlive(vault.pid!)).toBe(true);
    const log = await readFile(vault.serverLogPath!, 'utf8');
    expect(log).toContain(`Listener 1: tcp (addr: "127.0.0.1:${new URL(vault.address).port}"`);
    expect(log).toContain('Root Token: <redacted by vault-alarm-lab>');
    expect(log).not.toContain(vault.rootToken);
    expect(log).not.toContain(vault.unsealKey!);
    expect((await stat(vault.labDir)).mode & 0o777).toBe(0o700);
    expect((await vault.client.health()).version).toBe('1.14.0');
  });

  it('stops idempotently (SIGTERM), removes a temp lab dir and keeps a given one', async () => {
    const vault = await startTestVault();
    const [a, b] = [vault.stop(), vault.stop()];
    await Promise.all([a, b]);
    await vault.stop();
    expect(isProcessAlive(vault.pid!)).toBe(false);
    expect(await unreachable(vault.address)).toBe(true);
    await expect(stat(vault.labDir)).rejects.toMatchObject({ code: 'ENOENT' });

    const labDir = await mkdtemp(join(tmpdir(), 'vault-kept-'));
    try {
      const kept = await startTestVault({ labDir });
      await kept.stop();
      expect((await stat(join(labDir, 'audit', 'audit.log'))).size).toBeGreaterThan(0);
    } finally {
      await rm(labDir, { recursive: true, force: true });
    }
  });

  it('seals and unseals with the captured key', async () => {
    await using vault = await startTestVault({ audit: false });
    await vault.seal();
    expect((await vault.client.sealStatus()).sealed).toBe(true);
    await vault.unseal();
    expect(await vault.client.health()).toMatchObject({ sealed: false, initialized: true });
  });

  it('reports a Vault that dies on its own through unexpectedExit', async () => {
    await using vault = await startTestVault({ audit: false });
    process.kill(vault.pid!, 'SIGKILL');
    await expect(vault.unexpectedExit).resolves.toMatch(/killed by SIGKILL/);
  });

  it('names a taken port in the start error', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(startTestVault({ port, audit: false })).rejects.toMatchObject({
        code: 'LAB_VAULT_START',
        message: expect.stringContaining(`port ${port} or ${port + 1} is already in use`),
      });
    } finally {
      blocker.close();
    }
  });

  describe('with a stand-in binary (behaviour Vault itself does not show)', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'vault-fake-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    async function script(name: string, body: string): Promise<string> {
      const path = join(dir, name);
      await writeFile(path, `#!/bin/sh\n${body}\n`);
      await chmod(path, 0o755);
      return path;
    }

    it('escalates to SIGKILL when the server ignores SIGTERM for the grace period', async () => {
      const binary = await script(
        'stubborn',
        "trap '' TERM\necho 'Unseal Key: a2V5'\necho 'Root Token: hvs.fake'\nwhile :; do sleep 1; done",
      );
      const server = await startDevServerProcess({ binary, labDir: dir, stopGraceMs: 300 });
      const exit = await server.stop();
      expect(exit.killed).toBe(true);
      expect(isProcessAlive(server.pid)).toBe(false);
    });

    it('fails with the exit status and the last log lines when the server exits before its banner', async () => {
      const binary = await script('crashing', "echo 'Error initializing core: boom' >&2\nexit 3");
      await expect(startDevServerProcess({ binary, labDir: dir })).rejects.toMatchObject({
        code: 'LAB_VAULT_START',
        message: expect.stringMatching(/stopped with exit code 3[\s\S]*Error initializing core: boom/),
      });
    });

    it('times out naming what it waited for when no banner comes', async () => {
      const binary = await script('silent', 'while :; do sleep 1; done');
      await expect(
        startDevServerProcess({ binary, labDir: dir, startupTimeoutMs: 300, stopGraceMs: 1_000 }),
      ).rejects.toMatchObject({
        code: 'LAB_VAULT_START',
        message: expect.stringContaining('printed no root token within 300 ms'),
      });
    });
  });

  describe.each(['pdeathsig', 'supervisor'] as const)(
    'when the parent process is SIGKILLed (%s guard)',
    (guard) => {
      it('Vault does not outlive it', async () => {
        const parent = execa(
          process.execPath,
          ['bin/run-ts.js', 'test/support/vault-crash-parent.ts', guard, testVaultBinary()],
          {
            cwd: ROOT,
            reject: false,
            stderr: 'inherit',
          },
        );
        const line = await new Promise<string>((resolve, reject) => {
          createInterface({ input: parent.stdout! }).once('line', resolve);
          void parent.then((r) => reject(new Error(`parent exited early: ${r.exitCode}`)));
        });
        const { pid, address, labDir } = JSON.parse(line) as { pid: number; address: string; labDir: string };
        // With the supervisor, pid is the supervisor's; Vault is its only child.
        const vaultPid =
          guard === 'supervisor'
            ? Number((await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')).trim())
            : pid;
        expect(isProcessAlive(vaultPid)).toBe(true);
        expect((await new VaultClient({ address }).health()).sealed).toBe(false);

        parent.kill('SIGKILL');
        await parent;
        await waitFor(() => !isProcessAlive(vaultPid) && !isProcessAlive(pid), {
          description: `Vault pid ${vaultPid} to die with its SIGKILLed parent`,
          timeoutMs: 10_000,
        });
        expect(await unreachable(address)).toBe(true);
        await rm(labDir, { recursive: true, force: true });
      });
    },
  );
});
