import { createVerify, X509Certificate } from 'node:crypto';
import type { SnsEnvelope } from './sns-message.ts';

/**
 * Verifies SNS message signatures as AWS documents it (SNS developer guide,
 * sns-verify-signature-of-message): build the string to sign from the listed keys in byte order
 * (`key\nvalue\n`), fetch the X.509 certificate from `SigningCertURL` — only from a trusted origin —
 * and check the base64 signature with SHA1withRSA (version 1) or SHA256withRSA (version 2).
 */
export interface SignatureVerifierOptions {
  /**
   * Origins whose certificates are trusted besides AWS's own `https://sns.<region>.amazonaws.com`
   * (the lab emulator or LocalStack endpoint, e.g. `http://127.0.0.1:4566`).
   */
  readonly trustedOrigins?: readonly string[];
  /** Fetches a certificate; the default uses `fetch`. */
  readonly fetchCertificate?: (url: string) => Promise<string>;
}

export type VerifyOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const AWS_CERT_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;
const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\])$/;

const NOTIFICATION_KEYS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const;
const CONFIRMATION_KEYS = [
  'Message',
  'MessageId',
  'SubscribeURL',
  'Timestamp',
  'Token',
  'TopicArn',
  'Type',
] as const;

export function stringToSign(envelope: SnsEnvelope): string {
  const keys = envelope.Type === 'Notification' ? NOTIFICATION_KEYS : CONFIRMATION_KEYS;
  const record = envelope as unknown as Record<string, string | undefined>;
  let out = '';
  for (const key of keys) {
    const value = record[key];
    // Subject is signed only when present (it is optional on notifications).
    if (value === undefined) continue;
    out += `${key}\n${value}\n`;
  }
  return out;
}

export class SignatureVerifier {
  readonly #trusted: Set<string>;
  readonly #fetch: (url: string) => Promise<string>;
  readonly #certificates = new Map<string, Promise<string>>();

  constructor(options: SignatureVerifierOptions = {}) {
    this.#trusted = new Set((options.trustedOrigins ?? []).map((o) => new URL(o).origin));
    this.#fetch = options.fetchCertificate ?? defaultFetch;
  }

  async verify(envelope: SnsEnvelope): Promise<VerifyOutcome> {
    const algorithm =
      envelope.SignatureVersion === '1'
        ? 'RSA-SHA1'
        : envelope.SignatureVersion === '2'
          ? 'RSA-SHA256'
          : undefined;
    if (!algorithm)
      return {
        ok: false,
        reason: `unsupported SignatureVersion ${JSON.stringify(envelope.SignatureVersion)}`,
      };
    const source = this.#certificateSource(envelope.SigningCertURL);
    if (!source.ok) return { ok: false, reason: source.reason };
    let pem: string;
    try {
      pem = await this.#certificate(source.url);
      // Parse once to reject anything that is not a certificate before using it as a key.
      new X509Certificate(pem);
    } catch (error) {
      this.#certificates.delete(source.url);
      return {
        ok: false,
        reason: `cannot load the signing certificate ${envelope.SigningCertURL}: ${(error as Error).message}`,
      };
    }
    const verifier = createVerify(algorithm);
    verifier.update(stringToSign(envelope), 'utf8');
    const ok = verifier.verify(pem, envelope.Signature, 'base64');
    return ok ? { ok: true } : { ok: false, reason: 'signature does not match the message and certificate' };
  }

  /**
   * Where to fetch a SigningCertURL's certificate from, if it is trusted: AWS's SNS hosts, a trusted
   * origin, or (for the lab emulator, whose https certificate listener has a self-signed TLS
   * certificate) the same file through a trusted loopback endpoint's `/_lab/sns/<file>.pem` route.
   */
  #certificateSource(raw: string): { ok: true; url: string } | { ok: false; reason: string } {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, reason: `SigningCertURL ${JSON.stringify(raw)} is not a URL` };
    }
    if (this.#trusted.has(url.origin)) return { ok: true, url: raw };
    if (url.protocol === 'https:' && AWS_CERT_HOST.test(url.hostname) && url.pathname.endsWith('.pem')) {
      return { ok: true, url: raw };
    }
    const lab = [...this.#trusted].find((o) => LOOPBACK.test(new URL(o).hostname));
    if (lab && LOOPBACK.test(url.hostname) && /^\/[A-Za-z0-9_.-]+\.pem$/.test(url.pathname)) {
      return { ok: true, url: `${lab}/_lab/sns${url.pathname}` };
    }
    return {
      ok: false,
      reason: `SigningCertURL ${raw} is neither an AWS SNS host nor a trusted lab endpoint`,
    };
  }

  #certificate(url: string): Promise<string> {
    let pending = this.#certificates.get(url);
    if (!pending) {
      pending = this.#fetch(url);
      this.#certificates.set(url, pending);
    }
    return pending;
  }
}

async function defaultFetch(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}
