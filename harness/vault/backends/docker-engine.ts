import { VaultBackendUnavailableError } from '../errors.ts';

export type DockerEngineStatus =
  | { readonly available: true; readonly info: string }
  | { readonly available: false; readonly reason: string };

let probe: Promise<DockerEngineStatus> | undefined;

/**
 * Whether a Docker (or compatible) engine answers, asked the way testcontainers asks (DOCKER_HOST,
 * ~/.testcontainers.properties, the default socket...). Memoised per process.
 */
export function dockerEngineStatus(): Promise<DockerEngineStatus> {
  probe ??= (async () => {
    try {
      const { getContainerRuntimeClient } = await import('testcontainers');
      const client = await getContainerRuntimeClient();
      return {
        available: true,
        info: `${client.info.containerRuntime.host} (server version ${client.info.containerRuntime.serverVersion})`,
      };
    } catch (error) {
      const message = (error as Error).message.split('\n')[0] ?? String(error);
      return { available: false, reason: `no Docker engine answers (${message})` };
    }
  })();
  return probe;
}

export async function requireDockerEngine(backend: string): Promise<void> {
  const status = await dockerEngineStatus();
  if (!status.available) {
    throw new VaultBackendUnavailableError(
      `the ${backend} back-end needs a running Docker engine: ${status.reason}. Start Docker (or set DOCKER_HOST), or use --backend process.`,
    );
  }
}
