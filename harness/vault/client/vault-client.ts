import NodeVault from 'node-vault';
import { ConfigError } from '../../errors.ts';
import { redact } from '../../util/logger.ts';
import { VaultUnreachableError, vaultApiError } from './vault-api-error.ts';
import type {
  AuditDevice,
  AuthMount,
  EnableAuditOptions,
  EnableAuthOptions,
  HealthStatus,
  IssuedToken,
  KvOptions,
  KvSecret,
  PolicyOptions,
  RawAuth,
  SealStatus,
  TokenCreateOptions,
  TuneMountOptions,
  VaultResponse,
} from './types.ts';

export interface VaultClientOptions {
  /** `http://127.0.0.1:8200` */
  readonly address: string;
  /** Omit for an unauthenticated client (health, seal status, unseal, logins). */
  readonly token?: string;
  /** Per-request timeout; default 30 s. */
  readonly timeoutMs?: number;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'LIST';

/**
 * A typed Vault client bound to ONE identity. It runs on node-vault, but node-vault swaps its own
 * token after `tokenCreate` and every login: here the token is pinned per instance (node-vault's
 * `token` property becomes read-only in effect and every request carries it explicitly), so nothing a
 * call returns changes who the next call runs as. To act as someone else, `withToken()` returns a new
 * client; the original keeps its identity.
 *
 * Errors: `VaultApiError` (HTTP status + Vault's `errors`), `VaultPermissionDeniedError` for 403
 * permission denied, `VaultUnreachableError` when no answer came back.
 */
export class VaultClient {
  readonly address: string;
  readonly #token: string | undefined;
  readonly #timeoutMs: number;
  readonly #vault: NodeVault.client;

  constructor(options: VaultClientOptions) {
    this.address = normaliseAddress(options.address);
    this.#token = options.token === '' ? undefined : options.token;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#vault = createPinnedNodeVault(this.address, this.#token, this.#timeoutMs);
  }

  /** A client for `token` on the same server; this client is unchanged. */
  withToken(token: string): VaultClient {
    if (typeof token !== 'string' || token === '') {
      throw new ConfigError('withToken(token): expected a non-empty Vault token string');
    }
    return new VaultClient({ address: this.address, token, timeoutMs: this.#timeoutMs });
  }

  /** A client without a token (unauthenticated endpoints, or to see how Vault treats anonymous calls). */
  anonymous(): VaultClient {
    return new VaultClient({ address: this.address, timeoutMs: this.#timeoutMs });
  }

  /** The token this client sends, for callers that must hand it on (never log it: use `redact`). */
  get token(): string | undefined {
    return this.#token;
  }

  toString(): string {
    return `VaultClient(${this.address}, token ${redact(this.#token)})`;
  }

  // --- status, seal ---------------------------------------------------------------------------

  /** `GET sys/health` (not audited). Resolves for sealed/standby answers too: read the flags. */
  health(): Promise<HealthStatus> {
    return this.#run('GET', 'sys/health', () => this.#vault.health()) as Promise<HealthStatus>;
  }

  /** `GET sys/seal-status` (not audited). */
  sealStatus(): Promise<SealStatus> {
    return this.#run('GET', 'sys/seal-status', () => this.#vault.status()) as Promise<SealStatus>;
  }

  /** `PUT sys/seal`: audited as one request entry, no response entry. */
  async seal(): Promise<void> {
    await this.#run('PUT', 'sys/seal', () => this.#vault.seal());
  }

  /** `PUT sys/unseal` with one key share (base64 or hex); not audited. */
  unseal(key: string): Promise<SealStatus> {
    requireString(key, 'unseal(key)', 'the unseal key printed by the dev server');
    return this.#run('PUT', 'sys/unseal', () => this.#vault.unseal({ key })) as Promise<SealStatus>;
  }

  // --- auth methods ---------------------------------------------------------------------------

  /** `GET sys/auth`: enabled auth methods keyed by mount path with a trailing slash (`token/`). */
  async authList(): Promise<Record<string, AuthMount>> {
    const body = (await this.#run('GET', 'sys/auth', () => this.#vault.auths())) as VaultResponse<
      Record<string, AuthMount>
    >;
    return body.data ?? {};
  }

  /** `POST sys/auth/PATH` (`vault auth enable -path=PATH TYPE`). */
  async authEnable(path: string, options: EnableAuthOptions): Promise<void> {
    const mount = mountPath(path, 'authEnable(path)');
    requireString(options?.type, 'authEnable(path, {type})', 'an auth method type such as "userpass"');
    await this.write(`sys/auth/${mount}`, {
      type: options.type,
      ...(options.description !== undefined ? { description: options.description } : {}),
      ...(options.local !== undefined ? { local: options.local } : {}),
      ...(options.config !== undefined ? { config: tuneBody(options.config) } : {}),
    });
  }

  /** `DELETE sys/auth/PATH`. */
  async authDisable(path: string): Promise<void> {
    await this.delete(`sys/auth/${mountPath(path, 'authDisable(path)')}`);
  }

  /** `POST sys/auth/PATH/tune`. */
  async authTune(path: string, options: TuneMountOptions): Promise<void> {
    await this.write(`sys/auth/${mountPath(path, 'authTune(path)')}/tune`, tuneBody(options));
  }

  /** `POST auth/MOUNT/users/NAME` on a userpass mount. */
  async userpassWriteUser(
    username: string,
    password: string,
    options: { mount?: string; policies?: readonly string[] } = {},
  ): Promise<void> {
    requireString(username, 'userpassWriteUser(username)', 'a user name');
    requireString(password, 'userpassWriteUser(password)', 'a password');
    const mount = mountPath(options.mount ?? 'userpass', 'userpassWriteUser({mount})');
    await this.write(`auth/${mount}/users/${encodeURIComponent(username)}`, {
      password,
      ...(options.policies ? { token_policies: [...options.policies] } : {}),
    });
  }

  /**
   * `POST auth/MOUNT/login/NAME`. Returns the issued token and a client acting as that user; this
   * client keeps its own identity (node-vault's `userpassLogin` would have swapped it).
   */
  async loginUserpass(
    username: string,
    password: string,
    options: { mount?: string } = {},
  ): Promise<{ auth: IssuedToken; client: VaultClient }> {
    requireString(username, 'loginUserpass(username)', 'a user name');
    requireString(password, 'loginUserpass(password)', 'a password');
    const mount = mountPath(options.mount ?? 'userpass', 'loginUserpass({mount})');
    const body = (await this.#run('POST', `auth/${mount}/login/${username}`, () =>
      this.#vault.userpassLogin({ username, password, mount_point: mount }),
    )) as VaultResponse;
    const auth = issuedToken(body.auth, `auth/${mount}/login`);
    return { auth, client: this.withToken(auth.token) };
  }

  // --- tokens ---------------------------------------------------------------------------------

  /**
   * `POST auth/token/create` (or `create-orphan` with `orphan: true`). The new token is returned;
   * this client still runs as its own token afterwards.
   */
  async tokenCreate(options: TokenCreateOptions = {}): Promise<IssuedToken> {
    const args = tokenCreateArgs(options);
    const path = options.orphan ? 'auth/token/create-orphan' : 'auth/token/create';
    const body = (await this.#run('POST', path, () =>
      options.orphan ? this.#vault.tokenCreateOrphan(args) : this.#vault.tokenCreate(args),
    )) as VaultResponse;
    return issuedToken(body.auth, path);
  }

  /** `GET auth/token/lookup-self`. */
  async tokenLookupSelf(): Promise<Record<string, unknown>> {
    const body = (await this.#run('GET', 'auth/token/lookup-self', () =>
      this.#vault.tokenLookupSelf(),
    )) as VaultResponse;
    return body.data ?? {};
  }

  /** `POST auth/token/revoke`. */
  async tokenRevoke(token: string): Promise<void> {
    requireString(token, 'tokenRevoke(token)', 'a Vault token');
    await this.#run('POST', 'auth/token/revoke', () => this.#vault.tokenRevoke({ token }));
  }

  // --- policies -------------------------------------------------------------------------------

  /** `PUT sys/policies/acl/NAME` (default) or the legacy `PUT sys/policy/NAME`. */
  async policyWrite(name: string, policy: string, options: PolicyOptions = {}): Promise<void> {
    requireString(policy, 'policyWrite(name, policy)', 'the policy text (HCL)');
    await this.write(policyPath(name, options, 'policyWrite(name)'), { policy }, { method: 'PUT' });
  }

  /** The policy text (HCL). */
  async policyRead(name: string, options: PolicyOptions = {}): Promise<string> {
    const body = await this.read<{ policy?: string; rules?: string }>(
      policyPath(name, options, 'policyRead(name)'),
    );
    return body.data?.policy ?? body.data?.rules ?? '';
  }

  /** Policy names (`default` and `root` included). */
  async policyList(options: PolicyOptions = {}): Promise<string[]> {
    const endpoint = options.endpoint ?? 'sys/policies/acl';
    if (endpoint === 'sys/policy') {
      const body = await this.read<{ policies?: string[] }>('sys/policy');
      return body.data?.policies ?? [];
    }
    return this.list(endpoint);
  }

  async policyDelete(name: string, options: PolicyOptions = {}): Promise<void> {
    await this.delete(policyPath(name, options, 'policyDelete(name)'));
  }

  // --- KV secrets -----------------------------------------------------------------------------

  /** Writes a KV secret (`secret/data/PATH` on the dev server's KV v2 mount). */
  async secretWrite(path: string, data: Record<string, unknown>, options: KvOptions = {}): Promise<void> {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new ConfigError('secretWrite(path, data): expected data to be an object of key/value pairs');
    }
    const { apiPath, version } = kvPath(path, options, 'secretWrite(path)');
    await this.write(apiPath, version === 2 ? { data } : data);
  }

  async secretRead<T = Record<string, unknown>>(path: string, options: KvOptions = {}): Promise<KvSecret<T>> {
    const { apiPath, version } = kvPath(path, options, 'secretRead(path)');
    const body = await this.read<Record<string, unknown>>(apiPath);
    if (version === 2) {
      const inner = (body.data ?? {}) as { data?: T; metadata?: KvSecret['metadata'] };
      return { data: (inner.data ?? {}) as T, ...(inner.metadata ? { metadata: inner.metadata } : {}) };
    }
    return { data: (body.data ?? {}) as T };
  }

  async secretDelete(path: string, options: KvOptions = {}): Promise<void> {
    const { apiPath } = kvPath(path, options, 'secretDelete(path)');
    await this.delete(apiPath);
  }

  // --- audit devices --------------------------------------------------------------------------

  /** `PUT sys/audit/PATH`. */
  async auditEnable(path: string, options: EnableAuditOptions): Promise<void> {
    const device = mountPath(path, 'auditEnable(path)');
    requireString(options?.type, 'auditEnable(path, {type})', 'an audit device type such as "file"');
    await this.write(
      `sys/audit/${device}`,
      {
        type: options.type,
        ...(options.description !== undefined ? { description: options.description } : {}),
        ...(options.options !== undefined ? { options: { ...options.options } } : {}),
        ...(options.local !== undefined ? { local: options.local } : {}),
      },
      { method: 'PUT' },
    );
  }

  async auditDisable(path: string): Promise<void> {
    await this.delete(`sys/audit/${mountPath(path, 'auditDisable(path)')}`);
  }

  /** Enabled audit devices keyed by path with a trailing slash (`file/`). */
  async auditList(): Promise<Record<string, AuditDevice>> {
    const body = (await this.#run('GET', 'sys/audit', () => this.#vault.audits())) as VaultResponse<
      Record<string, AuditDevice>
    >;
    return body.data ?? {};
  }

  /** `POST sys/audit-hash/PATH`: the `hmac-sha256:…` string the device writes for `input`. */
  async auditHash(devicePath: string, input: string): Promise<string> {
    const device = mountPath(devicePath, 'auditHash(devicePath)');
    const body = await this.write<{ hash: string }>(`sys/audit-hash/${device}`, { input });
    const hash = body.data?.hash;
    if (typeof hash !== 'string') throw new ConfigError(`sys/audit-hash/${device} returned no hash`);
    return hash;
  }

  // --- generic --------------------------------------------------------------------------------

  read<T = Record<string, unknown>>(path: string): Promise<VaultResponse<T>> {
    const p = apiPath(path, 'read(path)');
    return this.#run('GET', p, () => this.#vault.read(p)) as Promise<VaultResponse<T>>;
  }

  /** POST by default (Vault maps POST and PUT to the same `update`/`create` operation). */
  write<T = Record<string, unknown>>(
    path: string,
    data: Record<string, unknown> = {},
    options: { method?: 'POST' | 'PUT' } = {},
  ): Promise<VaultResponse<T>> {
    const p = apiPath(path, 'write(path)');
    const method = options.method ?? 'POST';
    return this.#run(method, p, () =>
      method === 'POST'
        ? this.#vault.write(p, data)
        : this.#vault.request({ path: `/${p}`, method, json: data }),
    ) as Promise<VaultResponse<T>>;
  }

  /** `LIST path`: the `keys`; an empty list (Vault answers 404) is `[]`. */
  async list(path: string): Promise<string[]> {
    const p = apiPath(path, 'list(path)');
    try {
      const body = (await this.#run('LIST', p, () => this.#vault.list(p))) as VaultResponse<{
        keys?: string[];
      }>;
      return body.data?.keys ?? [];
    } catch (error) {
      if (error instanceof Error && 'status' in error && error.status === 404) return [];
      throw error;
    }
  }

  async delete(path: string): Promise<void> {
    const p = apiPath(path, 'delete(path)');
    await this.#run('DELETE', p, () => this.#vault.delete(p));
  }

  /** Any call, for what the typed methods do not cover. */
  request<T = Record<string, unknown>>(
    method: HttpMethod,
    path: string,
    body?: Record<string, unknown>,
  ): Promise<VaultResponse<T>> {
    const p = apiPath(path, 'request(path)');
    return this.#run(method, p, () =>
      this.#vault.request({ path: `/${p}`, method, ...(body !== undefined ? { json: body } : {}) }),
    ) as Promise<VaultResponse<T>>;
  }

  /** Runs a node-vault call and turns its failures into the lab's typed errors. */
  async #run(method: string, path: string, call: () => Promise<unknown>): Promise<unknown> {
    try {
      return await call();
    } catch (error) {
      throw translateError(error, this.address, method, path);
    }
  }
}

function createPinnedNodeVault(
  address: string,
  token: string | undefined,
  timeoutMs: number,
): NodeVault.client {
  const vault = NodeVault({
    endpoint: address,
    apiVersion: 'v1',
    pathPrefix: '',
    requestOptions: { timeout: timeoutMs },
  });
  // node-vault reads VAULT_TOKEN / VAULT_NAMESPACE / VAULT_PREFIX from the environment and assigns
  // `client.token` after token-issuing calls. Pin all of it: this instance speaks for `token` only.
  Object.defineProperty(vault, 'token', {
    get: () => token,
    set: () => undefined,
    enumerable: true,
    configurable: false,
  });
  (vault as unknown as { namespace: string | undefined }).namespace = undefined;
  return vault;
}

function translateError(error: unknown, address: string, method: string, path: string): Error {
  const response = (error as { response?: { statusCode?: unknown; body?: unknown } } | null)?.response;
  if (response && typeof response.statusCode === 'number') {
    const body = response.body as { errors?: unknown } | undefined;
    const errors = Array.isArray(body?.errors)
      ? body.errors.filter((e): e is string => typeof e === 'string')
      : [];
    return vaultApiError({ status: response.statusCode, errors, method, path }, error);
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (
    typeof code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ECONNABORTED|EHOSTUNREACH|ENOTFOUND|EPIPE|ERR_NETWORK)$/.test(code)
  ) {
    return new VaultUnreachableError(address, method, path, { cause: error });
  }
  // tv4 schema errors from node-vault carry `dataPath`: the caller passed a wrongly typed option.
  if (error && typeof error === 'object' && 'dataPath' in error) {
    const e = error as { message?: string; dataPath?: string };
    return new ConfigError(
      `${method} ${path}: invalid argument ${e.dataPath || ''}: ${e.message ?? ''}`.trim(),
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

function normaliseAddress(address: string): string {
  if (typeof address !== 'string' || !/^https?:\/\/[^/\s]+\/?$/.test(address)) {
    throw new ConfigError(`Vault address: expected http(s)://host:port, got ${JSON.stringify(address)}`);
  }
  return address.replace(/\/$/, '');
}

function requireString(value: unknown, what: string, expected: string): asserts value is string {
  if (typeof value !== 'string' || value === '') {
    throw new ConfigError(
      `${what}: expected ${expected}, got ${value === '' ? 'an empty string' : typeof value}`,
    );
  }
}

/** An API path without leading slash or `v1/`: `sys/auth`, `secret/data/app`. */
function apiPath(path: string, what: string): string {
  requireString(path, what, 'an API path such as "sys/auth" or "secret/data/app"');
  const trimmed = path.replace(/^\/+/, '');
  if (/^v1\//.test(trimmed)) {
    throw new ConfigError(`${what}: give the path without the "v1/" prefix, e.g. "${trimmed.slice(3)}"`);
  }
  if (trimmed === '' || /(^|\/)\.\.?(\/|$)/.test(trimmed)) {
    throw new ConfigError(`${what}: ${JSON.stringify(path)} is not a valid API path`);
  }
  return trimmed;
}

/** A mount or device path: no leading/trailing slash. */
function mountPath(path: string, what: string): string {
  requireString(path, what, 'a mount path such as "userpass"');
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  if (trimmed === '' || /\s|\.\./.test(trimmed)) {
    throw new ConfigError(`${what}: ${JSON.stringify(path)} is not a valid mount path`);
  }
  return trimmed;
}

function policyPath(name: string, options: PolicyOptions, what: string): string {
  requireString(name, what, 'a policy name');
  if (!/^[\w.@-]+$/.test(name)) {
    throw new ConfigError(
      `${what}: ${JSON.stringify(name)} is not a valid policy name (letters, digits, _ . @ -)`,
    );
  }
  const endpoint = options.endpoint ?? 'sys/policies/acl';
  if (endpoint !== 'sys/policy' && endpoint !== 'sys/policies/acl') {
    throw new ConfigError(
      `${what}: endpoint must be "sys/policy" or "sys/policies/acl", got ${JSON.stringify(endpoint)}`,
    );
  }
  return `${endpoint}/${name}`;
}

function kvPath(path: string, options: KvOptions, what: string): { apiPath: string; version: 1 | 2 } {
  const mount = mountPath(options.mount ?? 'secret', `${what} {mount}`);
  const version = options.version ?? 2;
  if (version !== 1 && version !== 2)
    throw new ConfigError(`${what}: KV version must be 1 or 2, got ${String(version)}`);
  const key = apiPath(path, what);
  return { apiPath: version === 2 ? `${mount}/data/${key}` : `${mount}/${key}`, version };
}

function tuneBody(options: TuneMountOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (options.description !== undefined) body['description'] = options.description;
  if (options.defaultLeaseTtl !== undefined) body['default_lease_ttl'] = options.defaultLeaseTtl;
  if (options.maxLeaseTtl !== undefined) body['max_lease_ttl'] = options.maxLeaseTtl;
  if (options.auditNonHmacRequestKeys !== undefined)
    body['audit_non_hmac_request_keys'] = [...options.auditNonHmacRequestKeys];
  if (options.auditNonHmacResponseKeys !== undefined)
    body['audit_non_hmac_response_keys'] = [...options.auditNonHmacResponseKeys];
  if (options.listingVisibility !== undefined) body['listing_visibility'] = options.listingVisibility;
  return body;
}

function tokenCreateArgs(options: TokenCreateOptions): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  if (options.policies !== undefined) {
    if (!Array.isArray(options.policies) || options.policies.some((p) => typeof p !== 'string' || p === '')) {
      throw new ConfigError('tokenCreate({policies}): expected an array of policy names');
    }
    args['policies'] = [...options.policies];
  }
  if (options.noDefaultPolicy !== undefined) args['no_default_policy'] = options.noDefaultPolicy;
  if (options.ttl !== undefined) args['ttl'] = options.ttl;
  if (options.explicitMaxTtl !== undefined) args['explicit_max_ttl'] = options.explicitMaxTtl;
  if (options.displayName !== undefined) args['display_name'] = options.displayName;
  if (options.numUses !== undefined) {
    if (!Number.isInteger(options.numUses) || options.numUses < 0) {
      throw new ConfigError(`tokenCreate({numUses}): expected an integer >= 0, got ${options.numUses}`);
    }
    args['num_uses'] = options.numUses;
  }
  if (options.renewable !== undefined) args['renewable'] = options.renewable;
  if (options.meta !== undefined) args['meta'] = { ...options.meta };
  return args;
}

function issuedToken(auth: RawAuth | null | undefined, path: string): IssuedToken {
  if (!auth || typeof auth.client_token !== 'string') {
    throw new ConfigError(`${path} answered without an auth block: no token was issued`);
  }
  return {
    token: auth.client_token,
    accessor: auth.accessor,
    policies: auth.policies ?? [],
    tokenPolicies: auth.token_policies ?? [],
    leaseDuration: auth.lease_duration,
    renewable: auth.renewable,
    orphan: auth.orphan,
    entityId: auth.entity_id,
    tokenType: auth.token_type,
    metadata: auth.metadata,
  };
}
