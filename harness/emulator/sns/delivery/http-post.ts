/**
 * One HTTP/HTTPS POST of an SNS message to a subscriber endpoint, as SNS sends it: the body as
 * given, AWS's headers, a 15-second timeout ("Amazon SNS ... times out after 15 seconds", delivery
 * retries guide). A status of 200-499 ends the delivery (4xx are client errors SNS does not retry);
 * a 5xx, a timeout or a connection failure is a failed attempt to retry.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export const HTTP_DELIVERY_TIMEOUT_MS = 15_000;

export type PostOutcome =
  | { readonly kind: 'delivered'; readonly statusCode: number }
  | { readonly kind: 'rejected'; readonly statusCode: number }
  | {
      readonly kind: 'failed';
      readonly statusCode?: number | undefined;
      readonly error: string;
      readonly timedOut: boolean;
    };

export interface PostOptions {
  readonly timeoutMs?: number;
  /** Verify the endpoint's TLS certificate (off by default: local endpoints use self-signed certificates). */
  readonly verifyTls?: boolean;
  readonly signal?: AbortSignal;
}

export function postMessage(
  endpoint: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  options: PostOptions = {},
): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      resolve({ kind: 'failed', error: `invalid endpoint URL ${endpoint}`, timedOut: false });
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const payload = Buffer.from(body, 'utf8');
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(payload.length) },
        timeout: options.timeoutMs ?? HTTP_DELIVERY_TIMEOUT_MS,
        ...(url.protocol === 'https:' ? { rejectUnauthorized: options.verifyTls === true } : {}),
        ...(options.signal !== undefined ? { signal: options.signal } : {}),
      },
      (res) => {
        res.resume();
        const statusCode = res.statusCode ?? 0;
        res.on('end', () => {
          if (statusCode >= 200 && statusCode < 300) resolve({ kind: 'delivered', statusCode });
          else if (statusCode >= 300 && statusCode < 500) resolve({ kind: 'rejected', statusCode });
          else resolve({ kind: 'failed', statusCode, error: `HTTP ${statusCode}`, timedOut: false });
        });
        res.on('error', (error) =>
          resolve({ kind: 'failed', statusCode, error: error.message, timedOut: false }),
        );
      },
    );
    req.on('timeout', () => {
      req.destroy(new Error('timeout'));
    });
    req.on('error', (error) => {
      const timedOut = error.message === 'timeout';
      resolve({
        kind: 'failed',
        error: timedOut ? 'connection timed out after 15 seconds' : error.message,
        timedOut,
      });
    });
    req.end(payload);
  });
}
