import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { buildVault, checkCachedVault, vaultCachePaths } from '../../../harness/vault/index.ts';
import {
  downloadVaultRelease,
  releasesBaseUrl,
  VAULT_RELEASE_SHA256,
} from '../../../harness/vault/binary/release-download.ts';
import { testVaultBinary } from '../../support/vault-server.ts';

const ZIP_PATH = '/1.14.0/vault_1.14.0_linux_amd64.zip';

/** A release-shaped zip: `vault` (this script) and a licence file, as HashiCorp ships them. */
function zipWith(vaultScript: string): Promise<Buffer> {
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(vaultScript), 'vault', { mode: 0o100755 });
  zip.addBuffer(Buffer.from('MPL-2.0\n'), 'LICENSE.txt');
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

let server: Server;
let baseUrl: string;
/** What the mirror serves at ZIP_PATH; `hang` answers nothing at all. */
let served: Buffer | 'hang' = Buffer.alloc(0);
let requests = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests++;
    if (served === 'hang') return;
    if (request.url !== ZIP_PATH) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/zip', 'content-length': served.length });
    response.end(served);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'vault-release-'));
  requests = 0;
});
afterEach(async () => {
  server.closeAllConnections();
  await rm(work, { recursive: true, force: true });
});

describe('the official release download', () => {
  it('pins the published SHA-256 of both linux archs', () => {
    expect(Object.keys(VAULT_RELEASE_SHA256).sort()).toEqual(['amd64', 'arm64']);
    for (const digest of Object.values(VAULT_RELEASE_SHA256)) expect(digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes the base URL from VAULT_RELEASES_URL for mirrors, and "off" skips the download', () => {
    expect(releasesBaseUrl({})).toBe('https://releases.hashicorp.com/vault');
    expect(releasesBaseUrl({ VAULT_RELEASES_URL: 'https://mirror.example/vault/' })).toBe(
      'https://mirror.example/vault',
    );
    expect(releasesBaseUrl({ VAULT_RELEASES_URL: 'off' })).toBeUndefined();
  });

  it('extracts vault from a zip whose SHA-256 matches the pin', async () => {
    served = await zipWith("#!/bin/sh\necho 'fake vault'\n");
    const events: string[] = [];
    const result = await downloadVaultRelease({
      workDir: work,
      baseUrl,
      arch: 'x64',
      checksums: { amd64: sha256(served) },
      report: (phase, message) => events.push(`${phase}: ${message}`),
    });
    expect(result).toMatchObject({ ok: true, url: `${baseUrl}${ZIP_PATH}`, sha256: sha256(served) });
    const binary = join(work, 'vault');
    expect((await stat(binary)).mode & 0o111).not.toBe(0);
    expect((await execa(binary)).stdout).toBe('fake vault');
    expect(await readdir(work)).toEqual(['vault']);
    expect(events).toContain(
      `download: vault_1.14.0_linux_amd64.zip: SHA-256 ${sha256(served)} matches the published checksum`,
    );
  });

  it('refuses a zip whose SHA-256 differs from the pin and leaves nothing behind', async () => {
    served = await zipWith("#!/bin/sh\necho 'tampered'\n");
    await expect(
      downloadVaultRelease({ workDir: work, baseUrl, arch: 'x64', checksums: { amd64: '0'.repeat(64) } }),
    ).rejects.toMatchObject({
      code: 'LAB_VAULT_BUILD',
      message: expect.stringContaining(`SHA-256 ${sha256(served)} is not the published ${'0'.repeat(64)}`),
    });
    expect(await readdir(work)).toEqual([]);
  });

  it('gives up within the connect timeout when the server does not answer (offline fallback)', async () => {
    served = 'hang';
    const result = await downloadVaultRelease({
      workDir: work,
      baseUrl,
      arch: 'x64',
      checksums: { amd64: 'a'.repeat(64) },
      connectTimeoutMs: 300,
    });
    expect(result).toEqual({ ok: false, reason: `${baseUrl}${ZIP_PATH}: no answer within 0.3s` });
    expect(requests).toBe(1);
  });

  it('answers "not available" for a missing file or an arch without a pin', async () => {
    served = Buffer.from('x');
    expect(
      await downloadVaultRelease({ workDir: work, baseUrl: `${baseUrl}/elsewhere`, arch: 'x64' }),
    ).toEqual({ ok: false, reason: `${baseUrl}/elsewhere${ZIP_PATH}: HTTP 404` });
    expect(await downloadVaultRelease({ workDir: work, baseUrl, arch: 'ia32' })).toEqual({
      ok: false,
      reason: 'no official linux release is pinned for ia32',
    });
  });

  it('buildVault installs a verified release without Go: version and smoke test as for a build', async () => {
    // The zip's `vault` runs the real 1.14.0 binary, so the version check and dev-server smoke test are real.
    served = await zipWith(`#!/bin/sh\nexec '${testVaultBinary()}' "$@"\n`);
    const env = { PATH: '/usr/bin:/bin', HOME: work, VAULT_ALARM_LAB_CACHE_DIR: join(work, 'cache') };
    const result = await buildVault({
      env,
      goFallbackPaths: [],
      release: { baseUrl, checksums: { [process.arch === 'arm64' ? 'arm64' : 'amd64']: sha256(served) } },
    });
    expect(result.built).toBe(true);
    expect(result.metadata.release).toEqual({
      url: expect.stringContaining(baseUrl),
      sha256: sha256(served),
    });
    expect(await checkCachedVault(vaultCachePaths(env), env)).toMatchObject({ ok: true });
    expect(await readFile(result.path, 'utf8')).toContain(testVaultBinary());
  });

  it('buildVault falls back to the Go build when the release cannot be fetched', async () => {
    served = 'hang';
    const env = { PATH: '/nonexistent', HOME: work, VAULT_ALARM_LAB_CACHE_DIR: join(work, 'cache') };
    const events: string[] = [];
    // No Go here: reaching the toolchain check proves the fallback ran.
    await expect(
      buildVault({
        env,
        goFallbackPaths: [],
        release: { baseUrl, connectTimeoutMs: 300 },
        onProgress: (event) => events.push(`${event.phase}: ${event.message}`),
      }),
    ).rejects.toMatchObject({
      code: 'LAB_VAULT_BINARY',
      message: expect.stringContaining('needs the Go toolchain'),
    });
    expect(events).toContain(
      `download: official release not available (${baseUrl}/1.14.0/vault_1.14.0_linux_${process.arch === 'arm64' ? 'arm64' : 'amd64'}.zip: no answer within 0.3s); building from source instead`,
    );
  });
});
