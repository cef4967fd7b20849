/**
 * The Vault part of the lab: find or build the Vault 1.14.0 binary, run a dev server on one of four
 * back-ends with the file audit device on, and talk to it through a typed, one-identity client.
 */
export { startVault } from './start-vault.ts';
export type {
  ComposeVaultOptions,
  DevVaultOptions,
  ExternalVaultOptions,
  LabVault,
  ProcessVaultOptions,
  StartedVault,
  StartVaultOptions,
  TestcontainersVaultOptions,
  VaultBackendName,
} from './backends/types.ts';
export { requireLabVault } from './lab-vault.ts';
export { VAULT_BACKENDS } from './backends/types.ts';
export { dockerEngineStatus, reaperOrNone } from './backends/docker-engine.ts';
export type { DockerEngineStatus } from './backends/docker-engine.ts';
export { DEFAULT_COMPOSE_FILE, composeEnvironment } from './backends/compose-backend.ts';

export { resolveVaultBinary, VAULT_BIN_ENV } from './binary/resolve.ts';
export type { ResolvedVaultBinary, ResolveVaultBinaryOptions, VaultBinarySource } from './binary/resolve.ts';
export { buildVault, checkCachedVault } from './binary/build.ts';
export type { BuildVaultOptions, BuildVaultResult } from './binary/build.ts';
export { labCacheDir, vaultCachePaths, CACHE_DIR_ENV } from './binary/cache-dir.ts';
export { acquireBuildLock } from './binary/build-lock.ts';
export { findGoToolchain, findOnPath, goEnv } from './binary/go-toolchain.ts';
export type { VaultCachePaths } from './binary/cache-dir.ts';
export type { VaultBuildMetadata } from './binary/build-metadata.ts';
export { parseVaultVersion, probeVaultBinary } from './binary/probe.ts';
export type { VaultVersionInfo } from './binary/probe.ts';

export { startDevServerProcess } from './server/dev-server-process.ts';
export type {
  DevServerProcess,
  DevServerProcessOptions,
  DevServerExit,
} from './server/dev-server-process.ts';
export { guardCommand } from './server/child-guard.ts';
export type { ChildGuardKind } from './server/child-guard.ts';
export type { VaultLogLevel } from './server/dev-server-args.ts';

export { VaultClient } from './client/vault-client.ts';
export type { HttpMethod, VaultClientOptions } from './client/vault-client.ts';
export {
  VaultApiError,
  VaultPermissionDeniedError,
  VaultUnreachableError,
  isPermissionDenied,
} from './client/vault-api-error.ts';
export type {
  AuditDevice,
  AuthMount,
  EnableAuditOptions,
  EnableAuthOptions,
  HealthStatus,
  IssuedToken,
  KvOptions,
  KvSecret,
  PolicyEndpoint,
  PolicyOptions,
  SealStatus,
  TokenCreateOptions,
  TuneMountOptions,
  VaultResponse,
} from './client/types.ts';

export {
  enableFileAudit,
  fileAuditDeviceOptions,
  isAuditProbe,
  AUDIT_PROBE_PATH,
} from './audit/file-audit-device.ts';
export type { EnabledFileAudit, FileAuditOptions } from './audit/file-audit-device.ts';
export { AuditLogCursor } from './audit/audit-log-cursor.ts';
export { AUDIT_HMAC_PATTERN, isHmac, parseAuditLine, parseAuditLog } from './audit/audit-entry.ts';
export type { AuditAuth, AuditEntry, AuditRequest, AuditResponse } from './audit/audit-entry.ts';

export { createProgressPrinter, formatProgress } from './progress.ts';
export type { VaultProgressEvent, VaultProgressListener, VaultProgressPhase } from './progress.ts';
export { VAULT_COMMIT, VAULT_IMAGE, VAULT_VERSION } from './constants.ts';
export {
  VaultAuditError,
  VaultBackendUnavailableError,
  VaultBinaryError,
  VaultBuildError,
  VaultStartError,
} from './errors.ts';
