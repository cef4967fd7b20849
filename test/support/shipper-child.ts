import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { decodeWaitStatus, readProcessStatus } from '../../harness/util/process-status.ts';
import { waitFor } from '../../harness/util/wait-for.ts';

const BIN = fileURLToPath(new URL('../../bin/vault-alarm-lab.js', import.meta.url));

/**
 * `vault-alarm-lab ship` started the way operators start it: `setsid node bin/vault-alarm-lab.js
 * ship …` from a shell, in a session and process group of its own, so a test can SIGKILL the whole
 * group (`kill -KILL -<pgid>`) like an operator, a supervisor or the OOM killer, and start the next
 * one at once. The shell then becomes a long-running program (`exec sleep`, as a container
 * entrypoint does) that never reaps it: a killed shipper stays a zombie, still visible to `kill -0`,
 * for as long as the test runs. That is the window a slow or absent init leaves (the issue saw
 * 1.8 s), made deterministic. Its exit status is read from the zombie (/proc/<pid>/stat).
 */
export interface ShipperChild {
  /** The shipper's pid, which is also its process group id. */
  readonly pid: number;
  output(): string;
  /** Resolves once the shipper has exited (is a zombie or gone). */
  exited(): Promise<ShipperExit>;
  /** Signals the whole process group; resolves once the shipper has exited (is a zombie or gone). */
  kill(signal: NodeJS.Signals): Promise<ShipperExit>;
}

export interface ShipperExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Why shipper processes cannot be started as operators start them here, or undefined if they can. */
export function cannotStartLikeUsers(): string | undefined {
  if (!existsSync('/proc/self/stat')) return 'no /proc (exit status and zombie state come from it)';
  if (!existsSync('/usr/bin/setsid') && !existsSync('/bin/setsid')) return 'no setsid(1) (util-linux)';
  return undefined;
}

export async function spawnShipper(args: {
  config: string;
  endpoint: string;
  region: string;
  stateDir: string;
  extra?: string[];
}): Promise<ShipperChild> {
  const shipArgs = [
    BIN,
    'ship',
    '--config',
    args.config,
    '--endpoint',
    args.endpoint,
    '--region',
    args.region,
    '--state-dir',
    args.stateDir,
    '--status-interval',
    '1',
    ...(args.extra ?? []),
  ];
  // A background job of a non-interactive shell is no group leader, so setsid(1) makes the new
  // session in place and $! is the shipper itself.
  const script = 'setsid "$@" </dev/null 1>&2 & echo $!; exec sleep 3600';
  const parent: ChildProcess = spawn('sh', ['-c', script, 'sh', process.execPath, ...shipArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined },
  });
  let pidLine = '';
  let text = '';
  parent.stdout?.on('data', (chunk) => (pidLine += String(chunk)));
  parent.stderr?.on('data', (chunk) => (text += String(chunk)));
  const parentExited = new Promise<void>((resolve) => parent.on('exit', () => resolve()));
  const pid = await waitFor(() => /^(\d+)\n/.exec(pidLine)?.[1], {
    description: 'the shell to start the shipper and print its pid',
    timeoutMs: 10_000,
    intervalMs: 5,
  }).then(Number);

  let exit: Promise<ShipperExit> | undefined;
  const exited = () =>
    (exit ??= waitFor(
      async () => {
        const status = await readProcessStatus(pid);
        if (status === undefined) return { code: null, signal: null };
        if (status === 'unsupported' || status.state !== 'Z') return undefined;
        const decoded = decodeWaitStatus(status.waitStatus);
        return { code: decoded.code, signal: decoded.signal === null ? null : signalName(decoded.signal) };
      },
      { description: `shipper process ${pid} to exit`, timeoutMs: 60_000, intervalMs: 10 },
    ));
  onTestFinished(async () => {
    killGroup(pid, 'SIGKILL');
    parent.kill('SIGKILL');
    await parentExited;
  });
  return {
    pid,
    output: () => text,
    exited,
    kill(signal) {
      killGroup(pid, signal);
      return exited();
    },
  };
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function signalName(signal: number): NodeJS.Signals | null {
  const entry = Object.entries(constants.signals).find(([, number]) => number === signal);
  return (entry?.[0] as NodeJS.Signals | undefined) ?? null;
}
