import { LabError } from '../../errors.ts';

/**
 * Vault answered with an error status. `status` is the HTTP status and `errors` Vault's own `errors`
 * array, untouched (an ACL denial is `["1 error occurred:\n\t* permission denied\n\n"]`, an unknown
 * token `["permission denied"]`).
 */
export class VaultApiError extends LabError {
  readonly status: number;
  readonly errors: readonly string[];
  readonly method: string;
  /** API path without `/v1/`, e.g. `sys/auth`. */
  readonly path: string;

  constructor(
    init: { status: number; errors: readonly string[]; method: string; path: string },
    code = 'LAB_VAULT_API',
    options?: { cause?: unknown },
  ) {
    const detail = init.errors.length > 0 ? init.errors.map((e) => e.trim()).join('; ') : 'no error text';
    super(code, `Vault ${init.method} ${init.path} failed with HTTP ${init.status}: ${detail}`, options);
    this.status = init.status;
    this.errors = init.errors;
    this.method = init.method;
    this.path = init.path;
  }
}

/** HTTP 403 "permission denied": an ACL denial or an invalid token. */
export class VaultPermissionDeniedError extends VaultApiError {
  constructor(
    init: { status: number; errors: readonly string[]; method: string; path: string },
    options?: { cause?: unknown },
  ) {
    super(init, 'LAB_VAULT_PERMISSION_DENIED', options);
  }
}

/** No HTTP answer at all: connection refused, reset or timed out. */
export class VaultUnreachableError extends LabError {
  readonly address: string;

  constructor(address: string, method: string, path: string, options?: { cause?: unknown }) {
    const why = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super('LAB_VAULT_UNREACHABLE', `Vault at ${address} did not answer ${method} ${path}${why}`, options);
    this.address = address;
  }
}

export function isPermissionDenied(error: unknown): error is VaultPermissionDeniedError {
  return error instanceof VaultPermissionDeniedError;
}

/** Builds the right error class from a status and Vault's `errors` array. */
export function vaultApiError(
  init: { status: number; errors: readonly string[]; method: string; path: string },
  cause?: unknown,
): VaultApiError {
  const denied = init.status === 403 && init.errors.some((e) => e.includes('permission denied'));
  return denied
    ? new VaultPermissionDeniedError(init, { cause })
    : new VaultApiError(init, undefined, { cause });
}
