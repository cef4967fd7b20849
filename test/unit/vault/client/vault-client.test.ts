import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  VaultApiError,
  VaultClient,
  VaultPermissionDeniedError,
  VaultUnreachableError,
} from '../../../../harness/vault/index.ts';
import { vaultApiError } from '../../../../harness/vault/client/vault-api-error.ts';

/** A loopback port nobody listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('VaultClient without a server', () => {
  const client = new VaultClient({ address: 'http://127.0.0.1:1', token: 'hvs.x' });

  it('refuses a malformed address, naming it', () => {
    expect(() => new VaultClient({ address: '127.0.0.1:8200' })).toThrow(
      /expected http\(s\):\/\/host:port, got "127\.0\.0\.1:8200"/,
    );
  });

  it.each([
    ['a v1/ path', () => client.read('v1/sys/auth'), /without the "v1\/" prefix/],
    ['a path with ..', () => client.read('secret/../sys/auth'), /not a valid API path/],
    ['an empty token', () => client.withToken(''), /non-empty Vault token/],
    ['a bad policy name', () => client.policyWrite('no spaces', 'path "x" {}'), /not a valid policy name/],
    [
      'an unknown policy endpoint',
      () => client.policyRead('p', { endpoint: 'sys/acl' as 'sys/policy' }),
      /endpoint must be/,
    ],
    ['a negative num_uses', () => client.tokenCreate({ numUses: -1 }), /integer >= 0/],
    [
      'secret data that is not an object',
      () => client.secretWrite('x', [] as unknown as Record<string, unknown>),
      /object of key\/value/,
    ],
    ['a KV version 3', () => client.secretRead('x', { version: 3 as 2 }), /KV version must be 1 or 2/],
  ])('refuses %s before sending anything', async (_, call, message) => {
    await expect((async () => call())()).rejects.toMatchObject({
      code: 'LAB_CONFIG_INVALID',
      message: expect.stringMatching(message),
    });
  });

  it('says what it got instead of what it expected, without echoing a secret', async () => {
    await expect(
      (async () => client.secretWrite('x', [] as unknown as Record<string, unknown>))(),
    ).rejects.toThrow(
      'secretWrite(path, data): expected data to be an object of key/value pairs, got an array',
    );
    await expect((async () => client.unseal(null as unknown as string))()).rejects.toThrow(
      'unseal(key): expected the unseal key printed by the dev server, got null',
    );
  });

  it('reports a server that does not answer as unreachable', async () => {
    const port = await closedPort();
    const offline = new VaultClient({ address: `http://127.0.0.1:${port}`, token: 'hvs.x' });
    const error = await offline.authList().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultUnreachableError);
    expect(error).toMatchObject({
      code: 'LAB_VAULT_UNREACHABLE',
      message: expect.stringContaining(`127.0.0.1:${port}`),
    });
  });

  it('never shows its token in toString', () => {
    expect(
      String(new VaultClient({ address: 'http://127.0.0.1:8200', token: 'hvs.abcdefghijklmnop' })),
    ).not.toContain('abcdefghijklmnop');
  });
});

describe('Vault API errors', () => {
  it('makes a 403 "permission denied" a VaultPermissionDeniedError, with status and Vault errors', () => {
    const error = vaultApiError({
      status: 403,
      errors: ['1 error occurred:\n\t* permission denied\n\n'],
      method: 'GET',
      path: 'secret/data/x',
    });
    expect(error).toBeInstanceOf(VaultPermissionDeniedError);
    expect(error).toMatchObject({ code: 'LAB_VAULT_PERMISSION_DENIED', status: 403, path: 'secret/data/x' });
    expect(error.errors).toEqual(['1 error occurred:\n\t* permission denied\n\n']);
  });

  it('keeps other statuses as a plain VaultApiError', () => {
    const notFound = vaultApiError({ status: 404, errors: [], method: 'GET', path: 'sys/policies/acl/none' });
    expect(notFound).toBeInstanceOf(VaultApiError);
    expect(notFound).not.toBeInstanceOf(VaultPermissionDeniedError);
    expect(notFound).toMatchObject({
      code: 'LAB_VAULT_API',
      status: 404,
      message: expect.stringContaining('HTTP 404: no error text'),
    });
    expect(
      vaultApiError({
        status: 403,
        errors: ['wrapping token is not valid'],
        method: 'POST',
        path: 'sys/wrapping/unwrap',
      }),
    ).not.toBeInstanceOf(VaultPermissionDeniedError);
  });
});
