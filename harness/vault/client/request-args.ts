import { ConfigError } from '../../errors.ts';
import type {
  IssuedToken,
  KvOptions,
  PolicyOptions,
  RawAuth,
  TokenCreateOptions,
  TuneMountOptions,
} from './types.ts';

/**
 * The typed client's side of the wire: checks what a caller passed before anything is sent (so a
 * mistake is a ConfigError naming the argument, not an HTTP 400 from Vault), and maps the client's
 * camelCase options to the snake_case bodies Vault reads.
 */

export function normaliseAddress(address: string): string {
  if (typeof address !== 'string' || !/^https?:\/\/[^/\s]+\/?$/.test(address)) {
    throw new ConfigError(`Vault address: expected http(s)://host:port, got ${JSON.stringify(address)}`);
  }
  return address.replace(/\/$/, '');
}

/** What a wrong argument was, in words, without its value (it may be a secret). */
export function describeType(value: unknown): string {
  if (value === '') return 'an empty string';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

export function requireString(value: unknown, what: string, expected: string): asserts value is string {
  if (typeof value !== 'string' || value === '') {
    throw new ConfigError(`${what}: expected ${expected}, got ${describeType(value)}`);
  }
}

/** An API path without leading slash or `v1/`: `sys/auth`, `secret/data/app`. */
export function apiPath(path: string, what: string): string {
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
export function mountPath(path: string, what: string): string {
  requireString(path, what, 'a mount path such as "userpass"');
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  if (trimmed === '' || /\s|\.\./.test(trimmed)) {
    throw new ConfigError(`${what}: ${JSON.stringify(path)} is not a valid mount path`);
  }
  return trimmed;
}

export function policyPath(name: string, options: PolicyOptions, what: string): string {
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

export function kvPath(path: string, options: KvOptions, what: string): { apiPath: string; version: 1 | 2 } {
  const mount = mountPath(options.mount ?? 'secret', `${what} {mount}`);
  const version = options.version ?? 2;
  if (version !== 1 && version !== 2)
    throw new ConfigError(`${what}: KV version must be 1 or 2, got ${String(version)}`);
  const key = apiPath(path, what);
  return { apiPath: version === 2 ? `${mount}/data/${key}` : `${mount}/${key}`, version };
}

/** `fields` without its undefined entries: an option the caller left out is not sent at all. */
export function definedFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

export function tuneBody(options: TuneMountOptions): Record<string, unknown> {
  return definedFields({
    description: options.description,
    default_lease_ttl: options.defaultLeaseTtl,
    max_lease_ttl: options.maxLeaseTtl,
    audit_non_hmac_request_keys: copyOf(options.auditNonHmacRequestKeys),
    audit_non_hmac_response_keys: copyOf(options.auditNonHmacResponseKeys),
    listing_visibility: options.listingVisibility,
  });
}

export function tokenCreateArgs(options: TokenCreateOptions): Record<string, unknown> {
  const { policies, numUses } = options;
  if (
    policies !== undefined &&
    (!Array.isArray(policies) || policies.some((p) => typeof p !== 'string' || p === ''))
  ) {
    throw new ConfigError(
      `tokenCreate({policies}): expected an array of non-empty policy names, got ${JSON.stringify(policies)}`,
    );
  }
  if (numUses !== undefined && (!Number.isInteger(numUses) || numUses < 0)) {
    throw new ConfigError(`tokenCreate({numUses}): expected an integer >= 0, got ${numUses}`);
  }
  return definedFields({
    policies: copyOf(policies),
    no_default_policy: options.noDefaultPolicy,
    ttl: options.ttl,
    explicit_max_ttl: options.explicitMaxTtl,
    display_name: options.displayName,
    num_uses: numUses,
    renewable: options.renewable,
    meta: options.meta === undefined ? undefined : { ...options.meta },
  });
}

export function issuedToken(auth: RawAuth | null | undefined, path: string): IssuedToken {
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

function copyOf(values: readonly string[] | undefined): string[] | undefined {
  return values === undefined ? undefined : [...values];
}
