/**
 * What every lab listener checks before it acts on a request, so that a web page the user happens to
 * visit cannot drive or wipe a running lab (issue 10 item 2):
 *
 * - **Host allow-list** (DNS rebinding): `localhost`, `127.0.0.1`, `[::1]` and the bound address, at
 *   the bound port, plus hosts the user configures (`VAULT_ALARM_LAB_ALLOWED_HOSTS`). A page on
 *   `evil.example` whose name was re-pointed at 127.0.0.1 still sends `Host: evil.example`.
 * - **Origin**: a browser names the page that sent a request in `Origin` (and `Sec-Fetch-Site`); only
 *   the listener's own origin is accepted. Tools (SDK, CLI, curl, the agent) send no `Origin`.
 * - **JSON-only POSTs** ({@link checkJsonPost}): `application/json` is not a content type an HTML form
 *   or a CORS-simple `fetch` can send, so a cross-site page cannot reach such a route even from a
 *   browser that omits `Origin`.
 *
 * Pure functions over header values, shared by the emulator core, the sinks and every other lab
 * listener; `admit` wraps them for a plain Node handler.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Server } from 'node:net';

/** Header values as Node's `IncomingMessage.headers` or a plain lower-cased record holds them. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

export type GuardVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface LoopbackGuardOptions {
  /** The port the listener is bound to. */
  readonly port: number;
  /** The address it is bound to (e.g. `127.0.0.1`, `::1`); allowed as a Host besides the loopback names. */
  readonly boundAddress?: string;
  /** The scheme the listener serves, for its own origin (default `http`). */
  readonly scheme?: 'http' | 'https';
  /**
   * Further Host values to accept: `name` (at the bound port) or `name:port`. For a lab reached
   * under another name, e.g. from a container (`host.docker.internal`).
   */
  readonly extraHosts?: readonly string[];
  /**
   * Further origins to accept besides the listener's own (exact `scheme://host:port`), e.g. a lab
   * front end served from another loopback port that calls this listener.
   */
  readonly trustedOrigins?: readonly string[];
}

export interface LoopbackGuard {
  /** `host:port` values accepted, in the order they are checked (for messages). */
  readonly allowedHosts: readonly string[];
  /** The Host header is one of {@link allowedHosts}. */
  checkHost(headers: HeaderBag): GuardVerdict;
  /**
   * The listener's own origin or a trusted one; no `Origin` at all (a tool, not a browser) unless
   * `Sec-Fetch-Site` says a browser came from another site.
   */
  checkOrigin(headers: HeaderBag): GuardVerdict;
  /** {@link checkHost} then {@link checkOrigin}. */
  check(headers: HeaderBag): GuardVerdict;
}

/** The environment variable holding extra allowed hosts, comma-separated. */
export const ALLOWED_HOSTS_ENV = 'VAULT_ALARM_LAB_ALLOWED_HOSTS';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const ALLOWED = { ok: true } as const;

export function createLoopbackGuard(options: LoopbackGuardOptions): LoopbackGuard {
  const scheme = options.scheme ?? 'http';
  const defaultPort = scheme === 'https' ? 443 : 80;
  const names = [...LOOPBACK_NAMES];
  if (options.boundAddress !== undefined) names.push(bracketIpv6(options.boundAddress.toLowerCase()));
  const allowed = new Set<string>();
  for (const name of names) allowed.add(`${name}:${options.port}`);
  for (const extra of options.extraHosts ?? []) {
    const parsed = parseHost(extra.trim());
    if (parsed === undefined) throw new Error(`allowed host '${extra}' is not a host name or host:port`);
    allowed.add(`${parsed.name}:${parsed.port ?? options.port}`);
  }
  const allowedHosts = [...allowed];
  const trustedOrigins = new Set(
    (options.trustedOrigins ?? []).map((origin) => {
      const key = originKey(origin, origin.split(':', 1)[0]!.toLowerCase());
      if (key === undefined) throw new Error(`trusted origin '${origin}' is not scheme://host[:port]`);
      return key;
    }),
  );

  function hostKey(headers: HeaderBag): string | undefined {
    const host = single(headers['host']);
    if (host === undefined) return undefined;
    const parsed = parseHost(host);
    if (parsed === undefined) return undefined;
    return `${parsed.name}:${parsed.port ?? defaultPort}`;
  }

  function checkHost(headers: HeaderBag): GuardVerdict {
    const key = hostKey(headers);
    if (key !== undefined && allowed.has(key)) return ALLOWED;
    const got = single(headers['host']);
    return {
      ok: false,
      reason: `Host ${got === undefined ? '(none)' : `'${got}'`} is not allowed; this lab answers to ${allowedHosts.join(', ')} (add more with ${ALLOWED_HOSTS_ENV})`,
    };
  }

  function checkOrigin(headers: HeaderBag): GuardVerdict {
    const origin = single(headers['origin']);
    if (origin === undefined) {
      // Browsers omit Origin on no-cors GETs (`<img src>`, navigations) but say where they came from.
      const site = single(headers['sec-fetch-site'])?.toLowerCase();
      if (site === 'cross-site' || site === 'same-site') {
        return { ok: false, reason: `cross-site requests are refused (Sec-Fetch-Site: ${site})` };
      }
      return ALLOWED;
    }
    const key = originKey(origin, scheme);
    if (key === undefined)
      return { ok: false, reason: `cross-origin requests are refused (Origin: ${origin})` };
    const ownHost = hostKey(headers);
    const own = ownHost !== undefined && allowed.has(ownHost) && key === `${scheme}://${ownHost}`;
    if (own || trustedOrigins.has(key)) return ALLOWED;
    return { ok: false, reason: `cross-origin requests are refused (Origin: ${origin})` };
  }

  return {
    allowedHosts,
    checkHost,
    checkOrigin,
    check(headers) {
      const host = checkHost(headers);
      return host.ok ? checkOrigin(headers) : host;
    },
  };
}

/**
 * A POST must carry `Content-Type: application/json` (parameters such as `; charset=utf-8` allowed);
 * other methods pass. HTML forms and CORS-simple requests can only send `text/plain`,
 * `application/x-www-form-urlencoded` or `multipart/form-data`.
 */
export function checkJsonPost(method: string, headers: HeaderBag): GuardVerdict {
  if (method.toUpperCase() !== 'POST') return ALLOWED;
  const contentType = single(headers['content-type']);
  if (contentType !== undefined && isJsonMediaType(contentType)) return ALLOWED;
  return {
    ok: false,
    reason: `POST bodies must be sent as Content-Type: application/json, got ${contentType === undefined ? 'none' : `'${contentType}'`}`,
  };
}

export function isJsonMediaType(contentType: string): boolean {
  return contentType.split(';', 1)[0]!.trim().toLowerCase() === 'application/json';
}

/** Extra allowed hosts from `VAULT_ALARM_LAB_ALLOWED_HOSTS` (comma-separated, blanks ignored). */
export function allowedHostsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env[ALLOWED_HOSTS_ENV] ?? '')
    .split(',')
    .map((host) => host.trim())
    .filter((host) => host !== '');
}

/** `name` lower-cased (IPv6 in brackets) and the port if one was given; undefined if not a plain host. */
function parseHost(value: string): { name: string; port: number | undefined } | undefined {
  if (value === '' || /[\s/?#@\\]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(`http://${value}`);
  } catch {
    return undefined;
  }
  // The URL parser normalises (`127.1` → `127.0.0.1`, trailing dots kept): compare what it made of
  // the name against what was sent, so only the exact spelling of an allowed name passes.
  const sentName = value.replace(/:\d*$/, '').toLowerCase();
  if (url.hostname !== sentName) return undefined;
  const portText = value.slice(sentName.length + 1);
  if (value.length > sentName.length && !/^\d{1,5}$/.test(portText)) return undefined;
  return { name: url.hostname, port: portText === '' ? undefined : Number(portText) };
}

/** `scheme://host:port` with the port spelled out, or undefined for `null` (sandboxed frames, file:) and garbage. */
function originKey(origin: string, scheme: string): string | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${scheme}:` || url.origin !== origin.toLowerCase().replace(/\/$/, '')) {
    return undefined;
  }
  return `${scheme}://${url.hostname}:${url.port === '' ? (scheme === 'https' ? 443 : 80) : url.port}`;
}

function bracketIpv6(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

function single(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

/**
 * The guard of a Node server, built from its bound address and port on the first request (a server
 * listening on port 0 learns its port only once it listens), so a handler can hold it from the start.
 */
export function listenerGuard(
  server: Server,
  options: Omit<LoopbackGuardOptions, 'port' | 'boundAddress'> = {},
): LoopbackGuard {
  let guard: LoopbackGuard | undefined;
  const resolve = (): LoopbackGuard => {
    if (guard !== undefined) return guard;
    const address = server.address() as AddressInfo | null;
    if (address === null) throw new Error('listenerGuard: the server is not listening');
    guard = createLoopbackGuard({ ...options, port: address.port, boundAddress: address.address });
    return guard;
  };
  return {
    get allowedHosts() {
      return resolve().allowedHosts;
    },
    checkHost: (headers) => resolve().checkHost(headers),
    checkOrigin: (headers) => resolve().checkOrigin(headers),
    check: (headers) => resolve().check(headers),
  };
}

/**
 * For a Node listener: checks Host and Origin of `req`; on refusal answers 403 with the reason
 * (plain text) and returns false, so a handler starts with `if (!admit(guard, req, res)) return;`.
 */
export function admit(guard: LoopbackGuard, req: IncomingMessage, res: ServerResponse): boolean {
  const verdict = guard.check(req.headers);
  if (verdict.ok) return true;
  res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(`${verdict.reason}\n`);
  return false;
}
