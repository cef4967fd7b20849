import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { listenerGuard, type LoopbackGuard } from '../util/loopback-guard.ts';
import type { EmulatorCore } from './core.ts';
import type { LabRequest, LabResponse } from './protocol/http.ts';

/**
 * The only Node-specific part of the emulator: converts `IncomingMessage` into a LabRequest (body
 * read, gunzipped when `Content-Encoding: gzip`, since the SDK compresses PutMetricData bodies of
 * 10 KiB and more), hands it to the core, and writes the LabResponse back. Requests with a foreign
 * Host (DNS rebinding) or another web page's Origin are answered `core.refuse(…)` unread: the
 * allowed hosts depend on the bound address and port, which only this adapter knows.
 */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;
const gunzipAsync = promisify(gunzip);

export interface ListeningServer {
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(
  core: EmulatorCore,
  options: { host: string; port: number; signal: AbortSignal; allowedHosts?: readonly string[] },
): Promise<ListeningServer> {
  const server: Server = createServer((req, res) => {
    void serve(core, guard, req, res, options.signal);
  });
  const guard = listenerGuard(server, { extraHosts: options.allowedHosts ?? [] });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    endpoint: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(
  core: EmulatorCore,
  guard: LoopbackGuard,
  req: IncomingMessage,
  res: ServerResponse,
  stopSignal: AbortSignal,
): Promise<void> {
  const controller = new AbortController();
  const onStop = (): void => controller.abort(stopSignal.reason);
  stopSignal.addEventListener('abort', onStop, { once: true });
  res.on('close', () => {
    stopSignal.removeEventListener('abort', onStop);
    if (!res.writableFinished) controller.abort(new Error('client went away'));
  });
  try {
    const admitted = guard.check(req.headers);
    if (!admitted.ok) {
      // Unread body: close the connection rather than drain what a hostile page sent.
      const refusal = core.refuse(toLabRequest(req, Buffer.alloc(0)), admitted.reason);
      send(res, { ...refusal, headers: { ...refusal.headers, connection: 'close' } });
      return;
    }
    let body = await readBody(req);
    if (body === undefined) {
      sendPlain(res, 413, {
        __type: 'RequestEntityTooLarge',
        message: `Request bodies are limited to ${MAX_REQUEST_BYTES} bytes`,
      });
      return;
    }
    if ((req.headers['content-encoding'] ?? '').toLowerCase().includes('gzip')) {
      try {
        body = await gunzipAsync(body);
      } catch {
        sendPlain(res, 400, {
          __type: 'SerializationException',
          message: 'Content-Encoding: gzip, but the body is not valid gzip',
        });
        return;
      }
    }
    const response = await core.handle(toLabRequest(req, body), controller.signal);
    if (res.destroyed) return;
    send(res, response);
  } catch (error) {
    // The core never throws; this guards the adapter itself.
    if (!res.headersSent) sendPlain(res, 500, { __type: 'InternalFailure', message: String(error) });
    else res.destroy();
  }
}

function toLabRequest(req: IncomingMessage, body: Buffer): LabRequest {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers,
    body,
    origin: `http://${req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`}`,
  };
}

function send(res: ServerResponse, response: LabResponse): void {
  const payload = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  res.writeHead(response.status, { ...response.headers, 'content-length': String(payload.length) });
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

function sendPlain(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}
