import NodeVault from 'node-vault';
import { ConfigError } from '../../errors.ts';
import { VaultUnreachableError, vaultApiError } from './vault-api-error.ts';

/** Socket-level failures: no HTTP answer came back at all. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'ERR_NETWORK',
]);

/**
 * A node-vault client that speaks for `token` and nobody else. node-vault reads VAULT_TOKEN /
 * VAULT_NAMESPACE / VAULT_PREFIX from the environment and assigns `client.token` after
 * token-issuing calls and logins; both would change who the next call runs as.
 */
export function createPinnedNodeVault(
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
  Object.defineProperty(vault, 'token', {
    get: () => token,
    set: () => undefined,
    enumerable: true,
    configurable: false,
  });
  (vault as unknown as { namespace: string | undefined }).namespace = undefined;
  return vault;
}

/** Turns whatever node-vault rejected with into the lab's typed errors. */
export function translateNodeVaultError(
  error: unknown,
  address: string,
  method: string,
  path: string,
): Error {
  const response = (error as { response?: { statusCode?: unknown; body?: unknown } } | null)?.response;
  if (response && typeof response.statusCode === 'number') {
    const body = response.body as { errors?: unknown } | undefined;
    const errors = Array.isArray(body?.errors)
      ? body.errors.filter((e): e is string => typeof e === 'string')
      : [];
    return vaultApiError({ status: response.statusCode, errors, method, path }, error);
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) {
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
