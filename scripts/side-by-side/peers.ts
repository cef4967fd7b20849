/**
 * The peers measured side by side, natively on a free 127.0.0.1 port: moto from PyPI in a venv of its
 * own in the lab's cache (`<cache>/peers/moto-<version>/`), and LocalStack through
 * harness/localstack, the venv and start-up the `localstack` target uses.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { ResultPromise } from 'execa';
import { labCacheDir } from '../../harness/vault/index.ts';
import { LOCALSTACK_VERSION, startNativeLocalstack } from '../../harness/localstack/index.ts';

export interface PeerSpec {
  readonly system: 'moto';
  readonly version: string;
  /** pip requirements, pinned. */
  readonly requirements: readonly string[];
}

export const MOTO: PeerSpec = { system: 'moto', version: '5.2.6', requirements: ['moto[server]==5.2.6'] };

export interface RunningPeer {
  readonly endpoint: string;
  readonly version: string;
  stop(): Promise<void>;
}

type Log = (message: string) => void;

function venvDir(spec: PeerSpec): string {
  return join(labCacheDir(), 'peers', `${spec.system}-${spec.version}`);
}

/**
 * Python 3.13 (pyenv's 3.13.0, else python3.13 on PATH), else 3.12. LocalStack 4.14.0 installs on
 * 3.12 but its CloudWatch PutMetricData imports warnings.deprecated, which only 3.13 has.
 */
async function findPython(): Promise<string> {
  const candidates = [
    join(homedir(), '.pyenv/versions/3.13.0/bin/python'),
    'python3.13',
    join(homedir(), '.pyenv/versions/3.12.1/bin/python'),
    'python3.12',
  ];
  for (const candidate of candidates) {
    const result = await execa(candidate, ['-c', 'import sys; print(sys.version_info >= (3, 12))'], {
      reject: false,
    });
    if (result.exitCode === 0 && result.stdout.trim() === 'True') return candidate;
  }
  throw new Error(`no Python >= 3.12 found (tried ${candidates.join(', ')})`);
}

/** Creates the venv and installs the pinned requirements once; a marker records what was installed. */
export async function ensureVenv(spec: PeerSpec, log: Log): Promise<string> {
  const dir = venvDir(spec);
  const marker = join(dir, '.vault-alarm-lab-installed');
  const wanted = spec.requirements.join('\n');
  if (existsSync(marker) && (await readFile(marker, 'utf8')) === wanted) return dir;
  const python = await findPython();
  log(
    `${spec.system}: creating ${dir} with ${python} and installing ${spec.requirements.join(' ')} (minutes, once)`,
  );
  if (!existsSync(join(dir, 'bin', 'python'))) await execa(python, ['-m', 'venv', dir]);
  await execa(join(dir, 'bin', 'pip'), ['install', '--quiet', ...spec.requirements], {
    stdout: 'inherit',
    stderr: 'inherit',
  });
  await writeFile(marker, wanted);
  return dir;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitUntilUp(
  url: string,
  child: ResultPromise,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void child.then(
    () => (exited = true),
    () => (exited = true),
  );
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${what} exited during start-up`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s`);
}

function stopper(child: ResultPromise, cleanup?: () => Promise<void>): () => Promise<void> {
  const exited = child.then(
    () => true,
    () => true,
  );
  const within = (ms: number): Promise<boolean> =>
    Promise.race([exited, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);
  return async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      child.kill('SIGTERM');
      // LocalStack can take a while to shut down, or ignore SIGTERM while busy: then SIGKILL.
      if (!(await within(10_000))) {
        child.kill('SIGKILL');
        await within(5_000);
      }
    }
    await cleanup?.();
  };
}

export async function startMoto(log: Log): Promise<RunningPeer> {
  const dir = await ensureVenv(MOTO, log);
  const port = await freePort();
  const child = execa(join(dir, 'bin', 'moto_server'), ['-H', '127.0.0.1', '-p', String(port)], {
    reject: false,
    stdout: 'ignore',
    stderr: 'ignore',
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${endpoint}/moto-api/`, child, 60_000, 'moto_server');
  log(`moto ${MOTO.version} at ${endpoint}`);
  return { endpoint, version: MOTO.version, stop: stopper(child) };
}

/** LocalStack natively, through the same venv and start-up as the `localstack` target. */
export async function startLocalstack(log: Log): Promise<RunningPeer> {
  const localstack = await startNativeLocalstack({
    onProgress: (event) => {
      if (!event.detail) log(`${event.step}: ${event.message}`);
    },
    startupTimeoutMs: 180_000,
  });
  log(`LocalStack ${LOCALSTACK_VERSION} at ${localstack.endpoint}`);
  return { endpoint: localstack.endpoint, version: LOCALSTACK_VERSION, stop: () => localstack.stop() };
}
