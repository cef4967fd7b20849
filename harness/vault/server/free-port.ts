import { createServer } from 'node:net';
import { VaultStartError } from '../errors.ts';

function listenOnce(
  port: number,
  host: string,
): Promise<{ port: number; close: () => Promise<void> } | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(undefined));
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      resolve({ port: bound, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/**
 * A free loopback port P whose neighbour P+1 is free too: the dev server puts its cluster listener
 * on the API port + 1. Another process can still take them before Vault binds; the caller retries on
 * "address already in use".
 */
export async function findFreePortPair(host = '127.0.0.1', attempts = 20): Promise<number> {
  for (let i = 0; i < attempts; i++) {
    const first = await listenOnce(0, host);
    if (!first) continue;
    const second = first.port < 65535 ? await listenOnce(first.port + 1, host) : undefined;
    await first.close();
    if (second) {
      await second.close();
      return first.port;
    }
  }
  throw new VaultStartError(
    `no two adjacent free TCP ports on ${host} after ${attempts} attempts (the dev server needs port P for its API and P+1 for its cluster listener)`,
  );
}
