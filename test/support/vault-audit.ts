import { readFile } from 'node:fs/promises';
import { AuditLogCursor, parseAuditLine, parseAuditLog } from '../../harness/vault/index.ts';
import { waitFor } from '../../harness/util/wait-for.ts';
import type { AuditEntry, StartedVault } from '../../harness/vault/index.ts';

/** Every entry of an audit file. */
export async function readAuditEntries(path: string): Promise<AuditEntry[]> {
  return parseAuditLog(await readFile(path, 'utf8'));
}

let markers = 0;

/**
 * Runs `action` and returns exactly the audit lines it caused, raw and parsed. No sleeping: after the
 * action a marker request (a read of a unique cubbyhole path) is sent, and since Vault writes entries
 * in order before it answers, everything between the mark and the marker's entries belongs to the
 * action. So "unseal writes nothing" is a real check. The server must be unsealed when the action ends.
 */
export async function auditLinesOf(
  vault: StartedVault,
  action: () => Promise<unknown>,
): Promise<{ entries: AuditEntry[]; lines: string[] }> {
  if (!vault.auditLogPath) throw new Error('auditOf: this Vault has no audit log');
  const cursor = await AuditLogCursor.atEnd(vault.auditLogPath);
  await action();
  const marker = `cubbyhole/audit-marker-${process.pid}-${++markers}`;
  await vault.client.read(marker).catch(() => undefined);
  const lines: string[] = [];
  const entries: AuditEntry[] = [];
  await waitFor(
    async () => {
      for (const line of await cursor.readLines()) {
        lines.push(line);
        entries.push(parseAuditLine(line));
      }
      return entries.some((e) => e.request?.path === marker);
    },
    { description: `the audit marker ${marker} in ${vault.auditLogPath}`, timeoutMs: 10_000, intervalMs: 10 },
  );
  const index = entries.findIndex((e) => e.request?.path === marker);
  return { entries: entries.slice(0, index), lines: lines.slice(0, index) };
}

/** `auditLinesOf`, parsed entries only. */
export async function auditOf(vault: StartedVault, action: () => Promise<unknown>): Promise<AuditEntry[]> {
  return (await auditLinesOf(vault, action)).entries;
}

export function only(entries: readonly AuditEntry[], type: 'request' | 'response'): AuditEntry {
  const found = entries.filter((e) => e.type === type);
  if (found.length !== 1) {
    throw new Error(
      `expected one ${type} entry, got ${found.length}: ${entries.map((e) => `${e.type} ${e.request?.path}`).join('; ')}`,
    );
  }
  return found[0]!;
}
