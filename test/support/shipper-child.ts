import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/vault-alarm-lab.js', import.meta.url));

/**
 * `vault-alarm-lab ship` as a real child process, so a test can SIGKILL it like an operator (or the
 * OOM killer) would. Its stderr is kept for the report; it is killed when the test ends.
 */
export interface ShipperChild {
  readonly pid: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnShipper(args: {
  config: string;
  endpoint: string;
  region: string;
  stateDir: string;
  extra?: string[];
}): ShipperChild {
  const child: ChildProcess = spawn(
    process.execPath,
    [
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
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined },
    },
  );
  let text = '';
  child.stdout?.on('data', (chunk) => (text += String(chunk)));
  child.stderr?.on('data', (chunk) => (text += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => (done = true));
  onTestFinished(async () => {
    if (!done) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  return {
    pid: child.pid!,
    exited,
    output: () => text,
    async kill(signal) {
      if (!done) child.kill(signal);
      return exited;
    },
  };
}
