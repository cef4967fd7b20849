import type { FileAuditOptions } from '../audit/file-audit-device.ts';
import type { VaultClient } from '../client/vault-client.ts';
import type { VaultProgressListener } from '../progress.ts';
import type { ChildGuardKind } from '../server/child-guard.ts';
import type { VaultLogLevel } from '../server/dev-server-args.ts';

/**
 * Where the Vault server comes from:
 * - `process`: `vault server -dev` as a child of this process (the default; needs the binary).
 * - `testcontainers`: the `hashicorp/vault:1.14.0` image, started and removed by testcontainers.
 * - `compose`: the `vault` service of the repository's `docker-compose.yml`.
 * - `external`: a server someone else runs, given by address and token.
 */
export type VaultBackendName = 'process' | 'testcontainers' | 'compose' | 'external';

export const VAULT_BACKENDS: readonly VaultBackendName[] = [
  'process',
  'testcontainers',
  'compose',
  'external',
];

export interface StartVaultOptions {
  readonly backend?: VaultBackendName;
  /**
   * Directory for this lab's files (audit log, server log). Default: a fresh temp directory, removed
   * on stop unless `keepLabDir`. A directory given here is never removed.
   */
  readonly labDir?: string;
  readonly keepLabDir?: boolean;
  /** `external` only: the server's address (`http://127.0.0.1:8200`). */
  readonly address?: string;
  /** `external` only: a root token (the lab enables audit devices, creates policies...). */
  readonly token?: string;
  /**
   * The file audit device: `true` (default) enables it at `<labDir>/audit/audit.log` with the lab's
   * defaults (JSON, HMAC on, no prefix); `false` leaves auditing off; an object tunes it.
   */
  readonly audit?: boolean | FileAuditOptions;
  /** `process`: the binary to run; default `resolveVaultBinary()` (may build it on first use). */
  readonly vaultBinary?: string;
  /** `process`: fixed API port; default a free one. */
  readonly port?: number;
  readonly logLevel?: VaultLogLevel;
  /** `process`: how Vault is tied to this process's life (default: pdeathsig where available). */
  readonly guard?: ChildGuardKind;
  /** Banner and health; default 60 s (containers: 120 s, the image may need pulling). */
  readonly startupTimeoutMs?: number;
  /** SIGTERM grace before SIGKILL; default 10 s. */
  readonly stopGraceMs?: number;
  /** Environment used to resolve the binary (VAULT_BIN, PATH, cache dir) and for Docker settings. */
  readonly env?: NodeJS.ProcessEnv;
  readonly onProgress?: VaultProgressListener;
  readonly signal?: AbortSignal;
  /** `compose`: path of the compose file; default `docker-compose.yml` at the repository root. */
  readonly composeFile?: string;
}

/** A running Vault, whatever the back-end. Stop it with `stop()` or `await using`. */
export interface StartedVault extends AsyncDisposable {
  readonly backend: VaultBackendName;
  /** `http://127.0.0.1:PORT` as seen from this host. */
  readonly address: string;
  readonly rootToken: string;
  /** The single unseal key of a dev server; undefined for `external` (not ours to know). */
  readonly unsealKey: string | undefined;
  readonly labDir: string;
  /** Host path of the audit log; undefined when `audit: false`. */
  readonly auditLogPath: string | undefined;
  /** Audit device path (`file`); undefined when `audit: false`. */
  readonly auditDevice: string | undefined;
  /** Host path of the captured server output (secrets in the banner are redacted); undefined for external. */
  readonly serverLogPath: string | undefined;
  /** Pid of the Vault process (`process` back-end). */
  readonly pid: number | undefined;
  /** A client acting as the root token. */
  readonly client: VaultClient;
  /**
   * Settles if the server goes away on its own (crash, killed from outside), with a description;
   * stays pending while it runs and after a `stop()`. Undefined where the lab cannot watch it.
   */
  readonly unexpectedExit: Promise<string> | undefined;
  /** Seals the server (`PUT sys/seal`, audited as one request entry). */
  seal(): Promise<void>;
  /** Unseals with the dev server's key (not audited); throws for `external`. */
  unseal(): Promise<void>;
  /** Idempotent; resolves once the server is gone (and, for temp lab dirs, the directory removed). */
  stop(): Promise<void>;
}

/** What a back-end hands to the common start code (audit, client, handle). */
export interface BackendServer {
  readonly backend: VaultBackendName;
  readonly address: string;
  readonly rootToken: string;
  readonly unsealKey: string | undefined;
  readonly serverLogPath: string | undefined;
  readonly pid: number | undefined;
  /** Host directory for the audit log and the path Vault sees for it. */
  readonly audit: { readonly hostDir: string; readonly serverDir: string };
  /** Settles with a description when the server exits (however); undefined where it cannot be watched. */
  readonly exited?: Promise<string>;
  /** Stops the server (external: nothing to stop). */
  stop(): Promise<void>;
}
