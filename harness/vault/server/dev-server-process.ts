import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { execa } from 'execa';
import type { ResultPromise } from 'execa';
import { createLogger } from '../../util/logger.ts';
import { VaultStartError } from '../errors.ts';
import type { VaultProgressListener } from '../progress.ts';
import { guardCommand } from './child-guard.ts';
import type { ChildGuardKind } from './child-guard.ts';
import { classifyStartFailure, DevBannerParser } from './dev-banner.ts';
import type { DevBanner } from './dev-banner.ts';
import { devServerArgs, devServerEnv } from './dev-server-args.ts';
import type { VaultLogLevel } from './dev-server-args.ts';
import { findFreePortPair } from './free-port.ts';

const log = createLogger('lab:vault:process');

export interface DevServerProcessOptions {
  readonly binary: string;
  /** Working directory and HOME of the server; the server log goes to `<labDir>/vault-server.log`. */
  readonly labDir: string;
  /** Fixed API port (the cluster port is port + 1); default: a free pair. */
  readonly port?: number;
  readonly logLevel?: VaultLogLevel;
  /** Until the banner (root token, unseal key) is printed; default 60 s. */
  readonly startupTimeoutMs?: number;
  /** SIGTERM, then SIGKILL after this long; default 10 s. */
  readonly stopGraceMs?: number;
  readonly guard?: ChildGuardKind;
  /**
   * More `vault server` flags, for experiments only: e.g. `-dev-root-token-id=x` makes the root token
   * display_name "token" instead of "root", which changes what detection rules see.
   */
  readonly extraArgs?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly onProgress?: VaultProgressListener;
  readonly signal?: AbortSignal;
}

export interface DevServerExit {
  readonly exitCode: number | undefined;
  readonly signal: string | undefined;
  /** True when the grace period ran out and SIGKILL was needed. */
  readonly killed: boolean;
}

export interface DevServerProcess {
  readonly address: string;
  readonly port: number;
  readonly banner: DevBanner;
  /** Pid of Vault itself (pdeathsig guard) or of its supervisor. */
  readonly pid: number;
  readonly guard: ChildGuardKind;
  readonly serverLogPath: string;
  /** Settles when the process has exited, whoever stopped it. */
  readonly exited: Promise<DevServerExit>;
  /** Idempotent: SIGTERM, SIGKILL after the grace period; resolves once the process is gone. */
  stop(): Promise<DevServerExit>;
}

const PORT_ATTEMPTS = 3;

/** Starts `vault server -dev` and resolves once the banner with the root token and unseal key is out. */
export async function startDevServerProcess(options: DevServerProcessOptions): Promise<DevServerProcess> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
    const port = options.port ?? (await findFreePortPair());
    try {
      return await startOnce(options, port);
    } catch (error) {
      lastError = error;
      const retry = options.port === undefined && error instanceof PortInUseError && attempt < PORT_ATTEMPTS;
      if (!retry) throw error;
      log(`port ${port} was taken before Vault bound it; retrying on another port`);
    }
  }
  throw lastError;
}

class PortInUseError extends VaultStartError {}

async function startOnce(options: DevServerProcessOptions, port: number): Promise<DevServerProcess> {
  const started = performance.now();
  const env = options.env ?? process.env;
  const serverLogPath = join(options.labDir, 'vault-server.log');
  const logFile = createWriteStream(serverLogPath, { flags: 'a', mode: 0o600 });
  const args = [
    ...devServerArgs({ port, logLevel: options.logLevel ?? 'info' }),
    ...(options.extraArgs ?? []),
  ];
  const command = await guardCommand(options.binary, args, options.guard, env);
  options.onProgress?.({
    phase: 'start',
    message: `vault server -dev on 127.0.0.1:${port} (${command.kind} guard)`,
  });
  log(`spawn ${command.file} ${command.args.join(' ')}`);

  const child = execa(command.file, command.args, {
    cwd: options.labDir,
    env: devServerEnv(env, options.labDir),
    extendEnv: false,
    stdio: ['ignore', 'pipe', 'pipe', ...(command.lifeline ? (['pipe'] as const) : [])],
    buffer: false,
    reject: false,
    // Its own process group: a Ctrl-C in the terminal reaches us, and we stop Vault in order.
    detached: true,
    cleanup: true,
  });
  const pid = child.pid;
  if (pid === undefined) {
    const result = await child;
    logFile.end();
    throw new VaultStartError(`could not run ${options.binary}: ${result.shortMessage ?? 'spawn failed'}`, {
      cause: result.cause,
    });
  }

  const banner = new DevBannerParser();
  // Both streams: Vault prints start errors ("Error initializing listener…") on stdout, logs on stderr.
  const outputTail: string[] = [];
  const keep = (line: string): void => {
    outputTail.push(line);
    if (outputTail.length > 60) outputTail.shift();
  };
  const exited = watchExit(child, logFile);
  let bannerSeen: (value: DevBanner) => void = () => undefined;
  const bannerPromise = new Promise<DevBanner>((resolve) => (bannerSeen = resolve));

  createInterface({ input: child.stdout! }).on('line', (line) => {
    const safe = banner.push(line);
    logFile.write(safe + '\n');
    keep(safe);
    const result = banner.result;
    if (result) bannerSeen(result);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    logFile.write(line + '\n');
    keep(line);
  });

  const timeoutMs = options.startupTimeoutMs ?? 60_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    bannerPromise.then((value) => ({ kind: 'banner' as const, value })),
    exited.then((value) => ({ kind: 'exit' as const, value })),
    new Promise<{ kind: 'timeout' }>(
      (resolve) => (timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs)),
    ),
    abortPromise(options.signal).then(() => ({ kind: 'aborted' as const })),
  ]);
  clearTimeout(timer);

  const handle = makeHandle(child, pid, exited, options.stopGraceMs ?? 10_000);
  if (outcome.kind === 'banner') {
    options.onProgress?.({
      phase: 'start',
      message: `Vault pid ${pid} printed its banner`,
      elapsedMs: performance.now() - started,
    });
    return {
      address: `http://127.0.0.1:${port}`,
      port,
      banner: outcome.value,
      pid,
      guard: command.kind,
      serverLogPath,
      exited,
      stop: handle,
    };
  }

  await handle();
  const tail = outputTail.slice(-15).join('\n');
  if (outcome.kind === 'exit') {
    const failure = classifyStartFailure(outputTail.join('\n'));
    const status = outcome.value.signal
      ? `signal ${outcome.value.signal}`
      : `exit code ${outcome.value.exitCode}`;
    const what =
      failure === 'port-in-use'
        ? `port ${port} or ${port + 1} is already in use`
        : failure === 'panic'
          ? 'the binary panicked (a Vault built with an unpatched sdk v0.9.2 does this; rebuild with `vault-alarm-lab vault build --force`)'
          : `it stopped with ${status}`;
    const ErrorClass = failure === 'port-in-use' ? PortInUseError : VaultStartError;
    throw new ErrorClass(
      `vault server -dev (${options.binary}) did not start: ${what}. Its last output lines:\n${tail}`,
    );
  }
  if (outcome.kind === 'aborted')
    throw new VaultStartError('starting the Vault dev server was aborted', { cause: options.signal?.reason });
  throw new VaultStartError(
    `vault server -dev printed no root token within ${timeoutMs} ms; its last output lines:\n${tail}`,
  );
}

function watchExit(child: ResultPromise, logFile: WriteStream): Promise<DevServerExit> {
  return child.then(
    (result) => finish(logFile, { exitCode: result.exitCode, signal: result.signal, killed: false }),
    () => finish(logFile, { exitCode: undefined, signal: undefined, killed: false }),
  );
}

async function finish(logFile: WriteStream, exit: DevServerExit): Promise<DevServerExit> {
  await new Promise<void>((resolve) => logFile.end(resolve));
  return exit;
}

function makeHandle(
  child: ResultPromise,
  pid: number,
  exited: Promise<DevServerExit>,
  graceMs: number,
): () => Promise<DevServerExit> {
  let stopping: Promise<DevServerExit> | undefined;
  let done = false;
  void exited.then(() => (done = true));
  return () => {
    stopping ??= (async () => {
      if (done) return exited;
      signalGroup(pid, 'SIGTERM');
      let timer: ReturnType<typeof setTimeout> | undefined;
      const graceful = await Promise.race([
        exited.then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
      ]);
      clearTimeout(timer);
      if (graceful) return exited;
      log(`Vault pid ${pid} ignored SIGTERM for ${graceMs} ms; sending SIGKILL`);
      signalGroup(pid, 'SIGKILL');
      child.kill('SIGKILL');
      return { ...(await exited), killed: true };
    })();
    return stopping;
  };
}

/** The child leads its own process group (detached): signal the group, so a supervisor and Vault both get it. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

function abortPromise(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => undefined);
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
