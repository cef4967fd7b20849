import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of the emulator that can hold PutLogEvents responses back after the
 * emulator has stored the events: the window in which a shipper killed now has been accepted but
 * has not heard so (the case that forces it to look in the stream after a restart).
 */
export interface SlowProxy {
  readonly endpoint: string;
  /** Delay for PutLogEvents responses from now on (0 = none). */
  setDelay(ms: number): void;
  /** Responses currently held back. */
  held(): number;
  /** Operation, Content-Encoding and body size of every request seen. */
  seen(): readonly SeenRequest[];
  stop(): Promise<void>;
}

export interface SeenRequest {
  readonly operation: string;
  readonly encoding: string | undefined;
  /** Content-Length: the body as sent (compressed when gzipped). */
  readonly bytes: number;
}

export async function startSlowProxy(target: string): Promise<SlowProxy> {
  const upstream = new URL(target);
  let delay = 0;
  let held = 0;
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const encoding = req.headers['content-encoding'];
    seen.push({
      operation:
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '',
      encoding: typeof encoding === 'string' ? encoding : undefined,
      bytes: Number(req.headers['content-length'] ?? 0),
    });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          // The emulator answers only to its own host:port (DNS-rebinding guard), as behind any
          // reverse proxy that forwards to it.
          headers: { ...req.headers, host: upstream.host },
        },
        (up) => {
          const body: Buffer[] = [];
          up.on('data', (c: Buffer) => body.push(c));
          up.on('end', () => {
            const send = () => {
              res.writeHead(up.statusCode ?? 502, up.headers);
              res.end(Buffer.concat(body));
            };
            const isPut = String(req.headers['x-amz-target'] ?? '').endsWith('.PutLogEvents');
            if (isPut && delay > 0) {
              held++;
              setTimeout(() => {
                held--;
                send();
              }, delay);
            } else send();
          });
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    setDelay: (ms) => (delay = ms),
    held: () => held,
    seen: () => seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
