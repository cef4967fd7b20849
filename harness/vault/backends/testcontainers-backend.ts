import { CONTAINER_AUDIT_DIR, VAULT_CONTAINER_PORT } from '../constants.ts';
import { VaultStartError } from '../errors.ts';
import { startContainerBackend } from './container-backend.ts';
import type { BackendServer, TestcontainersVaultOptions } from './types.ts';

/**
 * The Vault image (`hashicorp/vault:1.14.0`, or `VAULT_IMAGE`, or the local build) in dev mode via testcontainers (its reaper removes the container if this
 * process dies). Published on 127.0.0.1 only; the lab's audit directory is bind-mounted at
 * /vault/audit so the shipper tails the log on the host; the container runs as the calling user so
 * the file it writes is ours to read.
 */
export function startTestcontainersBackend(
  options: TestcontainersVaultOptions,
  labDir: string,
): Promise<BackendServer> {
  return startContainerBackend(
    'testcontainers',
    labDir,
    options,
    async ({ auditDir, user, image, banner, startupTimeoutMs }) => {
      const { GenericContainer, Wait } = await import('testcontainers');

      class LoopbackVaultContainer extends GenericContainer {
        // testcontainers publishes on every interface; the lab listens on loopback only.
        protected override async beforeContainerCreated(): Promise<void> {
          this.hostConfig.PortBindings = {
            [`${VAULT_CONTAINER_PORT}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '0' }],
          };
        }
      }

      const container = new LoopbackVaultContainer(image.image)
        // The image's entrypoint adds -config, -dev-listen-address=0.0.0.0:8200 and an empty
        // -dev-root-token-id (so the root token stays a generated one, display_name "root").
        .withCommand(['server', '-dev', '-dev-no-store-token', `-log-level=${options.logLevel ?? 'info'}`])
        .withExposedPorts(VAULT_CONTAINER_PORT)
        .withUser(user)
        .withEnvironment({ SKIP_SETCAP: 'true', SKIP_CHOWN: 'true' })
        .withBindMounts([{ source: auditDir, target: CONTAINER_AUDIT_DIR, mode: 'rw' }])
        .withLogConsumer(banner.consume)
        .withWaitStrategy(Wait.forLogMessage(/Root Token: /))
        .withStartupTimeout(startupTimeoutMs);
      options.onProgress?.({ phase: 'start', message: `starting ${image.image} (testcontainers)` });
      const started = await container.start().catch((error: unknown) => {
        throw new VaultStartError(`the ${image.image} container did not start: ${(error as Error).message}`, {
          cause: error,
        });
      });
      return {
        locate: async () => ({ host: started.getHost(), port: started.getMappedPort(VAULT_CONTAINER_PORT) }),
        stop: async (graceMs) => {
          await started.stop({ timeout: graceMs });
        },
      };
    },
  );
}
