import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { waitFor } from '../../util/wait-for.ts';

export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
}

export interface BuildLockOptions {
  /** Called once when another build holds the lock, then every `noticeEveryMs`. */
  readonly onWait?: (holder: LockHolder | undefined, waitedMs: number) => void;
  readonly noticeEveryMs?: number;
  /** Give up after this long (a cold build takes minutes); default 60 min. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * An exclusive lock file (`O_CREAT|O_EXCL`) so two processes never build into the cache at once.
 * A lock left by a process that died (same host, pid gone, or unreadable and older than a minute) is
 * taken over. Returns the release function; releasing removes the file only if it is still ours.
 */
export async function acquireBuildLock(
  lockPath: string,
  options: BuildLockOptions = {},
): Promise<() => Promise<void>> {
  const me: LockHolder = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  const content = JSON.stringify(me);
  const started = performance.now();
  let lastNotice = -Infinity;
  await waitFor(
    async () => {
      if (await tryCreate(lockPath, content)) return true;
      const holder = await readHolder(lockPath);
      if (await isStale(lockPath, holder)) {
        // Re-read right before removing: another waiter may have taken the lock over meanwhile.
        const again = await readHolder(lockPath);
        if (again?.pid === holder?.pid && again?.startedAt === holder?.startedAt) {
          await unlink(lockPath).catch(() => undefined);
        }
        return tryCreate(lockPath, content);
      }
      const waited = performance.now() - started;
      if (waited - lastNotice >= (options.noticeEveryMs ?? 15_000)) {
        lastNotice = waited;
        options.onWait?.(holder, waited);
      }
      return false;
    },
    {
      description: `the Vault build lock ${lockPath} (another build is running)`,
      timeoutMs: options.timeoutMs ?? 60 * 60_000,
      intervalMs: 500,
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
  return async () => {
    const holder = await readHolder(lockPath);
    if (holder?.pid === me.pid && holder.hostname === me.hostname)
      await unlink(lockPath).catch(() => undefined);
  };
}

async function tryCreate(path: string, content: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', 0o644);
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.hostname !== 'string') return undefined;
    return value as LockHolder;
  } catch {
    return undefined;
  }
}

async function isStale(path: string, holder: LockHolder | undefined): Promise<boolean> {
  if (holder === undefined) {
    // Half-written by a process that died between create and write, or garbage.
    const age = await stat(path).then(
      (s) => Date.now() - s.mtimeMs,
      () => Infinity,
    );
    return age > 60_000;
  }
  if (holder.hostname !== hostname()) return false;
  return !isProcessAlive(holder.pid);
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
