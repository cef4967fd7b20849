import type { FileAuditOptions } from '../audit/file-audit-device.ts';
import type { VaultClient } from '../client/vault-client.ts';
import type { VaultProgressListener } from '../progress.ts';
import type { ChildGuardKind } from '../server/child-guard.ts';
import type { VaultLogLevel } from '../server/dev-server-args.ts';

/**
 * Where the Vault server comes from:
 * - `process`: `vault server -dev` as a child of this process (the default; needs the binary).
 * - `testcontainers`: the Vault image (`VAULT_IMAGE`, default `hashicorp/vault:1.14.0`), started and
 *   removed by testcontainers.
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

/** Options every back-end takes. */
interface CommonVaultOptions {
  /**
   * Directory for this lab's files (audit log, server log). Default: a fresh temp directory, removed
   * on stop unless `keepLabDir`. A directory given here is never removed.
   */
  readonly labDir?: string;
  readonly keepLabDir?: boolean;
  /**
   * The file audit device: `true` (default) enables it at `<labDir>/audit/audit.log` with the lab's
   * defaults (JSON, HMAC on, no prefix); `false` leaves auditing off; an object tunes it.
   */
  readonly audit?: boolean | FileAuditOptions;
  readonly logLevel?: VaultLogLevel;
  /** Banner and health; default 60 s (containers: 120 s, the image may need building first). */
  readonly startupTimeoutMs?: number;
  /** SIGTERM grace before SIGKILL; default 10 s. */
  readonly stopGraceMs?: number;
  /** Environment used to resolve the binary (VAULT_BIN, PATH, cache dir) and for Docker settings. */
  readonly env?: NodeJS.ProcessEnv;
  readonly onProgress?: VaultProgressListener;
  readonly signal?: AbortSignal;
}

/** `vault server -dev` as a child of this process (the default back-end). */
export interface ProcessVaultOptions extends CommonVaultOptions {
  readonly backend?: 'process';
  /** The binary to run; default `resolveVaultBinary()` (may build it on first use). */
  readonly vaultBinary?: string;
  /** Fixed API port; default a free one. */
  readonly port?: number;
  /** How Vault is tied to this process's life (default: pdeathsig where available). */
  readonly guard?: ChildGuardKind;
}

/** The Vault image (`VAULT_IMAGE`, default `hashicorp/vault:1.14.0`), started by testcontainers. */
export interface TestcontainersVaultOptions extends CommonVaultOptions {
  readonly backend: 'testcontainers';
}

/** The `vault` service of a compose file. */
export interface ComposeVaultOptions extends CommonVaultOptions {
  readonly backend: 'compose';
  /** Default: `docker-compose.yml` at the repository root. */
  readonly composeFile?: string;
}

/** A server someone else runs; the lab adds (and on stop removes) its audit device. */
export interface ExternalVaultOptions extends CommonVaultOptions {
  readonly backend: 'external';
  /** The server's address (`http://127.0.0.1:8200`). */
  readonly address: string;
  /** A root token (the lab enables audit devices, creates policies...). */
  readonly token: string;
}

/** A dev server the lab starts itself, so it knows the unseal key. */
export type DevVaultOptions = ProcessVaultOptions | TestcontainersVaultOptions | ComposeVaultOptions;

export type StartVaultOptions = DevVaultOptions | ExternalVaultOptions;

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
  /** The audit log's path as Vault sees it (inside a container it differs from the host's). */
  readonly auditServerPath: string | undefined;
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
  /**
   * A fresh directory both this process and Vault can write (e.g. for extra audit devices): its
   * path here, and as Vault sees it.
   */
  scratchDir(prefix: string): Promise<{ readonly hostPath: string; readonly serverPath: string }>;
  /** Seals the server (`PUT sys/seal`, audited as one request entry). */
  seal(): Promise<void>;
  /** Unseals with the dev server's key (not audited); throws for `external`. */
  unseal(): Promise<void>;
  /** Idempotent; resolves once the server is gone (and, for temp lab dirs, the directory removed). */
  stop(): Promise<void>;
}

/**
 * What a lab runs on: a dev server the lab started (so its unseal key is known) with the file audit
 * device on. `startVault` returns one for dev-server options with the audit device on.
 */
export interface LabVault extends StartedVault {
  readonly unsealKey: string;
  readonly auditLogPath: string;
  readonly auditServerPath: string;
  readonly auditDevice: string;
}

/** What a back-end hands to the common start code (audit, client, handle). */
export interface BackendServer {
  readonly backend: VaultBackendName;
  readonly address: string;
  readonly rootToken: string;
  readonly unsealKey: string | undefined;
  readonly serverLogPath: string | undefined;
  readonly pid: number | undefined;
  /**
   * Host directory for the audit log and the path Vault sees for it, and who must own what is made
   * in it for Vault to write there (a container user other than ours).
   */
  readonly audit: {
    readonly hostDir: string;
    readonly serverDir: string;
    readonly owner?: { readonly uid: number; readonly gid: number };
  };
  /** Settles with a description when the server exits (however); undefined where it cannot be watched. */
  readonly exited?: Promise<string>;
  /** Stops the server (external: nothing to stop). */
  stop(): Promise<void>;
}
