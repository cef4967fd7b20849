import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { findFreePortPair } from '../../../../harness/vault/server/free-port.ts';

describe('findFreePortPair', () => {
  it('returns a port whose neighbour is free too (the dev server binds P and P+1)', async () => {
    const port = await findFreePortPair();
    for (const candidate of [port, port + 1]) {
      const server = createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: candidate, host: '127.0.0.1', exclusive: true }, resolve);
      });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('gives up with a coded start error that names the host', async () => {
    await expect(findFreePortPair('127.0.0.1', 0)).rejects.toMatchObject({
      code: 'LAB_VAULT_START',
      message: expect.stringContaining('no two adjacent free TCP ports on 127.0.0.1'),
    });
  });
});
