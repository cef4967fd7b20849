import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The query parameter of the printed URL that carries the secret. */
export const SECRET_PARAMETER = 's';
const COOKIE = 'vault_alarm_lab_playground';

export type AccessVerdict =
  | { readonly kind: 'allowed' }
  /** The secret came in the URL: set the cookie and send the browser to the same page without it. */
  | { readonly kind: 'enter'; readonly location: string; readonly setCookie: string }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * A random per-run secret gates the page and its API: the printed URL carries it once, the answer
 * turns it into an HttpOnly SameSite=Strict cookie (scripts on the page never see it, other sites
 * never send it) and drops it from the address bar.
 */
export class AccessGate {
  readonly #secret: Buffer;

  constructor(secret: string = randomBytes(24).toString('base64url')) {
    this.#secret = Buffer.from(secret);
  }

  /** The secret for the printed URL (the one place it is shown). */
  get secret(): string {
    return this.#secret.toString();
  }

  check(req: IncomingMessage, url: URL): AccessVerdict {
    const offered = url.searchParams.get(SECRET_PARAMETER);
    if (offered !== null) {
      if (!this.#matches(offered))
        return { kind: 'refused', reason: 'the secret in the URL is not this run’s' };
      url.searchParams.delete(SECRET_PARAMETER);
      return {
        kind: 'enter',
        location: `${url.pathname}${url.search}`,
        setCookie: `${COOKIE}=${this.secret}; HttpOnly; SameSite=Strict; Path=/`,
      };
    }
    const cookie = cookieValue(req.headers.cookie, COOKIE);
    if (cookie !== undefined && this.#matches(cookie)) return { kind: 'allowed' };
    return {
      kind: 'refused',
      reason: 'no playground secret: open the URL the playground printed (it ends in ?s=…)',
    };
  }

  #matches(value: string): boolean {
    const offered = Buffer.from(value);
    return offered.length === this.#secret.length && timingSafeEqual(offered, this.#secret);
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
