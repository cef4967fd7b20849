import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VAULT_CONTAINER_PORT } from '../constants.ts';
import { VaultStartError } from '../errors.ts';
import { currentUser, startContainerBackend } from './container-backend.ts';
import type { BackendServer, ComposeVaultOptions } from './types.ts';

/** The repository's compose file (Vault 1.14.0 dev + LocalStack). */
export const DEFAULT_COMPOSE_FILE = fileURLToPath(new URL('../../../docker-compose.yml', import.meta.url));

/** Variables the compose file reads; the back-end sets them, a user running `docker compose up` may. */
export function composeEnvironment(
  auditDir: string,
  user: string = currentUser(),
  vaultImage?: string,
): Record<string, string> {
  const [uid = '1000', gid = '1000'] = user.split(':');
  // Port 0: Docker picks a free loopback port, so a lab can run beside another Vault on 8200.
  return {
    LAB_UID: uid,
    LAB_GID: gid,
    LAB_AUDIT_DIR: auditDir,
    VAULT_PORT: '0',
    ...(vaultImage ? { VAULT_IMAGE: vaultImage } : {}),
  };
}

/**
 * The `vault` service of `docker-compose.yml`, brought up under a project name of its own and taken
 * down (with its anonymous volumes) on stop. LocalStack is not started here: the AWS side of the lab
 * decides that.
 */
export function startComposeBackend(options: ComposeVaultOptions, labDir: string): Promise<BackendServer> {
  return startContainerBackend(
    'compose',
    labDir,
    options,
    async ({ auditDir, user, image, banner, startupTimeoutMs }) => {
      const { DockerComposeEnvironment, Wait } = await import('testcontainers');
      const file = resolve(options.composeFile ?? DEFAULT_COMPOSE_FILE);
      options.onProgress?.({ phase: 'start', message: `docker compose -f ${file} up vault` });
      const environment = await new DockerComposeEnvironment(dirname(file), basename(file))
        .withEnvironment(composeEnvironment(auditDir, user, image.image))
        .withWaitStrategy('vault-1', Wait.forLogMessage(/Root Token: /))
        .withStartupTimeout(startupTimeoutMs)
        .up(['vault'])
        .catch((error: unknown) => {
          throw new VaultStartError(
            `docker compose could not start the vault service of ${file}: ${(error as Error).message}`,
            { cause: error },
          );
        });
      return {
        locate: async () => {
          const container = environment.getContainer('vault-1');
          banner.consume(await container.logs());
          return { host: container.getHost(), port: container.getMappedPort(VAULT_CONTAINER_PORT) };
        },
        stop: async (graceMs) => {
          await environment.down({ timeout: graceMs, removeVolumes: true });
        },
      };
    },
  );
}
