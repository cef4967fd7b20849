import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, normalize, sep } from 'node:path';
import { admit, checkJsonPost, createLoopbackGuard } from '../util/loopback-guard.ts';
import { AccessGate } from './access-gate.ts';

/** A route's answer: JSON, or text with a content type. */
export type RouteAnswer =
  { status?: number; json: unknown } | { status?: number; text: string; type: string };

export type RouteHandler = (request: {
  readonly url: URL;
  readonly body: unknown;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
}) => Promise<RouteAnswer | 'handled'>;

/** `METHOD /path` → handler (exact paths; `GET /api/audit/` style prefixes end with `/`). */
export type Routes = Readonly<Record<string, RouteHandler>>;

/** An error whose message the page shows as it is: bad input, not a crash. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const PUBLIC_DIR = join(import.meta.dirname, 'public');
const UPLOT_DIR = join(createRequire(import.meta.url).resolve('uplot/package.json'), '..', 'dist');
const MAX_BODY_BYTES = 64 * 1024;
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export interface PlaygroundHttp {
  readonly url: string;
  /** The page's address with its access secret: print it, never log it elsewhere. */
  readonly urlWithSecret: string;
  close(): Promise<void>;
}

/**
 * The playground's listener on 127.0.0.1: refuses foreign Host headers and cross-origin requests
 * (the shared loopback guard), then anything without the run's secret (AccessGate), then POSTs that
 * are not JSON; serves the page from `public/`, uPlot from node_modules, and the routes.
 */
export async function listenPlayground(options: {
  routes: Routes;
  port?: number;
  onError: (error: unknown) => void;
}): Promise<PlaygroundHttp> {
  const gate = new AccessGate();
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (!admit(guard, req, res)) return;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const access = gate.check(req, url);
    if (access.kind === 'refused') return sendText(res, 401, `${access.reason}\n`);
    if (access.kind === 'enter') {
      res.writeHead(303, { location: access.location, 'set-cookie': access.setCookie });
      return res.end();
    }
    const json = checkJsonPost(req.method ?? 'GET', req.headers);
    if (!json.ok) return sendText(res, 415, `${json.reason}\n`);
    handle(req, res, url, options.routes).catch((error: unknown) => {
      if (!(error instanceof RequestError)) options.onError(error);
      const status = error instanceof RequestError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendJson(res, status, { error: message });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // Requests are handled only after this line: the listen callback resolved before any could arrive.
  const guard = createLoopbackGuard({ port, boundAddress: '127.0.0.1' });
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    urlWithSecret: `${url}?s=${gate.secret}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, url: URL, routes: Routes): Promise<void> {
  const method = req.method ?? 'GET';
  const path = url.pathname;
  if (method === 'GET' && (path === '/' || path === '/index.html'))
    return serveFile(res, PUBLIC_DIR, 'index.html');
  if (method === 'GET' && path.startsWith('/app/'))
    return serveFile(res, PUBLIC_DIR, path.slice('/app/'.length));
  if (method === 'GET' && path.startsWith('/vendor/uplot/'))
    return serveFile(res, UPLOT_DIR, path.slice('/vendor/uplot/'.length));
  const handler =
    routes[`${method} ${path}`] ?? routes[`${method} ${path.slice(0, path.lastIndexOf('/') + 1)}`];
  if (!handler) {
    const other = Object.keys(routes).some((r) => r.endsWith(` ${path}`));
    throw new RequestError(
      other ? 405 : 404,
      other ? `${method} is not allowed on ${path}` : `no such page: ${path}`,
    );
  }
  const body = method === 'POST' ? await readJson(req) : undefined;
  const answer = await handler({ url, body, req, res });
  if (answer === 'handled') return;
  if ('json' in answer) sendJson(res, answer.status ?? 200, answer.json);
  else sendText(res, answer.status ?? 200, answer.text, answer.type);
}

async function serveFile(res: ServerResponse, root: string, relative: string): Promise<void> {
  const path = normalize(join(root, relative));
  const type = CONTENT_TYPES[extname(path)];
  if (!path.startsWith(root + sep) || type === undefined)
    throw new RequestError(404, `no such file: ${relative}`);
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch {
    throw new RequestError(404, `no such file: ${relative}`);
  }
  res.writeHead(200, { 'content-type': type, 'content-length': content.length });
  res.end(content);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new RequestError(413, `request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RequestError(400, `the request body is not valid JSON (${(error as Error).message})`);
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  sendText(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  type = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { 'content-type': type });
  res.end(text);
}
