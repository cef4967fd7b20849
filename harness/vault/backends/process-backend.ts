import { join } from 'node:path';
import { resolveVaultBinary } from '../binary/resolve.ts';
import { startDevServerProcess } from '../server/dev-server-process.ts';
import type { BackendServer, ProcessVaultOptions } from './types.ts';

/** `vault server -dev` as a child process; the audit log is written straight into the lab dir. */
export async function startProcessBackend(
  options: ProcessVaultOptions,
  labDir: string,
): Promise<BackendServer> {
  const env = options.env ?? process.env;
  const binary =
    options.vaultBinary ??
    (
      await resolveVaultBinary({
        env,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      })
    ).path;
  const server = await startDevServerProcess({
    binary,
    labDir,
    env,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    ...(options.startupTimeoutMs !== undefined ? { startupTimeoutMs: options.startupTimeoutMs } : {}),
    ...(options.stopGraceMs !== undefined ? { stopGraceMs: options.stopGraceMs } : {}),
    ...(options.guard ? { guard: options.guard } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const auditDir = join(labDir, 'audit');
  return {
    backend: 'process',
    address: server.address,
    rootToken: server.banner.rootToken,
    unsealKey: server.banner.unsealKey,
    serverLogPath: server.serverLogPath,
    pid: server.pid,
    audit: { hostDir: auditDir, serverDir: auditDir },
    exited: server.exited.then((exit) =>
      exit.signal
        ? `Vault pid ${server.pid} was killed by ${exit.signal}`
        : `Vault pid ${server.pid} exited with code ${exit.exitCode}`,
    ),
    stop: async () => {
      await server.stop();
    },
  };
}
