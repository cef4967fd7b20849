import { execa } from 'execa';
import { LabError } from '../../errors.ts';
import type { StepReporter } from '../../util/step-progress.ts';
import { findOnPath } from '../../vault/index.ts';

/** What every build step gets: the CLI, the environment, its cache directory, where to report. */
export interface DockerBuildContext {
  readonly docker: string;
  readonly env: NodeJS.ProcessEnv;
  /** Where the step keeps what it downloads or builds (and its scratch directories). */
  readonly cacheDir: string;
  readonly reporter: StepReporter;
  readonly signal?: AbortSignal;
  /** Rebuild even when up to date. */
  readonly force: boolean;
}

/** The label every local image carries: a digest of what it was built from (recipe + inputs). */
export const RECIPE_LABEL = 'org.vault-alarm-lab.recipe';

/** The `docker` CLI, and an engine answering it; otherwise an error saying what to start. */
export async function requireDockerCli(env: NodeJS.ProcessEnv): Promise<string> {
  const docker = await findOnPath('docker', env);
  if (!docker) {
    throw new LabError(
      'LAB_DOCKER_UNAVAILABLE',
      'building the local images needs the docker CLI, which is not on PATH (Debian: apt-get install docker.io)',
    );
  }
  const info = await execa(docker, ['version', '--format', '{{.Server.Version}}'], {
    env,
    reject: false,
    timeout: 20_000,
  });
  if (info.exitCode !== 0) {
    throw new LabError(
      'LAB_DOCKER_UNAVAILABLE',
      `no Docker engine answers the docker CLI (${(info.stderr || info.stdout).split('\n')[0]}); start one (e.g. dockerd as root, or systemctl start docker) or set DOCKER_HOST`,
    );
  }
  return docker;
}

/** The recipe label of a local image, or undefined when the engine does not have it. */
export async function imageRecipe(
  docker: string,
  image: string,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  const result = await execa(
    docker,
    ['image', 'inspect', '--format', `{{ index .Config.Labels "${RECIPE_LABEL}" }}`, image],
    { env, reject: false },
  );
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}
