import { chmod, cp, lstat, mkdir, rename, rm, symlink, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { LabError } from '../../errors.ts';
import { runTool } from '../../util/run-tool.ts';
import { findGoToolchain, goEnv } from '../../vault/index.ts';
import type { DockerBuildContext } from './docker-cli.ts';

/**
 * Compose v2 as a Docker CLI plugin (`docker compose`), which testcontainers' compose support and
 * the README's commands use. Debian bookworm ships only the Python docker-compose 1.29, so it is
 * built from its official Go module, like Vault. 2.40.3 is the newest v2 the Go module proxy serves.
 */
export const COMPOSE_MODULE = 'github.com/docker/compose/v2';
export const COMPOSE_VERSION = 'v2.40.3';

/** Where the Docker CLI looks for the user's plugins: `$DOCKER_CONFIG/cli-plugins`, else ~/.docker. */
export function cliPluginPath(env: NodeJS.ProcessEnv): string {
  const config = env['DOCKER_CONFIG'] || join(env['HOME'] || homedir(), '.docker');
  return join(config, 'cli-plugins', 'docker-compose');
}

/** `docker compose version`'s version (v2.x), or undefined when the CLI has no compose plugin. */
export async function composePluginVersion(
  docker: string,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  const result = await execa(docker, ['compose', 'version', '--short'], {
    env,
    reject: false,
    timeout: 20_000,
  });
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}

/**
 * Makes `docker compose` work: nothing to do when the CLI already has a compose v2 plugin; else the
 * plugin built from the module (once, into `<cache>/docker-compose/<version>/`) is linked into the
 * user's CLI plugin directory.
 */
export async function ensureComposePlugin(
  context: DockerBuildContext,
): Promise<{ version: string; built: boolean; path?: string }> {
  const { docker, env, reporter } = context;
  const present = await composePluginVersion(docker, env);
  if (present && !context.force) {
    reporter.note(`docker compose ${present} is already there`);
    return { version: present, built: false };
  }
  const binary = join(context.cacheDir, COMPOSE_VERSION, 'docker-compose');
  const cached = await execa(binary, ['version', '--short'], { env, reject: false });
  let built = false;
  if (cached.exitCode !== 0 || context.force) {
    await buildCompose(binary, context);
    built = true;
  } else reporter.note(`compose ${COMPOSE_VERSION} from the cache: ${binary}`);
  const plugin = cliPluginPath(env);
  await mkdir(dirname(plugin), { recursive: true });
  if (
    await lstat(plugin).then(
      () => true,
      () => false,
    )
  )
    await unlink(plugin);
  await symlink(binary, plugin);
  const version = await composePluginVersion(docker, env);
  if (!version) {
    throw new LabError(
      'LAB_DOCKER_BUILD',
      `linked ${plugin} → ${binary}, but \`docker compose version\` still fails: does this docker CLI read ${dirname(plugin)}?`,
    );
  }
  reporter.note(`docker compose ${version} (plugin ${plugin} → ${binary})`);
  return { version, built, path: binary };
}

/**
 * `go install module/cmd@version` cannot build compose (its go.mod has exclude directives, which
 * `go install pkg@version` refuses), so the module is copied out of the module cache and built there.
 */
async function buildCompose(output: string, context: DockerBuildContext): Promise<void> {
  const { env, reporter } = context;
  const go = await findGoToolchain(env);
  if (!go || 'tooOld' in go) {
    throw new LabError(
      'LAB_DOCKER_BUILD',
      `building the compose plugin needs Go >= 1.24 (${go ? `found ${go.tooOld} at ${go.path}` : 'none found on PATH, $GO or /usr/local/go/bin/go'}); or install a docker compose v2 plugin another way`,
    );
  }
  const run = {
    env: goEnv(env),
    extendEnv: false,
    ...(context.signal ? { cancelSignal: context.signal } : {}),
  };
  reporter.note(`go mod download ${COMPOSE_MODULE}@${COMPOSE_VERSION} (GOPROXY ${go.env.GOPROXY})`);
  const download = await execa(
    go.path,
    ['mod', 'download', '-json', `${COMPOSE_MODULE}@${COMPOSE_VERSION}`],
    {
      ...run,
      reject: false,
    },
  );
  const dir = download.exitCode === 0 ? (JSON.parse(download.stdout) as { Dir?: string }).Dir : undefined;
  if (!dir) {
    throw new LabError(
      'LAB_DOCKER_BUILD',
      `go mod download ${COMPOSE_MODULE}@${COMPOSE_VERSION} failed: ${(download.stderr || download.stdout).split('\n').slice(-3).join(' ')}`,
    );
  }
  const work = join(context.cacheDir, `.build-${process.pid}`);
  await rm(work, { recursive: true, force: true });
  try {
    await cp(dir, work, { recursive: true });
    await chmod(work, 0o755);
    await execa('chmod', ['-R', 'u+w', work]);
    reporter.note(`go build ${COMPOSE_MODULE}/cmd (a first build downloads its modules and takes minutes)`);
    const scratch = join(work, 'docker-compose');
    await runTool(
      go.path,
      [
        'build',
        '-trimpath',
        '-ldflags',
        `-s -w -X ${COMPOSE_MODULE}/internal.Version=${COMPOSE_VERSION}`,
        '-o',
        scratch,
        './cmd',
      ],
      {
        what: `go build of compose ${COMPOSE_VERSION}`,
        errorCode: 'LAB_DOCKER_BUILD',
        reporter,
        env: goEnv(env),
        cwd: work,
        ...(context.signal ? { signal: context.signal } : {}),
      },
    );
    await mkdir(dirname(output), { recursive: true });
    await rename(scratch, output);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
