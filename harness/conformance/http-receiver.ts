import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST as it arrived: headers and body, untouched. */
export interface ReceivedPost {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface HttpReceiver {
  /** `http://127.0.0.1:PORT/sns`. */
  readonly url: string;
  readonly posts: readonly ReceivedPost[];
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 256 * 1024;

/**
 * A subscriber endpoint on 127.0.0.1 that keeps every POST exactly as delivered and answers 200, so
 * the checks can look at SNS's headers, envelope and signature themselves (the lab's HTTP sink
 * confirms and verifies on its own; here the endpoint's behaviour is what is measured).
 */
export async function startHttpReceiver(): Promise<HttpReceiver> {
  const posts: ReceivedPost[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (req.method === 'POST' && size <= MAX_BODY_BYTES)
        posts.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(size <= MAX_BODY_BYTES ? 200 : 413).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sns`,
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
