import type NodeVault from 'node-vault';
import { ConfigError } from '../../errors.ts';
import { redact } from '../../util/logger.ts';
import { createPinnedNodeVault, translateNodeVaultError } from './node-vault-adapter.ts';
import {
  apiPath,
  definedFields,
  describeType,
  issuedToken,
  kvPath,
  mountPath,
  normaliseAddress,
  policyPath,
  requireString,
  tokenCreateArgs,
  tuneBody,
} from './request-args.ts';
import type * as Api from './types.ts';
import { VaultApiError } from './vault-api-error.ts';

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
    requireString(token, 'withToken(token)', 'a non-empty Vault token');
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
  health(): Promise<Api.HealthStatus> {
    return this.#run('GET', 'sys/health', () => this.#vault.health()) as Promise<Api.HealthStatus>;
  }

  /** `GET sys/seal-status` (not audited). */
  sealStatus(): Promise<Api.SealStatus> {
    return this.#run('GET', 'sys/seal-status', () => this.#vault.status()) as Promise<Api.SealStatus>;
  }

  /** `PUT sys/seal`: audited as one request entry, no response entry. */
  async seal(): Promise<void> {
    await this.#run('PUT', 'sys/seal', () => this.#vault.seal());
  }

  /** `PUT sys/unseal` with one key share (base64 or hex); not audited. */
  unseal(key: string): Promise<Api.SealStatus> {
    requireString(key, 'unseal(key)', 'the unseal key printed by the dev server');
    return this.#run('PUT', 'sys/unseal', () => this.#vault.unseal({ key })) as Promise<Api.SealStatus>;
  }

  // --- auth methods ---------------------------------------------------------------------------

  /** `GET sys/auth`: enabled auth methods keyed by mount path with a trailing slash (`token/`). */
  async authList(): Promise<Record<string, Api.AuthMount>> {
    const body = (await this.#run('GET', 'sys/auth', () => this.#vault.auths())) as Api.VaultResponse<
      Record<string, Api.AuthMount>
    >;
    return body.data ?? {};
  }

  /** `POST sys/auth/PATH` (`vault auth enable -path=PATH TYPE`). */
  async authEnable(path: string, options: Api.EnableAuthOptions): Promise<void> {
    const mount = mountPath(path, 'authEnable(path)');
    requireString(options?.type, 'authEnable(path, {type})', 'an auth method type such as "userpass"');
    await this.write(
      `sys/auth/${mount}`,
      definedFields({
        type: options.type,
        description: options.description,
        local: options.local,
        config: options.config === undefined ? undefined : tuneBody(options.config),
      }),
    );
  }

  /** `DELETE sys/auth/PATH`. */
  async authDisable(path: string): Promise<void> {
    await this.delete(`sys/auth/${mountPath(path, 'authDisable(path)')}`);
  }

  /** `POST sys/auth/PATH/tune`. */
  async authTune(path: string, options: Api.TuneMountOptions): Promise<void> {
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
  ): Promise<{ auth: Api.IssuedToken; client: VaultClient }> {
    requireString(username, 'loginUserpass(username)', 'a user name');
    requireString(password, 'loginUserpass(password)', 'a password');
    const mount = mountPath(options.mount ?? 'userpass', 'loginUserpass({mount})');
    const body = (await this.#run('POST', `auth/${mount}/login/${username}`, () =>
      this.#vault.userpassLogin({ username, password, mount_point: mount }),
    )) as Api.VaultResponse;
    const auth = issuedToken(body.auth, `auth/${mount}/login`);
    return { auth, client: this.withToken(auth.token) };
  }

  // --- tokens ---------------------------------------------------------------------------------

  /**
   * `POST auth/token/create` (or `create-orphan` with `orphan: true`). The new token is returned;
   * this client still runs as its own token afterwards.
   */
  async tokenCreate(options: Api.TokenCreateOptions = {}): Promise<Api.IssuedToken> {
    const args = tokenCreateArgs(options);
    const path = options.orphan ? 'auth/token/create-orphan' : 'auth/token/create';
    const body = (await this.#run('POST', path, () =>
      options.orphan ? this.#vault.tokenCreateOrphan(args) : this.#vault.tokenCreate(args),
    )) as Api.VaultResponse;
    return issuedToken(body.auth, path);
  }

  /** `GET auth/token/lookup-self`. */
  async tokenLookupSelf(): Promise<Record<string, unknown>> {
    const body = (await this.#run('GET', 'auth/token/lookup-self', () =>
      this.#vault.tokenLookupSelf(),
    )) as Api.VaultResponse;
    return body.data ?? {};
  }

  /** `POST auth/token/revoke`. */
  async tokenRevoke(token: string): Promise<void> {
    requireString(token, 'tokenRevoke(token)', 'a Vault token');
    await this.#run('POST', 'auth/token/revoke', () => this.#vault.tokenRevoke({ token }));
  }

  // --- policies -------------------------------------------------------------------------------

  /** `PUT sys/policies/acl/NAME` (default) or the legacy `PUT sys/policy/NAME`. */
  async policyWrite(name: string, policy: string, options: Api.PolicyOptions = {}): Promise<void> {
    requireString(policy, 'policyWrite(name, policy)', 'the policy text (HCL)');
    await this.write(policyPath(name, options, 'policyWrite(name)'), { policy }, { method: 'PUT' });
  }

  /** The policy text (HCL). */
  async policyRead(name: string, options: Api.PolicyOptions = {}): Promise<string> {
    const body = await this.read<{ policy?: string; rules?: string }>(
      policyPath(name, options, 'policyRead(name)'),
    );
    return body.data?.policy ?? body.data?.rules ?? '';
  }

  /** Policy names (`default` and `root` included). */
  async policyList(options: Api.PolicyOptions = {}): Promise<string[]> {
    const endpoint = options.endpoint ?? 'sys/policies/acl';
    if (endpoint === 'sys/policy') {
      const body = await this.read<{ policies?: string[] }>('sys/policy');
      return body.data?.policies ?? [];
    }
    return this.list(endpoint);
  }

  async policyDelete(name: string, options: Api.PolicyOptions = {}): Promise<void> {
    await this.delete(policyPath(name, options, 'policyDelete(name)'));
  }

  // --- KV secrets -----------------------------------------------------------------------------

  /** Writes a KV secret (`secret/data/PATH` on the dev server's KV v2 mount). */
  async secretWrite(path: string, data: Record<string, unknown>, options: Api.KvOptions = {}): Promise<void> {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new ConfigError(
        `secretWrite(path, data): expected data to be an object of key/value pairs, got ${describeType(data)}`,
      );
    }
    const { apiPath, version } = kvPath(path, options, 'secretWrite(path)');
    await this.write(apiPath, version === 2 ? { data } : data);
  }

  async secretRead<T = Record<string, unknown>>(
    path: string,
    options: Api.KvOptions = {},
  ): Promise<Api.KvSecret<T>> {
    const { apiPath, version } = kvPath(path, options, 'secretRead(path)');
    const body = await this.read<Record<string, unknown>>(apiPath);
    if (version === 2) {
      const inner = (body.data ?? {}) as { data?: T; metadata?: Api.KvSecret['metadata'] };
      return { data: (inner.data ?? {}) as T, ...(inner.metadata ? { metadata: inner.metadata } : {}) };
    }
    return { data: (body.data ?? {}) as T };
  }

  async secretDelete(path: string, options: Api.KvOptions = {}): Promise<void> {
    const { apiPath } = kvPath(path, options, 'secretDelete(path)');
    await this.delete(apiPath);
  }

  // --- audit devices --------------------------------------------------------------------------

  /** `PUT sys/audit/PATH`. */
  async auditEnable(path: string, options: Api.EnableAuditOptions): Promise<void> {
    const device = mountPath(path, 'auditEnable(path)');
    requireString(options?.type, 'auditEnable(path, {type})', 'an audit device type such as "file"');
    await this.write(
      `sys/audit/${device}`,
      definedFields({
        type: options.type,
        description: options.description,
        options: options.options === undefined ? undefined : { ...options.options },
        local: options.local,
      }),
      { method: 'PUT' },
    );
  }

  async auditDisable(path: string): Promise<void> {
    await this.delete(`sys/audit/${mountPath(path, 'auditDisable(path)')}`);
  }

  /** Enabled audit devices keyed by path with a trailing slash (`file/`). */
  async auditList(): Promise<Record<string, Api.AuditDevice>> {
    const body = (await this.#run('GET', 'sys/audit', () => this.#vault.audits())) as Api.VaultResponse<
      Record<string, Api.AuditDevice>
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

  read<T = Record<string, unknown>>(path: string): Promise<Api.VaultResponse<T>> {
    const p = apiPath(path, 'read(path)');
    return this.#run('GET', p, () => this.#vault.read(p)) as Promise<Api.VaultResponse<T>>;
  }

  /** POST by default (Vault maps POST and PUT to the same `update`/`create` operation). */
  write<T = Record<string, unknown>>(
    path: string,
    data: Record<string, unknown> = {},
    options: { method?: 'POST' | 'PUT' } = {},
  ): Promise<Api.VaultResponse<T>> {
    const p = apiPath(path, 'write(path)');
    const method = options.method ?? 'POST';
    return this.#run(method, p, () =>
      method === 'POST'
        ? this.#vault.write(p, data)
        : this.#vault.request({ path: `/${p}`, method, json: data }),
    ) as Promise<Api.VaultResponse<T>>;
  }

  /** `LIST path`: the `keys`; an empty list (Vault answers 404) is `[]`. */
  async list(path: string): Promise<string[]> {
    const p = apiPath(path, 'list(path)');
    try {
      const body = (await this.#run('LIST', p, () => this.#vault.list(p))) as Api.VaultResponse<{
        keys?: string[];
      }>;
      return body.data?.keys ?? [];
    } catch (error) {
      if (error instanceof VaultApiError && error.status === 404) return [];
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
  ): Promise<Api.VaultResponse<T>> {
    const p = apiPath(path, 'request(path)');
    return this.#run(method, p, () =>
      this.#vault.request({ path: `/${p}`, method, ...(body !== undefined ? { json: body } : {}) }),
    ) as Promise<Api.VaultResponse<T>>;
  }

  /** Runs a node-vault call and turns its failures into the lab's typed errors. */
  async #run(method: string, path: string, call: () => Promise<unknown>): Promise<unknown> {
    try {
      return await call();
    } catch (error) {
      throw translateNodeVaultError(error, this.address, method, path);
    }
  }
}
