import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { LabError } from '../../errors.ts';
import { bootId, ownStartTicks, readProcessStatus } from '../../util/process-status.ts';

/**
 * One shipper per state directory: a second one would interleave checkpoints. The lock is a file
 * naming its holder by pid, start time and boot, so a holder that is gone, a zombie (killed, not yet
 * reaped: `kill -0` still calls it alive), being SIGKILLed, or whose pid a later process reuses is
 * recognised as dead and never blocks a restart. A live holder is waited for (it may be stopping)
 * for `waitMs`, saying so, before the start is refused.
 *
 * Not a kernel lock (Node has no flock/fcntl without native code): two shippers in different pid
 * namespaces sharing one state directory cannot see each other's processes. Without /proc (macOS)
 * liveness falls back to `kill -0`, which cannot tell a zombie from a live process.
 */
export interface LockOptions {
  /** How long a live holder is waited for. Default 5 s. */
  readonly waitMs?: number;
  /** Told what the lock waits for or took over (the CLI prints it on stderr). */
  readonly notify?: (message: string) => void;
}

export const DEFAULT_LOCK_WAIT_MS = 5_000;

const LOCK_FILE = 'shipper.lock';
const POLL_MS = 100;

interface Holder {
  readonly pid: number;
  /** Absent in lock files of earlier versions, which held the pid alone. */
  readonly startTicks?: string;
  readonly boot?: string;
}

interface Verdict {
  readonly alive: boolean;
  /** Why a holder counts as dead. */
  readonly why?: string;
}

/**
 * State directories this process holds: several shippers of one process (tests, the lab) share its
 * pid and start time, so the lock file cannot tell them apart; this set does.
 */
const heldByThisProcess = new Set<string>();

/** Locks `dir` for this shipper; resolves with the function that releases it. */
export async function lockStateDir(dir: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const key = path.resolve(dir);
  if (heldByThisProcess.has(key)) {
    throw new LabError(
      'LAB_SHIPPER_STATE_LOCKED',
      `state directory ${dir} is in use by another shipper of this process`,
    );
  }
  // Claimed before the first await, so two concurrent calls cannot both get past the check.
  heldByThisProcess.add(key);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const lock = path.join(dir, LOCK_FILE);
    await acquire(dir, lock, options);
    return async () => {
      heldByThisProcess.delete(key);
      await unlink(lock).catch(() => undefined);
    };
  } catch (error) {
    heldByThisProcess.delete(key);
    throw error;
  }
}

async function acquire(dir: string, lock: string, options: LockOptions): Promise<void> {
  const waitMs = options.waitMs ?? DEFAULT_LOCK_WAIT_MS;
  const deadline = performance.now() + waitMs;
  const own: Holder = { pid: process.pid, ...(await describeSelf()) };
  const text = JSON.stringify(own);
  let live: Holder | undefined;
  for (;;) {
    if (await createLockFile(lock, text)) return;
    const held = await readFile(lock, 'utf8').catch(() => undefined);
    if (held === undefined) continue; // released between our attempt and the read: try again
    const holder = parseHolder(held);
    const verdict = holder === undefined ? { alive: false, why: 'unreadable' } : await judge(holder, own);
    if (!verdict.alive) {
      if (await removeIfUnchanged(lock, held)) {
        options.notify?.(
          `state directory ${dir}: took over the lock of shipper process ${holder?.pid ?? '?'} (${verdict.why})`,
        );
        continue;
      }
    } else if (live === undefined) {
      live = holder;
      options.notify?.(
        `state directory ${dir} is held by shipper process ${holder!.pid}; waiting up to ${waitMs / 1000} s for it to exit`,
      );
    }
    if (performance.now() >= deadline) {
      throw new LabError(
        'LAB_SHIPPER_STATE_LOCKED',
        live === undefined
          ? `could not lock state directory ${dir}`
          : `state directory ${dir} is in use by shipper process ${live.pid} (still running after ${waitMs / 1000} s: stop it, or give this shipper its own --state-dir)`,
      );
    }
    await delay(POLL_MS);
  }
}

async function describeSelf(): Promise<Omit<Holder, 'pid'>> {
  const [startTicks, boot] = await Promise.all([ownStartTicks(), bootId()]);
  return { ...(startTicks !== undefined ? { startTicks } : {}), ...(boot !== undefined ? { boot } : {}) };
}

/**
 * Creates the lock file with its content in one step: written under a private name and linked into
 * place, so no reader ever sees it empty. False when a lock file exists. On file systems without
 * hard links it is created exclusively and then written (a reader may see it empty for a moment and
 * take it for a dead holder's).
 */
async function createLockFile(lock: string, text: string): Promise<boolean> {
  // Not `.tmp-`: the checkpoint store removes those, and may do so while this one is being linked.
  const tmp = `${lock}.new-${process.pid}`;
  await writeFile(tmp, text, { mode: 0o600 });
  try {
    await link(tmp, lock);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    return createExclusively(lock, text);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

async function createExclusively(lock: string, text: string): Promise<boolean> {
  try {
    await writeFile(lock, text, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function parseHolder(text: string): Holder | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) };
  try {
    const value = JSON.parse(trimmed) as Partial<Holder>;
    if (!Number.isInteger(value.pid) || value.pid! <= 0) return undefined;
    return {
      pid: value.pid!,
      ...(typeof value.startTicks === 'string' ? { startTicks: value.startTicks } : {}),
      ...(typeof value.boot === 'string' ? { boot: value.boot } : {}),
    };
  } catch {
    return undefined;
  }
}

async function judge(holder: Holder, own: Holder): Promise<Verdict> {
  if (holder.boot !== undefined && own.boot !== undefined && holder.boot !== own.boot)
    return { alive: false, why: 'written before a reboot' };
  // Our own pid: never another shipper of this process (heldByThisProcess says so), so an earlier
  // process that had the same pid (a restarted container).
  if (holder.pid === own.pid) return { alive: false, why: 'left by an earlier process with this pid' };
  const status = await readProcessStatus(holder.pid);
  if (status === undefined) return { alive: false, why: 'it has exited' };
  if (status === 'unsupported')
    return signalZeroAlive(holder.pid) ? { alive: true } : { alive: false, why: 'it has exited' };
  if (status.state === 'Z' || status.state === 'X')
    return { alive: false, why: 'it was killed and is waiting to be reaped' };
  if (status.killPending) return { alive: false, why: 'it is being killed' };
  if (holder.startTicks !== undefined && holder.startTicks !== status.startTicks)
    return { alive: false, why: `it has exited; pid ${holder.pid} is now another process` };
  return { alive: true };
}

/**
 * Removes a dead holder's lock file, unless another shipper replaced it meanwhile: moved aside
 * first (one rename wins), then put back if it is not the one judged.
 */
async function removeIfUnchanged(lock: string, judged: string): Promise<boolean> {
  const aside = `${lock}.stale-${process.pid}`;
  try {
    await rename(lock, aside);
  } catch {
    return false;
  }
  const moved = await readFile(aside, 'utf8').catch(() => undefined);
  if (moved !== judged) {
    await link(aside, lock).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
    return false;
  }
  await unlink(aside).catch(() => undefined);
  return true;
}

function signalZeroAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
