import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { LabError } from '../errors.ts';
import { freeLoopbackPort } from '../util/free-port.ts';
import { pollUntil } from '../util/wait-for.ts';
import { stepReporter } from '../util/step-progress.ts';
import type { StepProgressListener } from '../util/step-progress.ts';
import { guardCommand } from '../vault/index.ts';
import { ensureLocalstackVenv } from './venv.ts';
import { LOCALSTACK_VERSION } from './version.ts';
import type { LocalstackVenv } from './venv.ts';

/** The services the lab uses; LocalStack loads only these. */
export const LOCALSTACK_SERVICES = ['logs', 'cloudwatch', 'sns', 'sqs'] as const;

export interface StartNativeLocalstackOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly onProgress?: StepProgressListener;
  readonly signal?: AbortSignal;
  /** Loopback port; default a free one (never LocalStack's default 4566, which others may use). */
  readonly port?: number;
  /** Bound on the start until /_localstack/health answers; default 120 s. */
  readonly startupTimeoutMs?: number;
}

export interface NativeLocalstack {
  /** `http://127.0.0.1:PORT` */
  readonly endpoint: string;
  readonly venv: LocalstackVenv;
  /** LocalStack's own output (its start-up log, errors). */
  readonly logPath: string;
  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and removes its files. Idempotent. */
  stop(): Promise<void>;
}

/**
 * LocalStack community as a child process of this one, from the venv in the lab's cache (created on
 * first use): listening on 127.0.0.1 only, no persistence, its files in a temp directory of ours.
 * Tied to this process (pdeathsig or a supervisor) so a crash leaves no LocalStack behind.
 */
export async function startNativeLocalstack(
  options: StartNativeLocalstackOptions = {},
): Promise<NativeLocalstack> {
  const env = options.env ?? process.env;
  const report = stepReporter('localstack', options.onProgress);
  const venv = await ensureLocalstackVenv({
    env,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const port = options.port ?? (await freeLoopbackPort());
  const endpoint = `http://127.0.0.1:${port}`;
  const dir = await mkdtemp(join(tmpdir(), 'vault-alarm-lab-localstack-'));
  const logPath = join(dir, 'localstack.log');
  const log = createWriteStream(logPath);
  const guarded = await guardCommand(venv.python, ['-m', 'localstack.runtime.main'], undefined, env);
  report.note(`starting LocalStack ${LOCALSTACK_VERSION} (native, ${venv.python}) on ${endpoint}`);
  const child = execa(guarded.file, guarded.args, {
    env: {
      ...env,
      GATEWAY_LISTEN: `127.0.0.1:${port}`,
      // The host in the URLs LocalStack hands out (SNS SigningCertURL, SQS queue URLs): ours.
      LOCALSTACK_HOST: `127.0.0.1:${port}`,
      SERVICES: LOCALSTACK_SERVICES.join(','),
      PERSISTENCE: '0',
      OVERRIDE_IN_DOCKER: '0',
      FILESYSTEM_ROOT: join(dir, 'filesystem'),
      // No DNS server (it would want port 53) and no anonymous usage events.
      DNS_ADDRESS: '0',
      DISABLE_EVENTS: '1',
    },
    // fd 3 is the supervisor's lifeline where pdeathsig is not available.
    stdio: ['ignore', 'pipe', 'pipe', ...(guarded.lifeline ? (['pipe'] as const) : [])],
    reject: false,
    cleanup: true,
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let exited: string | undefined;
  const finished = child.then((result) => {
    exited = result.signal ? `killed by ${result.signal}` : `exited with code ${result.exitCode}`;
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (exited === undefined) {
        child.kill('SIGTERM');
        const gone = await Promise.race([
          finished.then(() => true),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000).unref()),
        ]);
        if (!gone) child.kill('SIGKILL');
        await finished;
      }
      log.end();
      await rm(dir, { recursive: true, force: true });
    })();
    return stopping;
  };

  const outcome = await pollUntil(
    async () => {
      if (exited !== undefined) return 'exited';
      const response = await fetch(`${endpoint}/_localstack/health`, { signal: AbortSignal.timeout(2_000) });
      if (!response.ok) return false;
      const health = (await response.json()) as { services?: Record<string, string> };
      const states = LOCALSTACK_SERVICES.map((s) => health.services?.[s]);
      return states.every((s) => s === 'available' || s === 'running') ? 'ready' : false;
    },
    {
      description: `LocalStack to answer at ${endpoint}/_localstack/health`,
      timeoutMs: options.startupTimeoutMs ?? 120_000,
      intervalMs: 250,
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
  if (outcome.state === 'success' && outcome.value === 'ready') {
    report.note(`LocalStack ready at ${endpoint}`);
    return { endpoint, venv, logPath, stop };
  }
  const tail = (await readFile(logPath, 'utf8').catch(() => '')).trimEnd().split('\n').slice(-20);
  await stop();
  const why =
    exited !== undefined
      ? `LocalStack ${exited} before it answered`
      : outcome.state === 'aborted'
        ? 'the start was aborted'
        : `LocalStack did not answer ${endpoint}/_localstack/health within ${Math.round(outcome.elapsedMs / 1000)} s`;
  throw new LabError(
    'LAB_LOCALSTACK_START',
    `${why} (native, ${venv.python})${tail.length > 0 ? `; its last output:\n  ${tail.join('\n  ')}` : ''}`,
  );
}
