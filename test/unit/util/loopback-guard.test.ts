import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  admit,
  allowedHostsFromEnv,
  checkJsonPost,
  createLoopbackGuard,
  listenerGuard,
} from '../../../harness/util/loopback-guard.ts';

const guard = createLoopbackGuard({ port: 4566, boundAddress: '127.0.0.1' });

describe('Host allow-list', () => {
  it.each(['localhost:4566', '127.0.0.1:4566', '[::1]:4566', 'LOCALHOST:4566'])('accepts %s', (host) => {
    expect(guard.checkHost({ host })).toEqual({ ok: true });
  });

  it.each([
    'evil.example',
    'evil.example:4566',
    'localhost:4567',
    'localhost', // port 80, not the bound one
    'localhost.:4566',
    '127.1:4566',
    'localhost:4566@evil.example',
    'evil.example/localhost:4566',
    '',
  ])('refuses %j', (host) => {
    const verdict = guard.checkHost({ host });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toContain('is not allowed');
  });

  it('refuses a request without Host', () => {
    expect(guard.checkHost({})).toEqual({ ok: false, reason: expect.stringContaining('Host (none)') });
  });

  it('accepts the bound address and configured extra hosts', () => {
    const extra = createLoopbackGuard({
      port: 9000,
      boundAddress: '::1',
      extraHosts: ['host.docker.internal', 'lab.test:8080'],
    });
    expect(extra.allowedHosts).toEqual([
      'localhost:9000',
      '127.0.0.1:9000',
      '[::1]:9000',
      'host.docker.internal:9000',
      'lab.test:8080',
    ]);
    expect(extra.checkHost({ host: 'host.docker.internal:9000' }).ok).toBe(true);
    expect(extra.checkHost({ host: 'lab.test:8080' }).ok).toBe(true);
    expect(extra.checkHost({ host: 'lab.test:9000' }).ok).toBe(false);
  });

  it('names a configured host that is not one', () => {
    expect(() => createLoopbackGuard({ port: 1, extraHosts: ['http://x/'] })).toThrow(
      "allowed host 'http://x/' is not a host name or host:port",
    );
  });

  it('reads extra hosts from VAULT_ALARM_LAB_ALLOWED_HOSTS', () => {
    expect(allowedHostsFromEnv({ VAULT_ALARM_LAB_ALLOWED_HOSTS: ' a.test, ,b.test:1 ' })).toEqual([
      'a.test',
      'b.test:1',
    ]);
    expect(allowedHostsFromEnv({})).toEqual([]);
  });
});

describe('Origin', () => {
  const host = '127.0.0.1:4566';

  it('accepts requests without Origin (tools) and from its own origin', () => {
    expect(guard.checkOrigin({ host }).ok).toBe(true);
    expect(guard.checkOrigin({ host, origin: 'http://127.0.0.1:4566' }).ok).toBe(true);
    expect(guard.checkOrigin({ host: 'localhost:4566', origin: 'http://localhost:4566' }).ok).toBe(true);
    expect(guard.checkOrigin({ host, 'sec-fetch-site': 'same-origin' }).ok).toBe(true);
    expect(guard.checkOrigin({ host, 'sec-fetch-site': 'none' }).ok).toBe(true);
  });

  it.each([
    'http://evil.example',
    'http://localhost:4566', // another origin than the Host the request went to
    'http://127.0.0.1:3000',
    'https://127.0.0.1:4566',
    'null',
    'garbage',
  ])('refuses Origin %s', (origin) => {
    const verdict = guard.checkOrigin({ host, origin });
    expect(verdict).toEqual({ ok: false, reason: `cross-origin requests are refused (Origin: ${origin})` });
  });

  it('refuses a browser request from another site that carries no Origin', () => {
    expect(guard.checkOrigin({ host, 'sec-fetch-site': 'cross-site' }).ok).toBe(false);
    expect(guard.checkOrigin({ host, 'sec-fetch-site': 'same-site' }).ok).toBe(false);
  });

  it('accepts configured trusted origins', () => {
    const trusting = createLoopbackGuard({ port: 4566, trustedOrigins: ['http://127.0.0.1:3000'] });
    expect(trusting.checkOrigin({ host, origin: 'http://127.0.0.1:3000' }).ok).toBe(true);
    expect(trusting.checkOrigin({ host, origin: 'http://127.0.0.1:3001' }).ok).toBe(false);
  });

  it('check() refuses a foreign Host before looking at Origin', () => {
    const verdict = guard.check({ host: 'evil.example', origin: 'http://evil.example' });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(/^Host 'evil.example' is not allowed/);
  });
});

describe('checkJsonPost', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON'])('accepts %s', (ct) => {
    expect(checkJsonPost('POST', { 'content-type': ct }).ok).toBe(true);
  });

  it.each([
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonp',
  ])('refuses a POST as %s', (ct) => {
    expect(checkJsonPost('POST', { 'content-type': ct })).toEqual({
      ok: false,
      reason: `POST bodies must be sent as Content-Type: application/json, got '${ct}'`,
    });
  });

  it('refuses a POST without content type and lets other methods pass', () => {
    expect(checkJsonPost('POST', {}).ok).toBe(false);
    expect(checkJsonPost('GET', {}).ok).toBe(true);
    expect(checkJsonPost('DELETE', {}).ok).toBe(true);
  });
});

describe('admit + listenerGuard (over real HTTP)', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  async function serve(): Promise<string> {
    const server = createServer((req, res) => {
      if (!admit(guard, req, res)) return;
      res.end('served');
    });
    const guard = listenerGuard(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    expect(guard.allowedHosts).toContain(`127.0.0.1:${port}`);
    close = () => new Promise((resolve) => server.close(() => resolve()));
    return `http://127.0.0.1:${port}`;
  }

  it('serves loopback requests and answers 403 with the reason to the others', async () => {
    const url = await serve();
    const ok = await fetch(url);
    expect([ok.status, await ok.text()]).toEqual([200, 'served']);
    const crossOrigin = await fetch(url, { method: 'POST', headers: { origin: 'http://evil.example' } });
    expect(crossOrigin.status).toBe(403);
    expect(await crossOrigin.text()).toBe(
      'cross-origin requests are refused (Origin: http://evil.example)\n',
    );
  });
});
