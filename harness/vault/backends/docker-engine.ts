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

/** testcontainers' reaper image, as testcontainers 11.9 names it unless RYUK_CONTAINER_IMAGE is set. */
const DEFAULT_REAPER_IMAGE = 'testcontainers/ryuk:0.14.0';

let reaperDecision: Promise<string | undefined> | undefined;

/**
 * testcontainers starts a reaper container (Ryuk) that removes its containers if this process dies.
 * Where its image is absent and cannot be pulled (no registry), starting anything would fail on that
 * pull; then the reaper is turned off (TESTCONTAINERS_RYUK_DISABLED) and the lab's own stop() and exit
 * handlers remove what it started. Returns why it was turned off, once per process.
 */
export function reaperOrNone(): Promise<string | undefined> {
  reaperDecision ??= (async () => {
    if (process.env['TESTCONTAINERS_RYUK_DISABLED'] !== undefined || process.env['RYUK_CONTAINER_IMAGE'])
      return undefined;
    const { getContainerRuntimeClient, ImageName } = await import('testcontainers');
    const client = await getContainerRuntimeClient();
    const image = ImageName.fromString(DEFAULT_REAPER_IMAGE);
    if (await client.image.exists(image)) return undefined;
    const pulled = await client.image.pull(image).then(
      () => true,
      () => false,
    );
    if (pulled) return undefined;
    process.env['TESTCONTAINERS_RYUK_DISABLED'] = 'true';
    return `the engine has no ${DEFAULT_REAPER_IMAGE} (testcontainers' reaper) and cannot pull it: running without it`;
  })();
  return reaperDecision;
}
