import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * Which file this is, independently of its name: device + inode + a hash of its first bytes. The
 * agent keys its offset by path only, so a file replaced under the same name is read from the old
 * offset; inode reuse after delete-and-recreate, and copytruncate (same inode, new content), are
 * caught here by the fingerprint.
 */
export interface FileIdentity {
  /** Device and inode as decimal strings (inodes may exceed 2^53). */
  readonly dev: string;
  readonly ino: string;
  /** How many leading bytes the fingerprint covers (grows with the file up to FINGERPRINT_BYTES). */
  readonly fpLen: number;
  /** sha256 of those bytes, hex. */
  readonly fp: string;
}

/** Enough to include a Vault audit line's time and request id. */
export const FINGERPRINT_BYTES = 1024;

export async function fingerprint(handle: FileHandle, length: number): Promise<string> {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await handle.read(buffer, read, length - read, read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return createHash('sha256').update(buffer.subarray(0, read)).digest('hex');
}

export async function identify(handle: FileHandle, stats?: BigIntStats): Promise<FileIdentity> {
  const st = stats ?? (await handle.stat({ bigint: true }));
  const fpLen = Number(st.size < BigInt(FINGERPRINT_BYTES) ? st.size : BigInt(FINGERPRINT_BYTES));
  return { dev: String(st.dev), ino: String(st.ino), fpLen, fp: await fingerprint(handle, fpLen) };
}

export function sameInode(identity: Pick<FileIdentity, 'dev' | 'ino'>, stats: BigIntStats): boolean {
  return identity.dev === String(stats.dev) && identity.ino === String(stats.ino);
}

/**
 * Does the open file still start with the bytes the identity was taken from? False after a
 * copytruncate that regrew the file (even past the old size, which a size check alone misses).
 */
export async function sameContentStart(
  handle: FileHandle,
  identity: FileIdentity,
  size: number,
): Promise<boolean> {
  if (size < identity.fpLen) return false;
  return (await fingerprint(handle, identity.fpLen)) === identity.fp;
}

/** The identity with its fingerprint extended to cover more of a grown file; same prefix assumed checked. */
export async function extendIdentity(
  handle: FileHandle,
  identity: FileIdentity,
  size: number,
): Promise<FileIdentity> {
  const fpLen = Math.min(size, FINGERPRINT_BYTES);
  if (fpLen <= identity.fpLen) return identity;
  return { ...identity, fpLen, fp: await fingerprint(handle, fpLen) };
}

export function describeIdentity(identity: FileIdentity): string {
  return `dev ${identity.dev} inode ${identity.ino}`;
}
