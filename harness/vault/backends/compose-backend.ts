import { chmod, mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTAINER_AUDIT_DIR, VAULT_CONTAINER_PORT } from '../constants.ts';
import { VaultStartError } from '../errors.ts';
import { ContainerBanner } from './container-banner.ts';
import { requireDockerEngine } from './docker-engine.ts';
import { currentUser } from './testcontainers-backend.ts';
import type { BackendServer, StartVaultOptions } from './types.ts';

/** The repository's compose file (Vault 1.14.0 dev + LocalStack). */
export const DEFAULT_COMPOSE_FILE = fileURLToPath(new URL('../../../docker-compose.yml', import.meta.url));

/** Variables the compose file reads; the back-end sets them, a user running `docker compose up` may. */
export function composeEnvironment(auditDir: string): Record<string, string> {
  const [uid = '1000', gid = '1000'] = currentUser().split(':');
  // Port 0: Docker picks a free loopback port, so a lab can run beside another Vault on 8200.
  return { LAB_UID: uid, LAB_GID: gid, LAB_AUDIT_DIR: auditDir, VAULT_PORT: '0' };
}

/**
 * The `vault` service of `docker-compose.yml`, brought up under a project name of its own and taken
 * down (with its anonymous volumes) on stop. LocalStack is not started here: the AWS side of the lab
 * decides that.
 */
export async function startComposeBackend(
  options: StartVaultOptions,
  labDir: string,
): Promise<BackendServer> {
  await requireDockerEngine('compose');
  const { DockerComposeEnvironment, Wait } = await import('testcontainers');
  const file = resolve(options.composeFile ?? DEFAULT_COMPOSE_FILE);
  const auditDir = join(labDir, 'audit');
  await mkdir(auditDir, { recursive: true });
  await chmod(auditDir, 0o700);
  const timeoutMs = options.startupTimeoutMs ?? 120_000;
  options.onProgress?.({ phase: 'start', message: `docker compose -f ${file} up vault` });
  const environment = await new DockerComposeEnvironment(dirname(file), basename(file))
    .withEnvironment(composeEnvironment(auditDir))
    .withWaitStrategy('vault-1', Wait.forLogMessage(/Root Token: /))
    .withStartupTimeout(timeoutMs)
    .up(['vault'])
    .catch((error: unknown) => {
      throw new VaultStartError(
        `docker compose could not start the vault service of ${file}: ${(error as Error).message}`,
        { cause: error },
      );
    });
  try {
    const container = environment.getContainer('vault-1');
    const banner = new ContainerBanner(join(labDir, 'vault-server.log'));
    banner.consume(await container.logs());
    const secrets = await banner.wait(10_000);
    const host = container.getHost() === 'localhost' ? '127.0.0.1' : container.getHost();
    return {
      backend: 'compose',
      address: `http://${host}:${container.getMappedPort(VAULT_CONTAINER_PORT)}`,
      rootToken: secrets.rootToken,
      unsealKey: secrets.unsealKey,
      serverLogPath: banner.serverLogPath,
      pid: undefined,
      audit: { hostDir: auditDir, serverDir: CONTAINER_AUDIT_DIR },
      stop: async () => {
        await environment.down({ timeout: options.stopGraceMs ?? 10_000, removeVolumes: true });
      },
    };
  } catch (error) {
    await environment.down().catch(() => undefined);
    throw error;
  }
}
