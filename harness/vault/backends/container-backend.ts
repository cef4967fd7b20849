import { chmod, chown, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { engineHasImage, missingImageHint, resolveLabImage, VAULT_LAB_IMAGE } from '../../docker/images.ts';
import type { ResolvedImage } from '../../docker/images.ts';
import { CONTAINER_AUDIT_DIR } from '../constants.ts';
import { VaultStartError } from '../errors.ts';
import { ContainerBanner } from './container-banner.ts';
import { reaperOrNone, requireDockerEngine } from './docker-engine.ts';
import type { BackendServer, ComposeVaultOptions, TestcontainersVaultOptions } from './types.ts';

/** Default start-up budget of a container back-end: the image may need pulling first. */
const CONTAINER_STARTUP_TIMEOUT_MS = 120_000;

/** How long the dev banner may take to show in the log once the container reports started. */
const BANNER_TIMEOUT_MS = 10_000;

const DEFAULT_STOP_GRACE_MS = 10_000;

/** What a Docker back-end gets to start its container with. */
export interface ContainerLaunch {
  /** Host directory to bind-mount at CONTAINER_AUDIT_DIR (created owner-only). */
  readonly auditDir: string;
  /** `uid:gid` to run the container as: it owns the audit directory. */
  readonly user: string;
  /** The Vault image (VAULT_IMAGE, the official tag, or the local build; see resolveLabImage). */
  readonly image: ResolvedImage;
  /** Feed it the container log: it copies it to the server log and finds the secrets. */
  readonly banner: ContainerBanner;
  readonly startupTimeoutMs: number;
}

/** A started container (or compose project), as the back-end hands it back. */
export interface LaunchedContainer {
  /** Where the API port is published on this host. */
  locate(): Promise<{ readonly host: string; readonly port: number }>;
  /** Removes the container (or the project, with its anonymous volumes). */
  stop(graceMs: number): Promise<void>;
}

/**
 * The part the two Docker back-ends (testcontainers, compose) share: a Docker engine must answer, the
 * audit directory is prepared for the bind mount, and once `launch` has started the container its
 * published port and the dev banner (root token, unseal key) are read. If that fails the container
 * is removed before the error propagates, so a failed start leaves nothing behind.
 */
export async function startContainerBackend(
  backend: 'testcontainers' | 'compose',
  labDir: string,
  options: TestcontainersVaultOptions | ComposeVaultOptions,
  launch: (context: ContainerLaunch) => Promise<LaunchedContainer>,
): Promise<BackendServer> {
  await requireDockerEngine(backend);
  const noReaper = await reaperOrNone();
  if (noReaper) options.onProgress?.({ phase: 'start', message: noReaper });
  const auditDir = join(labDir, 'audit');
  await mkdir(auditDir, { recursive: true });
  await chmod(auditDir, 0o700);
  const owner = await containerOwner(auditDir);
  const user = owner ? `${owner.uid}:${owner.gid}` : currentUser();
  const image = await resolveLabImage(VAULT_LAB_IMAGE, engineHasImage, options.env ?? process.env);
  options.onProgress?.({
    phase: 'start',
    message: `Vault image ${image.image} (${IMAGE_SOURCES[image.source]})`,
  });
  const banner = new ContainerBanner(join(labDir, 'vault-server.log'));
  const container = await launch({
    auditDir,
    user,
    image,
    banner,
    startupTimeoutMs: options.startupTimeoutMs ?? CONTAINER_STARTUP_TIMEOUT_MS,
  }).catch((error: unknown) => {
    if (image.source !== 'pull') throw error;
    throw new VaultStartError(`${(error as Error).message}; ${missingImageHint(VAULT_LAB_IMAGE)}`, {
      cause: error,
    });
  });
  const graceMs = options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
  try {
    const published = await container.locate();
    const secrets = await banner.wait(BANNER_TIMEOUT_MS);
    // The port is published on the engine's 127.0.0.1 only. testcontainers' own guess (getHost) is
    // "localhost", which can resolve to ::1, or, when this process runs inside a container
    // (/.dockerenv), the bridge gateway, which a loopback-only port never answers on.
    const host = '127.0.0.1';
    return {
      backend,
      address: `http://${host}:${published.port}`,
      rootToken: secrets.rootToken,
      unsealKey: secrets.unsealKey,
      serverLogPath: banner.serverLogPath,
      pid: undefined,
      audit: { hostDir: auditDir, serverDir: CONTAINER_AUDIT_DIR, ...(owner ? { owner } : {}) },
      stop: () => container.stop(graceMs),
    };
  } catch (error) {
    await container.stop(graceMs).catch(() => undefined);
    throw error;
  }
}

const IMAGE_SOURCES: Record<ResolvedImage['source'], string> = {
  variable: 'from VAULT_IMAGE',
  official: 'the official image',
  local: "the local build of 'vault-alarm-lab docker build'",
  pull: 'not present: pulling it',
};

/** The image's `vault` user (official image and local build alike). */
const IMAGE_VAULT_USER = { uid: 100, gid: 1000 } as const;

/** `uid:gid` of this process: the container runs as it, so the audit file it writes is ours to read. */
export function currentUser(): string {
  const uid = process.getuid?.() ?? 1000;
  const gid = process.getgid?.() ?? 1000;
  return `${uid}:${gid}`;
}

/**
 * The container runs as this process's user, so the audit log is ours to read; undefined then. Root
 * is the exception: the image's entrypoint drops root to its `vault` user, which could not write the
 * owner-only audit directory; so the container runs as that user, who gets the directory (root
 * reads the log anyway). Returns that owner.
 */
async function containerOwner(auditDir: string): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  await chown(auditDir, IMAGE_VAULT_USER.uid, IMAGE_VAULT_USER.gid);
  return IMAGE_VAULT_USER;
}
