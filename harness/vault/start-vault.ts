import { chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, posix, resolve } from 'node:path';
import { ConfigError, LabError } from '../errors.ts';
import { createLogger, redact } from '../util/logger.ts';
import { enableFileAudit } from './audit/file-audit-device.ts';
import type { EnabledFileAudit, FileAuditOptions } from './audit/file-audit-device.ts';
import type {
  BackendServer,
  DevVaultOptions,
  LabVault,
  StartedVault,
  StartVaultOptions,
  VaultBackendName,
} from './backends/types.ts';
import { VAULT_BACKENDS } from './backends/types.ts';
import { VaultClient } from './client/vault-client.ts';
import { waitUntilUnsealed } from './client/wait-until-unsealed.ts';
import { AUDIT_LOG_FILE_NAME } from './constants.ts';
import { VaultStartError } from './errors.ts';

const log = createLogger('lab:vault');

/** Banner plus health, process back-end (containers bring their own, longer default). */
const DEFAULT_STARTUP_TIMEOUT_MS = 60_000;

/**
 * Starts a Vault 1.14.0 dev server on the chosen back-end, waits until it is healthy and unsealed,
 * enables the file audit device (unless `audit: false`) and waits for its probe line, then hands back
 * one handle: address, root token, unseal key, audit log path, a root client, and `stop()`.
 */
export function startVault(
  options?: DevVaultOptions & { audit?: true | FileAuditOptions },
): Promise<LabVault>;
export function startVault(options: StartVaultOptions): Promise<StartedVault>;
export async function startVault(options: StartVaultOptions = {}): Promise<StartedVault> {
  const backend = options.backend ?? 'process';
  if (!VAULT_BACKENDS.includes(backend)) {
    throw new ConfigError(
      `Vault back-end: expected one of ${VAULT_BACKENDS.join(', ')}, got ${JSON.stringify(backend)}`,
    );
  }
  const auditOptions: FileAuditOptions | undefined =
    options.audit === false
      ? undefined
      : options.audit === true || options.audit === undefined
        ? {}
        : options.audit;
  if (auditOptions?.filePath !== undefined && (backend === 'testcontainers' || backend === 'compose')) {
    throw new ConfigError(
      `audit.filePath cannot be set with the ${backend} back-end: the log is always <labDir>/audit/${AUDIT_LOG_FILE_NAME} on the host`,
    );
  }
  const started = performance.now();
  const createdLabDir = options.labDir === undefined;
  const labDir = createdLabDir ? await mkdtemp(join(tmpdir(), 'vault-alarm-lab-')) : resolve(options.labDir!);
  await mkdir(labDir, { recursive: true, mode: 0o700 });

  let server: BackendServer | undefined;
  try {
    server = await startBackend(options, labDir);
    const client = new VaultClient({ address: server.address, token: server.rootToken });
    await waitUntilUnsealed(client, {
      timeoutMs: options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    options.onProgress?.({
      phase: 'ready',
      message: `Vault ready at ${server.address}`,
      elapsedMs: performance.now() - started,
    });
    log(`ready at ${server.address} (${backend}), root token ${redact(server.rootToken)}`);

    let audit: EnabledFileAudit | undefined;
    if (auditOptions) {
      const serverPath = auditOptions.filePath ?? posix.join(server.audit.serverDir, AUDIT_LOG_FILE_NAME);
      const hostPath = auditOptions.filePath ?? join(server.audit.hostDir, AUDIT_LOG_FILE_NAME);
      audit = await enableFileAudit(client, { hostPath, serverPath }, auditOptions);
      options.onProgress?.({
        phase: 'audit',
        message: `file audit device "${audit.devicePath}" writing ${hostPath}`,
        elapsedMs: performance.now() - started,
      });
    }
    return startedHandle({
      backend,
      server,
      client,
      labDir,
      audit,
      removeLabDir: createdLabDir && !options.keepLabDir,
      options,
    });
  } catch (error) {
    // The error carries the last lines of the server output; a temp lab dir goes unless kept.
    await server?.stop().catch(() => undefined);
    if (createdLabDir && !options.keepLabDir) await rm(labDir, { recursive: true, force: true });
    if (error instanceof LabError) throw error;
    throw new VaultStartError(`starting Vault (${backend}) failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function startBackend(options: StartVaultOptions, labDir: string): Promise<BackendServer> {
  switch (options.backend) {
    case undefined:
    case 'process':
      return (await import('./backends/process-backend.ts')).startProcessBackend(options, labDir);
    case 'external':
      return (await import('./backends/external-backend.ts')).startExternalBackend(options, labDir);
    case 'testcontainers':
      return (await import('./backends/testcontainers-backend.ts')).startTestcontainersBackend(
        options,
        labDir,
      );
    case 'compose':
      return (await import('./backends/compose-backend.ts')).startComposeBackend(options, labDir);
  }
}

function startedHandle(init: {
  backend: VaultBackendName;
  server: BackendServer;
  client: VaultClient;
  labDir: string;
  audit: EnabledFileAudit | undefined;
  removeLabDir: boolean;
  options: StartVaultOptions;
}): StartedVault {
  const { server, client, audit, options } = init;
  let stopping: Promise<void> | undefined;
  // Only an exit nobody asked for counts: after stop() began, this never settles.
  const unexpectedExit = server.exited?.then((description) =>
    stopping ? new Promise<string>(() => undefined) : description,
  );
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const began = performance.now();
      options.onProgress?.({ phase: 'stop', message: `stopping Vault at ${server.address}` });
      // An external server is left as it was found: without the device the lab added.
      if (init.backend === 'external' && audit)
        await client.auditDisable(audit.devicePath).catch(() => undefined);
      await server.stop();
      if (init.removeLabDir) await rm(init.labDir, { recursive: true, force: true });
      options.onProgress?.({ phase: 'stop', message: 'Vault stopped', elapsedMs: performance.now() - began });
    })();
    return stopping;
  };
  return {
    backend: init.backend,
    address: server.address,
    rootToken: server.rootToken,
    unsealKey: server.unsealKey,
    labDir: init.labDir,
    auditLogPath: audit?.hostPath,
    auditServerPath: audit?.serverPath,
    auditDevice: audit?.devicePath,
    serverLogPath: server.serverLogPath,
    pid: server.pid,
    client,
    unexpectedExit,
    async scratchDir(prefix) {
      const { hostDir, serverDir, owner } = server.audit;
      await mkdir(hostDir, { recursive: true, mode: 0o700 });
      const hostPath = await mkdtemp(join(hostDir, prefix));
      if (owner) await chown(hostPath, owner.uid, owner.gid);
      return { hostPath, serverPath: posix.join(serverDir, basename(hostPath)) };
    },
    seal: () => client.seal(),
    unseal: async () => {
      if (server.unsealKey === undefined) {
        throw new ConfigError(
          `cannot unseal the ${init.backend} Vault at ${server.address}: its unseal key is not known to the lab`,
        );
      }
      const status = await client.unseal(server.unsealKey);
      if (status.sealed)
        throw new VaultStartError(
          `Vault at ${server.address} is still sealed after the unseal key was accepted`,
        );
    },
    stop,
    [Symbol.asyncDispose]: stop,
    toString: () => `StartedVault(${init.backend}, ${server.address}, audit ${audit?.hostPath ?? 'off'})`,
  } as StartedVault;
}
