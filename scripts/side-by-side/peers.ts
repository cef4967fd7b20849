/**
 * The peers measured side by side, natively on a free 127.0.0.1 port: moto from PyPI in a venv of its
 * own in the lab's cache (`<cache>/peers/moto-<version>/`), and LocalStack through
 * harness/localstack, the venv and start-up the `localstack` target uses.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { labCacheDir } from '../../harness/vault/index.ts';
import { findPython, LOCALSTACK_VERSION, startNativeLocalstack } from '../../harness/localstack/index.ts';
import { freeLoopbackPort } from '../../harness/util/free-port.ts';
import { waitFor } from '../../harness/util/wait-for.ts';

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

/** Creates the venv and installs the pinned requirements once; a marker records what was installed. */
export async function ensureVenv(spec: PeerSpec, log: Log): Promise<string> {
  const dir = venvDir(spec);
  const marker = join(dir, '.vault-alarm-lab-installed');
  const wanted = spec.requirements.join('\n');
  if (existsSync(marker) && (await readFile(marker, 'utf8')) === wanted) return dir;
  // moto needs no particular Python; the one LocalStack's venv is made from is known to be there.
  const python = (await findPython()).path;
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

export async function startMoto(log: Log): Promise<RunningPeer> {
  const dir = await ensureVenv(MOTO, log);
  const port = await freeLoopbackPort();
  const child = execa(join(dir, 'bin', 'moto_server'), ['-H', '127.0.0.1', '-p', String(port)], {
    reject: false,
    stdout: 'ignore',
    stderr: 'ignore',
    // Stopping sends SIGTERM; execa follows with SIGKILL when moto is still there 10 s later.
    forceKillAfterDelay: 10_000,
  });
  const endpoint = `http://127.0.0.1:${port}`;
  // A server that exits during start-up is reported at once, not after the whole wait.
  const exited = child.then((result) => {
    throw new Error(`moto_server exited during start-up (exit ${result.exitCode ?? result.signal})`);
  });
  exited.catch(() => undefined);
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM');
    await child;
  };
  try {
    await Promise.race([
      exited,
      waitFor(async () => (await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2_000) })).ok, {
        description: `moto_server answering ${endpoint}/moto-api/`,
        timeoutMs: 60_000,
        intervalMs: 500,
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  log(`moto ${MOTO.version} at ${endpoint}`);
  return { endpoint, version: MOTO.version, stop };
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
