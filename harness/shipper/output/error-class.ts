/**
 * What the sender does with a failed call, decided from the SDK error alone (`sender.go`'s switch in
 * the agent, with one change: nothing is ever dropped and marked shipped).
 *
 * - `not-found`: the group or stream is missing → create it, then send again at once.
 * - `retry`: throttling, 5xx, network trouble, and credential/permission problems an operator can fix
 *   while we wait → back off and send again. `ambiguous` means the request may have been stored
 *   (5xx, connection reset, timeout): before resending, the sender looks for the batch in the stream.
 * - `fatal`: the request itself is wrong (InvalidParameterException…) → stop this destination and
 *   keep its checkpoint where it is.
 */
export type ErrorClass =
  | { readonly kind: 'not-found'; readonly code: string }
  | {
      readonly kind: 'retry';
      readonly profile: RetryProfileName;
      readonly ambiguous: boolean;
      readonly code: string;
    }
  | { readonly kind: 'fatal'; readonly code: string };

export type RetryProfileName = 'slow' | 'fast' | 'blocked';

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'LimitExceededException',
  'RequestLimitExceeded',
  'SlowDown',
  'ProvisionedThroughputExceededException',
]);

const SERVER = new Set([
  'ServiceUnavailableException',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalServerError',
  'InternalError',
]);

/** Fixable outside the shipper (IAM, expired credentials, clock skew): wait and retry, slowly. */
const BLOCKED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnrecognizedClientException',
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'RequestExpired',
  'CredentialsProviderError',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);

/** Fail before any byte reaches the server: the request certainly was not stored. */
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'ERR_HTTP2_STREAM_ERROR',
]);
// AbortError here is our per-request timeout: a stop is checked before classifying.
const NETWORK_NAMES = new Set([
  'AbortError',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'NetworkingError',
]);

interface SdkLikeError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: string;
  cause?: unknown;
}

export function classifyError(error: unknown): ErrorClass {
  const e = (error ?? {}) as SdkLikeError;
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const code = errnoCode(error);
  if (name === 'ResourceNotFoundException') return { kind: 'not-found', code: name };
  if (THROTTLING.has(name) || status === 429)
    return { kind: 'retry', profile: 'slow', ambiguous: false, code: name };
  if (SERVER.has(name) || (status !== undefined && status >= 500)) {
    return {
      kind: 'retry',
      profile: 'slow',
      ambiguous: true,
      code: status !== undefined ? `${name} (HTTP ${status})` : name,
    };
  }
  if (BLOCKED.has(name)) return { kind: 'retry', profile: 'blocked', ambiguous: false, code: name };
  if (code !== undefined && CONNECT_CODES.has(code))
    return { kind: 'retry', profile: 'slow', ambiguous: false, code };
  if ((code !== undefined && NETWORK_CODES.has(code)) || NETWORK_NAMES.has(name)) {
    return { kind: 'retry', profile: 'slow', ambiguous: true, code: code ?? name };
  }
  if (
    status === undefined &&
    /socket hang up|other side closed|fetch failed/i.test(String((error as Error)?.message))
  ) {
    return { kind: 'retry', profile: 'slow', ambiguous: true, code: 'connection closed' };
  }
  return { kind: 'fatal', code: name };
}

function errnoCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as SdkLikeError).code;
    if (typeof code === 'string') return code;
    current = (current as SdkLikeError).cause;
  }
  return undefined;
}

export function describeError(error: unknown): string {
  const e = (error ?? {}) as SdkLikeError & { message?: string };
  const status = e.$metadata?.httpStatusCode;
  const name = e.name ?? 'Error';
  return `${name}${status !== undefined ? ` (HTTP ${status})` : ''}: ${e.message ?? String(error)}`;
}
