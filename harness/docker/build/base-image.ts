import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LabError } from '../../errors.ts';
import { runTool } from '../../util/run-tool.ts';
import { findOnPath } from '../../vault/index.ts';
import { LOCAL_BASE_IMAGE } from '../images.ts';
import { RECIPE_LABEL, imageRecipe } from './docker-cli.ts';
import type { DockerBuildContext } from './docker-cli.ts';

const SUITE = 'bookworm';

/**
 * What the base has besides minbase: curl and CA certificates (LocalStack's health check), and the
 * shared libraries a CPython built by pyenv links against (ssl, ffi, sqlite, bz2, readline, uuid).
 */
const EXTRA_PACKAGES = [
  'ca-certificates',
  'curl',
  'libssl3',
  'libffi8',
  'libsqlite3-0',
  'libbz2-1.0',
  'libreadline8',
  'libncursesw6',
  'libuuid1',
  'liblzma5',
  'zlib1g',
] as const;

/** The recipe digest: the suite, the packages and the mirror decide what the root file system holds. */
function baseRecipe(mirror: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ suite: SUITE, variant: 'minbase', packages: EXTRA_PACKAGES, mirror }))
    .digest('hex')
    .slice(0, 16);
}

/**
 * The Debian bookworm base image: `debootstrap --variant=minbase` into a scratch directory, packed
 * into a tarball kept in the lab's cache (about 2 minutes and 100 MB the first time), then `docker
 * import`ed. Warm: nothing happens when the image carries this recipe; an engine without the image
 * imports the cached tarball in seconds.
 */
export async function ensureBaseImage(
  context: DockerBuildContext,
): Promise<{ recipe: string; built: boolean }> {
  const { docker, env, reporter } = context;
  const mirror = await debianMirror(env);
  const recipe = baseRecipe(mirror);
  if (!context.force && (await imageRecipe(docker, LOCAL_BASE_IMAGE, env)) === recipe) {
    reporter.note(`${LOCAL_BASE_IMAGE} is up to date`);
    return { recipe, built: false };
  }
  const tarball = join(context.cacheDir, `debian-${SUITE}-minbase-${recipe}.tar`);
  const cached = await stat(tarball).then(
    (s) => s.size > 0,
    () => false,
  );
  if (!cached || context.force) await debootstrapTarball(tarball, mirror, context);
  else reporter.note(`root file system from the cache: ${tarball}`);
  reporter.note(`docker import ${tarball} ${LOCAL_BASE_IMAGE}`);
  await runTool(
    docker,
    [
      'import',
      '--change',
      `LABEL ${RECIPE_LABEL}=${recipe}`,
      '--change',
      'CMD ["/bin/bash"]',
      '-',
      LOCAL_BASE_IMAGE,
    ],
    {
      what: `docker import of ${tarball}`,
      errorCode: 'LAB_DOCKER_BUILD',
      reporter,
      env,
      inputFile: tarball,
      ...(context.signal ? { signal: context.signal } : {}),
    },
  );
  return { recipe, built: true };
}

async function debootstrapTarball(
  tarball: string,
  mirror: string,
  context: DockerBuildContext,
): Promise<void> {
  const { env, reporter } = context;
  const debootstrap = (await findOnPath('debootstrap', env)) ?? '/usr/sbin/debootstrap';
  if (
    !(await stat(debootstrap).then(
      () => true,
      () => false,
    ))
  ) {
    throw new LabError(
      'LAB_DOCKER_BUILD',
      'building the base image needs debootstrap (Debian: apt-get install debootstrap), which was not found',
    );
  }
  if (process.getuid?.() !== 0) {
    throw new LabError(
      'LAB_DOCKER_BUILD',
      'debootstrap needs root to build the base image: run `vault-alarm-lab docker build` as root (e.g. sudo), or pull the official images instead',
    );
  }
  await mkdir(context.cacheDir, { recursive: true });
  const rootfs = join(context.cacheDir, `.rootfs-${process.pid}`);
  await rm(rootfs, { recursive: true, force: true });
  try {
    reporter.note(
      `debootstrap --variant=minbase ${SUITE} from ${mirror} (a first build takes a few minutes)`,
    );
    await runTool(
      debootstrap,
      ['--variant=minbase', `--include=${EXTRA_PACKAGES.join(',')}`, SUITE, rootfs, mirror],
      {
        what: `debootstrap ${SUITE}`,
        errorCode: 'LAB_DOCKER_BUILD',
        hint: `the Debian mirror ${mirror} must be reachable (DEBIAN_MIRROR chooses another)`,
        reporter,
        env,
        ...(context.signal ? { signal: context.signal } : {}),
      },
    );
    // apt's lists and the downloaded packages are not needed in the image.
    for (const dir of ['var/cache/apt/archives', 'var/lib/apt/lists']) {
      for (const entry of await readdir(join(rootfs, dir)).catch(() => [] as string[])) {
        if (entry.endsWith('.deb') || entry.endsWith('_Packages') || entry.endsWith('Release'))
          await rm(join(rootfs, dir, entry), { force: true });
      }
    }
    const scratch = `${tarball}.${process.pid}`;
    reporter.note(`packing the root file system into ${tarball}`);
    await runTool('tar', ['--numeric-owner', '-C', rootfs, '-cf', scratch, '.'], {
      what: 'tar of the debootstrap root file system',
      errorCode: 'LAB_DOCKER_BUILD',
      reporter,
      env,
    });
    await rename(scratch, tarball);
  } finally {
    await rm(rootfs, { recursive: true, force: true });
  }
}

/**
 * The Debian mirror: DEBIAN_MIRROR, else the first `deb.debian.org`-style URI apt itself uses
 * (deb822 `.sources` or `sources.list`), else deb.debian.org.
 */
export async function debianMirror(env: NodeJS.ProcessEnv): Promise<string> {
  if (env['DEBIAN_MIRROR']) return env['DEBIAN_MIRROR'];
  const files = [
    ...(await readdir('/etc/apt/sources.list.d').catch(() => [] as string[]))
      .filter((f) => f.endsWith('.sources') || f.endsWith('.list'))
      .map((f) => join('/etc/apt/sources.list.d', f)),
    '/etc/apt/sources.list',
  ];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => '');
    const uri =
      /^URIs:\s*(\S+)/m.exec(text)?.[1] ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s/m.exec(text)?.[1];
    if (uri && !uri.includes('security')) return uri;
  }
  return 'http://deb.debian.org/debian';
}
