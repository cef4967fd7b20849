import { open, stat } from 'node:fs/promises';
import { parseAuditLine } from './audit-entry.ts';
import type { AuditEntry } from './audit-entry.ts';
import { waitFor } from '../../util/wait-for.ts';

/**
 * Reads what a Vault audit file gained since a mark: take a cursor, do something to Vault, then read
 * the new entries. Vault writes an entry before it answers the HTTP call (request entries before
 * execution, response entries before the reply), so once a call returned its lines are in the file;
 * `waitForEntries` covers writers that are not that strict (another process, a container).
 */
export class AuditLogCursor {
  readonly path: string;
  #offset: number;
  #partial = '';
  #lineNumber = 0;

  private constructor(path: string, offset: number) {
    this.path = path;
    this.#offset = offset;
  }

  /** A cursor at the current end of the file (or at 0 if it does not exist yet). */
  static async atEnd(path: string): Promise<AuditLogCursor> {
    const size = await stat(path).then(
      (s) => s.size,
      () => 0,
    );
    return new AuditLogCursor(path, size);
  }

  static atStart(path: string): AuditLogCursor {
    return new AuditLogCursor(path, 0);
  }

  get offset(): number {
    return this.#offset;
  }

  /** Complete new lines since the last read (a line without its `\n` yet stays for the next read). */
  async readLines(): Promise<string[]> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size <= this.#offset) return [];
      const buffer = Buffer.alloc(size - this.#offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.#offset);
      this.#offset += bytesRead;
      const text = this.#partial + buffer.subarray(0, bytesRead).toString('utf8');
      const parts = text.split('\n');
      this.#partial = parts.pop() ?? '';
      return parts.filter((line) => line !== '');
    } finally {
      await handle.close();
    }
  }

  /** New entries since the last read. */
  async read(): Promise<AuditEntry[]> {
    const lines = await this.readLines();
    return lines.map((line) => parseAuditLine(line, ++this.#lineNumber));
  }

  /** Reads until at least `count` new entries arrived (all of them are returned). */
  async waitForEntries(
    count: number,
    options: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<AuditEntry[]> {
    const seen: AuditEntry[] = [];
    await waitFor(
      async () => {
        seen.push(...(await this.read()));
        return seen.length >= count;
      },
      {
        description: `${count} new audit entr${count === 1 ? 'y' : 'ies'} in ${this.path}`,
        timeoutMs: options.timeoutMs ?? 10_000,
        intervalMs: 20,
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
    return seen;
  }
}
