import type { BigIntStats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileIdentity } from './file-identity.ts';
import { fingerprint, sameContentStart, sameInode } from './file-identity.ts';

/**
 * Finding a file by identity rather than by name: after a restart (the file was rotated while the
 * shipper was stopped) and after a copytruncate (the bytes not yet read are in the copy).
 */
export interface Located {
  readonly path: string;
  readonly handle: FileHandle;
  readonly stats: BigIntStats;
}

/** Files the shipper never reads: compressed archives. */
export const SKIPPED_EXTENSIONS = new Set([
  '.gz',
  '.zst',
  '.zip',
  '.bz2',
  '.xz',
  '.rar',
  '.tar',
  '.lz4',
  '.7z',
]);

/** The file with this inode and starting with these bytes, looked up first under `names`, then in `dirs`. */
export async function locateByIdentity(
  identity: FileIdentity,
  names: readonly string[],
  dirs: readonly string[],
): Promise<Located | undefined> {
  const tried = new Set<string>();
  for (const name of names) {
    tried.add(name);
    const found = await openIfSame(name, identity);
    if (found) return found;
  }
  for (const dir of new Set(dirs)) {
    for (const name of await listFiles(dir)) {
      if (tried.has(name)) continue;
      tried.add(name);
      const st = await stat(name, { bigint: true }).catch(() => undefined);
      if (!st?.isFile() || !sameInode(identity, st)) continue;
      const found = await openIfSame(name, identity);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The copy a copytruncate made: another file in `dir` that starts with the same bytes as `identity`
 * and holds at least `minSize` bytes. The newest such file wins.
 */
export async function findCopy(
  identity: FileIdentity,
  dir: string,
  exclude: string,
  minSize: number,
): Promise<Located | undefined> {
  if (identity.fpLen === 0) return undefined;
  let best: Located | undefined;
  for (const name of await listFiles(dir)) {
    if (name === exclude || SKIPPED_EXTENSIONS.has(path.extname(name))) continue;
    const st = await stat(name, { bigint: true }).catch(() => undefined);
    if (!st?.isFile() || sameInode(identity, st) || Number(st.size) < Math.max(minSize, identity.fpLen))
      continue;
    const handle = await open(name, 'r').catch(() => undefined);
    if (handle === undefined) continue;
    if (
      (await fingerprint(handle, identity.fpLen)) !== identity.fp ||
      (best && best.stats.mtimeMs >= st.mtimeMs)
    ) {
      await handle.close();
      continue;
    }
    await best?.handle.close();
    best = { path: name, handle, stats: st };
  }
  return best;
}

/** A file in a followed name's directory named as logrotate names that file's rotations. */
export interface RotatedSibling {
  readonly path: string;
  readonly stats: BigIntStats;
  /** An archive the shipper cannot read (see SKIPPED_EXTENSIONS). */
  readonly compressed: boolean;
}

/**
 * The files next to `file` whose names extend its name (`app.log.1`, `app.log-20240101`,
 * `app.log.2.gz`) and that were modified at or after `sinceMs`, oldest first.
 */
export async function rotatedSiblings(file: string, sinceMs: number): Promise<RotatedSibling[]> {
  const base = path.basename(file);
  const found: RotatedSibling[] = [];
  for (const name of await listFiles(path.dirname(file))) {
    const own = path.basename(name);
    if (own === base || !own.startsWith(base)) continue;
    const stats = await stat(name, { bigint: true }).catch(() => undefined);
    if (!stats?.isFile() || Number(stats.mtimeMs) < sinceMs) continue;
    found.push({ path: name, stats, compressed: SKIPPED_EXTENSIONS.has(path.extname(name)) });
  }
  return found.sort((a, b) => Number(a.stats.mtimeNs - b.stats.mtimeNs));
}

async function openIfSame(name: string, identity: FileIdentity): Promise<Located | undefined> {
  const handle = await open(name, 'r').catch(() => undefined);
  if (handle === undefined) return undefined;
  try {
    const st = await handle.stat({ bigint: true });
    if (
      st.isFile() &&
      sameInode(identity, st) &&
      (await sameContentStart(handle, identity, Number(st.size)))
    ) {
      return { path: name, handle, stats: st };
    }
  } catch {
    // fall through: not it
  }
  await handle.close();
  return undefined;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(dir, e.name));
}
