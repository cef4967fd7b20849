import { createHash } from 'node:crypto';
import { copyFile, cp, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runTool } from '../../util/run-tool.ts';
import { LOCAL_BASE_IMAGE } from '../images.ts';
import { RECIPE_LABEL, imageRecipe } from './docker-cli.ts';
import type { DockerBuildContext } from './docker-cli.ts';

/** docker/ at the repository root: the Dockerfiles of the local images. */
export const DOCKER_DIR = new URL('../../../docker/', import.meta.url);

export interface ContextImage {
  readonly tag: string;
  /** `vault/Dockerfile.local` under docker/. */
  readonly dockerfile: string;
  /** Files from docker/ copied into the context as they are (e.g. the entrypoint). */
  readonly repoFiles: readonly string[];
  /** Host files and directories copied into the context: context name → host path. */
  readonly hostPaths: Readonly<Record<string, string>>;
  /** Paths (relative to a copied directory) left out of the context. */
  readonly exclude?: (path: string) => boolean;
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** Everything else the image depends on, digested into its recipe (versions, base recipe). */
  readonly inputs: unknown;
}

/**
 * Builds an image from a Dockerfile under docker/ and a context assembled from host files, unless
 * the engine already has it with the same recipe (digest of the Dockerfile, the repo files and the
 * inputs). The context lives in a scratch directory removed afterwards.
 */
export async function ensureContextImage(
  image: ContextImage,
  context: DockerBuildContext,
): Promise<{ recipe: string; built: boolean }> {
  const { docker, env, reporter } = context;
  const hash = createHash('sha256');
  for (const file of [image.dockerfile, ...image.repoFiles])
    hash.update(await readFile(new URL(file, DOCKER_DIR)));
  hash.update(JSON.stringify(image.inputs));
  const recipe = hash.digest('hex').slice(0, 16);
  if (!context.force && (await imageRecipe(docker, image.tag, env)) === recipe) {
    reporter.note(`${image.tag} is up to date`);
    return { recipe, built: false };
  }
  const dir = join(context.cacheDir, `context-${image.tag.replace(/[^a-z0-9]+/gi, '-')}-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  try {
    reporter.note(`assembling the build context of ${image.tag}`);
    await copyFile(new URL(image.dockerfile, DOCKER_DIR), join(dir, 'Dockerfile'));
    for (const file of image.repoFiles) {
      await cp(new URL(file, DOCKER_DIR), join(dir, file.split('/').at(-1)!), { preserveTimestamps: true });
    }
    for (const [name, source] of Object.entries(image.hostPaths)) {
      await cp(source, join(dir, name), {
        recursive: true,
        verbatimSymlinks: true,
        preserveTimestamps: true,
        ...(image.exclude ? { filter: (from: string) => !image.exclude!(from.slice(source.length)) } : {}),
      });
    }
    reporter.note(`docker build -t ${image.tag}`);
    const args = Object.entries({ BASE_IMAGE: LOCAL_BASE_IMAGE, ...image.buildArgs }).flatMap(([k, v]) => [
      '--build-arg',
      `${k}=${v}`,
    ]);
    await runTool(
      docker,
      ['build', '--force-rm', '--label', `${RECIPE_LABEL}=${recipe}`, ...args, '-t', image.tag, dir],
      {
        what: `docker build of ${image.tag}`,
        errorCode: 'LAB_DOCKER_BUILD',
        reporter,
        // The classic builder: the buildx plugin is not in Debian's docker.io, and it sends no
        // registry lookups for a local base image.
        env: { ...env, DOCKER_BUILDKIT: '0' },
        ...(context.signal ? { signal: context.signal } : {}),
      },
    );
    return { recipe, built: true };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
