/**
 * Shapes of the Vault 1.14 API answers the lab uses, as Vault sends them (snake_case), and the
 * options of the typed client (camelCase; the client maps them to Vault's field names).
 */

export interface HealthStatus {
  readonly initialized: boolean;
  readonly sealed: boolean;
  readonly standby: boolean;
  readonly performance_standby: boolean;
  readonly server_time_utc: number;
  readonly version: string;
  readonly cluster_name?: string;
  readonly cluster_id?: string;
}

export interface SealStatus {
  readonly type: string;
  readonly initialized: boolean;
  readonly sealed: boolean;
  /** Unseal threshold and number of shares. */
  readonly t: number;
  readonly n: number;
  readonly progress: number;
  readonly version: string;
  readonly storage_type?: string;
}

export interface MountConfig {
  readonly default_lease_ttl: number;
  readonly max_lease_ttl: number;
  readonly force_no_cache?: boolean;
  readonly token_type?: string;
  readonly [key: string]: unknown;
}

/** One entry of `GET sys/auth`, keyed by mount path with a trailing slash (`token/`). */
export interface AuthMount {
  readonly type: string;
  readonly description: string;
  readonly accessor: string;
  readonly local: boolean;
  readonly seal_wrap: boolean;
  readonly external_entropy_access: boolean;
  readonly config: MountConfig;
  readonly options: Record<string, string> | null;
  readonly plugin_version: string;
  readonly running_plugin_version: string;
  readonly running_sha256: string;
  readonly uuid: string;
}

export interface EnableAuthOptions {
  /** Auth method type: `userpass`, `approle`... */
  readonly type: string;
  readonly description?: string;
  readonly local?: boolean;
  readonly config?: {
    readonly defaultLeaseTtl?: string;
    readonly maxLeaseTtl?: string;
    readonly auditNonHmacRequestKeys?: readonly string[];
    readonly auditNonHmacResponseKeys?: readonly string[];
    readonly listingVisibility?: 'unauth' | 'hidden';
  };
}

export interface TuneMountOptions {
  readonly description?: string;
  readonly defaultLeaseTtl?: string;
  readonly maxLeaseTtl?: string;
  readonly auditNonHmacRequestKeys?: readonly string[];
  readonly auditNonHmacResponseKeys?: readonly string[];
  readonly listingVisibility?: 'unauth' | 'hidden';
}

export interface TokenCreateOptions {
  /** Policies of the new token; omitted = the parent's policies (a root parent gives `["root"]`). */
  readonly policies?: readonly string[];
  readonly noDefaultPolicy?: boolean;
  /** Vault duration string (`"1h"`, `"30m"`). */
  readonly ttl?: string;
  readonly explicitMaxTtl?: string;
  /** Vault prefixes it with `token-` (`ci` becomes `token-ci`). */
  readonly displayName?: string;
  /** Created through `auth/token/create-orphan`: no parent, survives its creator's revocation. */
  readonly orphan?: boolean;
  readonly numUses?: number;
  readonly renewable?: boolean;
  readonly meta?: Readonly<Record<string, string>>;
}

/** The `auth` block of a token-issuing answer (token create, logins). */
export interface IssuedToken {
  readonly token: string;
  readonly accessor: string;
  readonly policies: readonly string[];
  readonly tokenPolicies: readonly string[];
  /** Seconds; 0 for a non-expiring (root) token. */
  readonly leaseDuration: number;
  readonly renewable: boolean;
  readonly orphan: boolean;
  readonly entityId: string;
  readonly tokenType: string;
  readonly metadata: Readonly<Record<string, string>> | null;
}

/** `sys/policy/NAME` is the legacy endpoint (node-vault's `addPolicy`), `sys/policies/acl/NAME` the current one. */
export type PolicyEndpoint = 'sys/policy' | 'sys/policies/acl';

export interface PolicyOptions {
  /** Which endpoint to call; default `sys/policies/acl`. */
  readonly endpoint?: PolicyEndpoint;
}

export interface AuditDevice {
  readonly type: string;
  readonly description: string;
  readonly options: Readonly<Record<string, string>>;
  readonly path: string;
  readonly local: boolean;
}

export interface EnableAuditOptions {
  readonly type: string;
  readonly description?: string;
  /** Device options; Vault wants every value as a string (`"true"`, `"0600"`). */
  readonly options?: Readonly<Record<string, string>>;
  readonly local?: boolean;
}

export interface KvOptions {
  /** Mount path of the KV engine; default `secret` (the dev server mounts KV v2 there). */
  readonly mount?: string;
  /** KV engine version; default 2. */
  readonly version?: 1 | 2;
}

export interface KvSecret<T = Record<string, unknown>> {
  readonly data: T;
  /** KV v2 version metadata; undefined for KV v1. */
  readonly metadata?: {
    readonly version: number;
    readonly created_time: string;
    readonly deletion_time: string;
    readonly destroyed: boolean;
  };
}

/** The envelope of every logical answer. */
export interface VaultResponse<T = Record<string, unknown>> {
  readonly request_id: string;
  readonly lease_id: string;
  readonly renewable: boolean;
  readonly lease_duration: number;
  readonly data: T | null;
  readonly wrap_info: unknown;
  readonly warnings: readonly string[] | null;
  readonly auth: RawAuth | null;
}

export interface RawAuth {
  readonly client_token: string;
  readonly accessor: string;
  readonly policies: string[] | null;
  readonly token_policies: string[] | null;
  readonly metadata: Record<string, string> | null;
  readonly lease_duration: number;
  readonly renewable: boolean;
  readonly entity_id: string;
  readonly token_type: string;
  readonly orphan: boolean;
}
