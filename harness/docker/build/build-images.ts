import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureLocalstackVenv } from '../../localstack/index.ts';
import { stepReporter } from '../../util/step-progress.ts';
import type { StepProgressListener } from '../../util/step-progress.ts';
import { labCacheDir, resolveVaultBinary } from '../../vault/index.ts';
import { LOCAL_BASE_IMAGE, LOCALSTACK_LAB_IMAGE, VAULT_LAB_IMAGE } from '../images.ts';
import { ensureBaseImage } from './base-image.ts';
import { ensureComposePlugin } from './compose-plugin.ts';
import { ensureContextImage } from './context-image.ts';
import { requireDockerCli } from './docker-cli.ts';

export const DOCKER_BUILD_PARTS = ['compose', 'base', 'vault', 'localstack'] as const;
export type DockerBuildPart = (typeof DOCKER_BUILD_PARTS)[number];

export interface BuildDockerOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly onProgress?: StepProgressListener;
  readonly signal?: AbortSignal;
  /** Rebuild even what is up to date. */
  readonly force?: boolean;
  /** Default: all of them, in order. */
  readonly parts?: readonly DockerBuildPart[];
}

export interface DockerBuildOutcome {
  readonly part: DockerBuildPart;
  /** The image tag, or the compose version. */
  readonly result: string;
  readonly built: boolean;
  readonly durationMs: number;
}

/**
 * What the lab needs to run under Docker where no registry answers: the compose v2 CLI plugin, a
 * Debian base image, and the Vault and LocalStack images built from the lab's own Vault build and
 * LocalStack venv. Each part is skipped when up to date, so a warm run takes seconds.
 */
export async function buildDockerImages(options: BuildDockerOptions = {}): Promise<DockerBuildOutcome[]> {
  const env = options.env ?? process.env;
  const parts = new Set(options.parts ?? DOCKER_BUILD_PARTS);
  const force = options.force === true;
  const signal = options.signal ? { signal: options.signal } : {};
  const docker = await requireDockerCli(env);
  const cacheDir = join(labCacheDir(env), 'docker');
  const outcomes: DockerBuildOutcome[] = [];
  const timed = async (part: DockerBuildPart, body: () => Promise<{ result: string; built: boolean }>) => {
    const started = performance.now();
    const { result, built } = await body();
    outcomes.push({ part, result, built, durationMs: performance.now() - started });
  };

  if (parts.has('compose')) {
    await timed('compose', async () => {
      const plugin = await ensureComposePlugin({
        docker,
        env,
        cacheDir: join(labCacheDir(env), 'docker-compose'),
        reporter: stepReporter('compose plugin', options.onProgress),
        force,
        ...signal,
      });
      return { result: `docker compose ${plugin.version}`, built: plugin.built };
    });
  }
  // The images need the base whether or not it was asked for; it is made (or checked) once.
  let baseImage: Promise<{ recipe: string; built: boolean }> | undefined;
  const base = async (): Promise<string> => {
    baseImage ??= ensureBaseImage({
      docker,
      env,
      cacheDir,
      reporter: stepReporter('base image', options.onProgress),
      force: force && parts.has('base'),
      ...signal,
    });
    return (await baseImage).recipe;
  };
  if (parts.has('base')) {
    await timed('base', async () => {
      await base();
      return { result: LOCAL_BASE_IMAGE, built: (await baseImage!).built };
    });
  }
  const build = { docker, env, cacheDir, force, ...signal };

  if (parts.has('vault')) {
    await timed('vault', async () => {
      const reporter = stepReporter('vault image', options.onProgress);
      const vault = await resolveVaultBinary({
        env,
        onProgress: (event) => reporter.detail(event.message),
        ...signal,
      });
      const binary = await stat(vault.path);
      const outcome = await ensureContextImage(
        {
          tag: VAULT_LAB_IMAGE.local,
          dockerfile: 'vault/Dockerfile.local',
          repoFiles: ['vault/docker-entrypoint.sh'],
          hostPaths: { vault: vault.path },
          inputs: { base: await base(), vault: vault.version, size: binary.size, mtime: binary.mtimeMs },
        },
        { ...build, reporter },
      );
      return { result: VAULT_LAB_IMAGE.local, built: outcome.built };
    });
  }

  if (parts.has('localstack')) {
    await timed('localstack', async () => {
      const reporter = stepReporter('localstack image', options.onProgress);
      const venv = await ensureLocalstackVenv({
        env,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...signal,
      });
      const minor = venv.basePython.version.split('.').slice(0, 2).join('.');
      const outcome = await ensureContextImage(
        {
          tag: LOCALSTACK_LAB_IMAGE.local,
          dockerfile: 'localstack/Dockerfile.local',
          repoFiles: [],
          hostPaths: { python: venv.basePython.prefix, 'site-packages': venv.sitePackages },
          // The interpreter's own test suite and IDLE are a third of its size and never imported.
          exclude: (path) => /^\/lib\/python[\d.]+\/(test|idlelib|tkinter|turtledemo)(\/|$)/.test(path),
          buildArgs: { PYTHON_MINOR: minor },
          inputs: { base: await base(), python: venv.basePython.version, venv: venv.recipe },
        },
        { ...build, reporter },
      );
      return { result: LOCALSTACK_LAB_IMAGE.local, built: outcome.built };
    });
  }
  return outcomes;
}
