import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { LabError } from '../errors.ts';
import { runTool } from '../util/run-tool.ts';
import { stepReporter } from '../util/step-progress.ts';
import type { StepProgressListener } from '../util/step-progress.ts';
import { acquireBuildLock, findOnPath, labCacheDir } from '../vault/index.ts';
import { LOCALSTACK_VERSION } from './version.ts';

/**
 * What the venv gets. localstack-core needs Python >= 3.12 although its metadata says less; the
 * upper pins keep releases out that its 4.14.0 code does not run with (cbor2 6 changed its API,
 * pyOpenSSL 25 and cryptography 45 dropped what its TLS helpers call).
 */
export const LOCALSTACK_REQUIREMENTS = [
  `localstack-core[runtime]==${LOCALSTACK_VERSION}`,
  'cbor2<6',
  'pyopenssl<25',
  'cryptography<45',
  'service-identity',
] as const;

/** Overrides the Python the venv is made with (a python3.12 or newer). */
export const LOCALSTACK_PYTHON_ENV = 'LOCALSTACK_PYTHON';

const MINIMUM_PYTHON: readonly [number, number] = [3, 12];

export interface LocalstackVenv {
  /** The venv's python: run LocalStack with `python -m localstack.runtime.main`. */
  readonly python: string;
  readonly dir: string;
  /** `lib/pythonX.Y/site-packages` inside the venv (the LocalStack image copies it). */
  readonly sitePackages: string;
  /** The interpreter the venv was made from, and its prefix (the image copies it too). */
  readonly basePython: { readonly path: string; readonly prefix: string; readonly version: string };
  /** Digest of what the venv was made from (Python minor version, requirements). */
  readonly recipe: string;
  /** False when a valid venv was already in the cache. */
  readonly created: boolean;
}

interface VenvRecord {
  readonly recipe: string;
  readonly basePython: LocalstackVenv['basePython'];
}

export interface EnsureVenvOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly onProgress?: StepProgressListener;
  readonly signal?: AbortSignal;
}

export function localstackCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(labCacheDir(env), 'localstack', LOCALSTACK_VERSION);
}

/**
 * The LocalStack venv in the lab's cache (`<cache>/localstack/4.14.0/venv`), created once with pip
 * (progress reported: a cold install downloads about 200 packages), under a lock so concurrent runs
 * wait for one install. The venv is built in a scratch directory and renamed into place, so a
 * half-made venv is never where it is looked for.
 */
export async function ensureLocalstackVenv(options: EnsureVenvOptions = {}): Promise<LocalstackVenv> {
  const env = options.env ?? process.env;
  const root = localstackCacheDir(env);
  const dir = join(root, 'venv');
  const report = stepReporter('localstack venv', options.onProgress);
  const existing = await readRecord(dir);
  const base = existing?.basePython ?? (await findPython(env));
  const recipe = recipeOf(base.version);
  if (existing?.recipe === recipe) return venvAt(dir, existing, false);

  await mkdir(root, { recursive: true });
  const release = await acquireBuildLock(join(root, 'venv.lock'), {
    onWait: (holder) => report.note(`waiting for another install (pid ${holder?.pid ?? '?'})`),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    const again = await readRecord(dir);
    if (again?.recipe === recipe) return venvAt(dir, again, false);
    const scratch = join(root, `.venv-${process.pid}`);
    await rm(scratch, { recursive: true, force: true });
    report.note(`creating a venv with Python ${base.version} (${base.path}) at ${dir}`);
    await runTool(base.path, ['-m', 'venv', scratch], {
      what: `${base.path} -m venv`,
      errorCode: 'LAB_LOCALSTACK_VENV',
      reporter: report,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    report.note(`pip install ${LOCALSTACK_REQUIREMENTS.join(' ')} (a first install takes minutes)`);
    await runTool(
      join(scratch, 'bin', 'python'),
      [
        '-m',
        'pip',
        'install',
        '--progress-bar',
        'off',
        '--disable-pip-version-check',
        ...LOCALSTACK_REQUIREMENTS,
      ],
      {
        what: `pip install localstack-core ${LOCALSTACK_VERSION}`,
        errorCode: 'LAB_LOCALSTACK_VENV',
        hint: 'PyPI must be reachable (PIP_INDEX_URL is honoured)',
        reporter: report,
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
    // The venv's python finds its packages from its own location, so the rename keeps it working;
    // only the scripts' shebang lines still name the scratch path, and LocalStack runs as `python -m`.
    await rm(dir, { recursive: true, force: true });
    await rename(scratch, dir);
    const record: VenvRecord = { recipe, basePython: base };
    await writeFile(join(dir, 'vault-alarm-lab.json'), JSON.stringify(record, null, 2) + '\n');
    report.note(`LocalStack ${LOCALSTACK_VERSION} installed in ${dir}`);
    return venvAt(dir, record, true);
  } finally {
    await release();
  }
}

function recipeOf(pythonVersion: string): string {
  const minor = pythonVersion.split('.').slice(0, 2).join('.');
  return createHash('sha256')
    .update(JSON.stringify({ minor, requirements: LOCALSTACK_REQUIREMENTS }))
    .digest('hex')
    .slice(0, 16);
}

async function readRecord(dir: string): Promise<VenvRecord | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, 'vault-alarm-lab.json'), 'utf8')) as VenvRecord;
  } catch {
    return undefined;
  }
}

function venvAt(dir: string, { recipe, basePython }: VenvRecord, created: boolean): LocalstackVenv {
  const minor = basePython.version.split('.').slice(0, 2).join('.');
  return {
    python: join(dir, 'bin', 'python'),
    dir,
    sitePackages: join(dir, 'lib', `python${minor}`, 'site-packages'),
    basePython,
    recipe,
    created,
  };
}

/**
 * A Python >= 3.12: `LOCALSTACK_PYTHON`, else the newest 3.12+ under pyenv (`$PYENV_ROOT/versions`),
 * else `python3.13` / `python3.12` / `python3` on PATH.
 */
export async function findPython(
  env: NodeJS.ProcessEnv = process.env,
): Promise<LocalstackVenv['basePython']> {
  const explicit = env[LOCALSTACK_PYTHON_ENV];
  const pyenvRoot = env['PYENV_ROOT'] || join(env['HOME'] || homedir(), '.pyenv');
  const pyenv = await readdir(join(pyenvRoot, 'versions')).catch(() => [] as string[]);
  const candidates = explicit
    ? [explicit]
    : [
        ...pyenv
          .filter((v) => /^3\.\d+\.\d+$/.test(v))
          .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
          .map((v) => join(pyenvRoot, 'versions', v, 'bin', 'python3')),
        'python3.13',
        'python3.12',
        'python3',
      ];
  const seen: string[] = [];
  for (const candidate of candidates) {
    const probe = await execa(
      candidate,
      ['-c', 'import sys; print(sys.version.split()[0]); print(sys.prefix)'],
      {
        reject: false,
        timeout: 10_000,
        env,
      },
    );
    if (probe.exitCode !== 0) continue;
    const [version = '', prefix = ''] = probe.stdout.split('\n');
    const [major = 0, minor = 0] = version.split('.').map(Number);
    seen.push(`${candidate} (${version})`);
    if (major > MINIMUM_PYTHON[0] || (major === MINIMUM_PYTHON[0] && minor >= MINIMUM_PYTHON[1])) {
      const path = candidate.includes('/') ? candidate : ((await findOnPath(candidate, env)) ?? candidate);
      return { path, prefix, version };
    }
  }
  throw new LabError(
    'LAB_LOCALSTACK_PYTHON',
    `LocalStack ${LOCALSTACK_VERSION} needs Python ${MINIMUM_PYTHON.join('.')} or newer; ${
      seen.length > 0 ? `found only ${seen.join(', ')}` : 'found none'
    }. Install one (e.g. pyenv install 3.13) or set ${LOCALSTACK_PYTHON_ENV} to its path.`,
  );
}
