import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { execa } from 'execa';
import type { ResultPromise } from 'execa';
import { describe, expect, it } from 'vitest';
import { VaultClient, VaultUnreachableError } from '../../../harness/vault/index.ts';
import { readAuditEntries } from '../../support/vault-audit.ts';
import { testVaultBinary } from '../../support/vault-server.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

/**
 * The real bin, as a user runs it. `--vault-only`: these tests are about the Vault part of `up`; the
 * AWS part (emulator, shipper, rules) has its own tests.
 */
function up(args: string[]): ResultPromise<{ reject: false; buffer: true }> {
  return execa(process.execPath, ['bin/vault-alarm-lab.js', 'up', '--vault-only', ...args], {
    cwd: ROOT,
    env: { VAULT_BIN: testVaultBinary(), VAULT_TOKEN: '', VAULT_ADDR: '' },
    reject: false,
    buffer: true,
  });
}

/** Collects stdout until `done` says enough was seen. */
function readStdoutUntil(child: ResultPromise, done: (lines: string[]) => boolean): Promise<string[]> {
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const reader = createInterface({ input: child.stdout! });
    reader.on('line', (line) => {
      lines.push(line);
      if (done(lines)) resolve(lines);
    });
    void child.then((result) =>
      reject(new Error(`up exited early (${result.exitCode}): ${String(result.stderr)}`)),
    );
  });
}

async function gone(address: string): Promise<boolean> {
  return (
    (await new VaultClient({ address }).health().catch((e: unknown) => e)) instanceof VaultUnreachableError
  );
}

describe('vault-alarm-lab up', () => {
  it('--json prints exactly one JSON line first, runs until SIGINT, then stops cleanly', async () => {
    const child = up(['--json']);
    const [first] = await readStdoutUntil(child, (lines) => lines.length >= 1);
    const summary = JSON.parse(first!) as { vault: Record<string, string> };
    expect(Object.keys(summary)).toEqual(['vault']);
    expect(Object.keys(summary.vault)).toEqual(['address', 'rootToken', 'unsealKey', 'auditLog']);
    const { address, rootToken, unsealKey, auditLog } = summary.vault as Record<string, string>;
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(unsealKey).toMatch(/=$/);

    const client = new VaultClient({ address: address!, token: rootToken! });
    expect(await client.tokenLookupSelf()).toMatchObject({ display_name: 'root', policies: ['root'] });
    const [probe] = await readAuditEntries(auditLog!);
    expect(probe?.request?.path).toBe('sys/audit/test');

    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(String(result.stdout).split('\n').filter(Boolean)).toHaveLength(1);
    expect(String(result.stderr)).toContain('lab stopped');
    expect(String(result.stderr)).not.toContain(rootToken);
    expect(await gone(address!)).toBe(true);
    await expect(stat(auditLog!)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('prints export lines and the audit log path without the token, and stops on SIGTERM', async () => {
    const labDir = await mkdtemp(join(tmpdir(), 'vault-up-'));
    try {
      const child = up(['--lab-dir', labDir]);
      const lines = await readStdoutUntil(child, (l) => l.some((line) => line.startsWith('Press Ctrl-C')));
      const text = lines.join('\n');
      const address = /export VAULT_ADDR='(http:\/\/127\.0\.0\.1:\d+)'/.exec(text)?.[1];
      expect(address).toBeDefined();
      const tokenFile = join(labDir, 'root-token');
      expect(text).toContain(`export VAULT_TOKEN="$(cat '${tokenFile}')"`);
      expect(text).toContain(`audit log:   ${join(labDir, 'audit', 'audit.log')}`);
      const token = (await readFile(tokenFile, 'utf8')).trim();
      expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
      expect(text).not.toContain(token);
      expect(await new VaultClient({ address: address!, token }).tokenLookupSelf()).toMatchObject({
        display_name: 'root',
      });

      child.kill('SIGTERM');
      const result = await child;
      expect(result.exitCode).toBe(0);
      expect(`${String(result.stdout)}${String(result.stderr)}`).not.toContain(token);
      expect(await gone(address!)).toBe(true);
      // A lab dir the user chose stays, with its audit log.
      expect((await stat(join(labDir, 'audit', 'audit.log'))).size).toBeGreaterThan(0);
    } finally {
      await rm(labDir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown back-end with a usage error (exit 2) before starting anything', async () => {
    const result = await up(['--backend', 'kubernetes']);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toContain(
      "--backend: expected one of process, testcontainers, compose, external, got 'kubernetes'",
    );
  });
});
