import { readFile } from 'node:fs/promises';

/**
 * What Linux says about a process in /proc/<pid>/stat and /proc/<pid>/status: enough to tell a live
 * process from one that is exiting or already dead but not yet reaped (a zombie, which `kill -0`
 * still reports as alive), and from a later process that reused its pid (a different start time).
 */
export interface ProcessStatus {
  /** `R`, `S`, `D`… alive; `Z` zombie (exited, not reaped); `X` dead. */
  readonly state: string;
  /** Clock ticks after boot at which it started (field 22); with the pid, names one process per boot. */
  readonly startTicks: string;
  /** The wait status a zombie holds for its parent (field 52), as waitpid(2) would report it. */
  readonly waitStatus: number;
  /** SIGKILL is pending: the process will never run user code again. */
  readonly killPending: boolean;
}

/** The process's status, `undefined` when no such process exists, `'unsupported'` without /proc. */
export async function readProcessStatus(pid: number): Promise<ProcessStatus | undefined | 'unsupported'> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return (await procAvailable()) ? undefined : 'unsupported';
  }
  // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return {
    state: fields[0] ?? '?',
    startTicks: fields[19] ?? '',
    waitStatus: Number(fields[49] ?? 0),
    killPending: sigkillPending(status),
  };
}

/** This process's start time (see `ProcessStatus.startTicks`), or undefined without /proc. */
export async function ownStartTicks(): Promise<string | undefined> {
  const own = await readProcessStatus(process.pid);
  return typeof own === 'object' ? own.startTicks : undefined;
}

/** Differs after a reboot, when start times and pids begin again. */
export async function bootId(): Promise<string | undefined> {
  const text = await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => undefined);
  return text?.trim() || undefined;
}

/** The exit code or signal a wait status encodes. */
export function decodeWaitStatus(status: number): { code: number | null; signal: number | null } {
  const signal = status & 0x7f;
  return signal === 0 ? { code: (status >> 8) & 0xff, signal: null } : { code: null, signal };
}

const SIGKILL_BIT = 1n << 8n;

function sigkillPending(status: string): boolean {
  for (const match of status.matchAll(/^(?:SigPnd|ShdPnd):\s*([0-9a-f]+)$/gm)) {
    if ((BigInt(`0x${match[1]}`) & SIGKILL_BIT) !== 0n) return true;
  }
  return false;
}

/** Where /proc is missing (macOS), callers fall back to `kill -0`. */
async function procAvailable(): Promise<boolean> {
  return readFile('/proc/self/stat', 'utf8').then(
    () => true,
    () => false,
  );
}
