import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import yauzl from 'yauzl';
import { VAULT_VERSION } from '../constants.ts';
import { VaultBuildError } from '../errors.ts';
import type { BuildReport } from './build-steps.ts';

/**
 * SHA-256 of the official `vault_1.14.0_linux_<arch>.zip` releases, as published in
 * https://releases.hashicorp.com/vault/1.14.0/vault_1.14.0_SHA256SUMS. Taken from HashiCorp's own
 * Homebrew tap (github.com/hashicorp/homebrew-tap, Formula/vault.rb at version 1.14.0) and checked
 * against an independent Nix expression pinning the same release (hashicorpRelease vault-bin 1.14.0):
 * both list these two values. A download whose digest differs is never used.
 */
export const VAULT_RELEASE_SHA256: Readonly<Record<string, string>> = {
  amd64: '3d5c27e35d8ed43d861e892fc7d8f888f2fda4319a36f344f8c09603fb184b50',
  arm64: '116ed35f19b3b91a7afc9533f602cd9cdbfbb08e66c785080b0046a034b0a051',
};

export const DEFAULT_RELEASES_URL = 'https://releases.hashicorp.com/vault';

/** Environment variable naming a mirror of releases.hashicorp.com/vault (`off` skips the download). */
export const RELEASES_URL_ENV = 'VAULT_RELEASES_URL';

/** How long to wait for the release server's first answer before building from source instead. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** A download that receives nothing for this long is given up (the build takes over). */
const STALL_TIMEOUT_MS = 60_000;

export interface ReleaseDownloadOptions {
  /** Directory the zip is downloaded to and `vault` extracted into. */
  readonly workDir: string;
  /** Default: `$VAULT_RELEASES_URL`, else releases.hashicorp.com/vault. */
  readonly baseUrl?: string;
  /** Node's `process.arch`; default the running one. */
  readonly arch?: string;
  /** Pinned digests per release arch; tests pin their own. */
  readonly checksums?: Readonly<Record<string, string>>;
  readonly connectTimeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly report?: BuildReport;
}

export type ReleaseDownloadResult =
  | { readonly ok: true; readonly binary: string; readonly url: string; readonly sha256: string }
  /** Not available (offline, no such arch, no pin, switched off): the caller builds instead. */
  | { readonly ok: false; readonly reason: string };

/** The release arch name for a Node `process.arch`, or undefined when HashiCorp ships none we pin. */
export function releaseArch(nodeArch: string): string | undefined {
  return { x64: 'amd64', arm64: 'arm64' }[nodeArch];
}

export function releasesBaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  const value = env[RELEASES_URL_ENV]?.trim();
  if (value === 'off') return undefined;
  return (value || DEFAULT_RELEASES_URL).replace(/\/+$/, '');
}

/**
 * The article's own install step: fetch the official release zip, check its SHA-256 against the
 * pinned digest, and extract `vault`. Unreachable or slow servers answer `{ ok: false }` within
 * `connectTimeoutMs`, so an offline machine falls back to the Go build quickly. A digest mismatch
 * throws: a mirror serving something else must be noticed, not silently replaced by a build.
 */
export async function downloadVaultRelease(options: ReleaseDownloadOptions): Promise<ReleaseDownloadResult> {
  const arch = releaseArch(options.arch ?? process.arch);
  if (!arch)
    return { ok: false, reason: `no official linux release is pinned for ${options.arch ?? process.arch}` };
  const expected = (options.checksums ?? VAULT_RELEASE_SHA256)[arch];
  if (!expected) return { ok: false, reason: `no pinned SHA-256 for linux_${arch}` };
  const base = options.baseUrl;
  if (!base) return { ok: false, reason: `${RELEASES_URL_ENV}=off` };
  const name = `vault_${VAULT_VERSION}_linux_${arch}.zip`;
  const url = `${base}/${VAULT_VERSION}/${name}`;
  const zipPath = join(options.workDir, name);
  const report = options.report ?? (() => {});

  const controller = new AbortController();
  const abort = (why: string): void => controller.abort(new Error(why));
  const onOuterAbort = (): void => abort('interrupted');
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const connectMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  let timer = setTimeout(() => abort(`no answer within ${connectMs / 1000}s`), connectMs);
  try {
    report('download', `fetching the official release ${url}`);
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal, redirect: 'follow' });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      return { ok: false, reason: `${url}: ${describeFetchError(error, controller.signal)}` };
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      return { ok: false, reason: `${url}: HTTP ${response.status}` };
    }
    const total = Number(response.headers.get('content-length')) || undefined;
    const hash = createHash('sha256');
    let received = 0;
    let reportedMiB = -1;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        clearTimeout(timer);
        timer = setTimeout(() => abort(`stalled for ${STALL_TIMEOUT_MS / 1000}s`), STALL_TIMEOUT_MS);
        hash.update(chunk);
        received += chunk.length;
        const mib = Math.floor(received / 2 ** 20);
        if (mib !== reportedMiB) {
          reportedMiB = mib;
          report('download', `${name} (MiB)`, {
            done: mib,
            ...(total ? { total: Math.ceil(total / 2 ** 20) } : {}),
          });
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(response.body), meter, createWriteStream(zipPath));
    } catch (error) {
      await rm(zipPath, { force: true });
      if (options.signal?.aborted) throw error;
      return { ok: false, reason: `${url}: ${describeFetchError(error, controller.signal)}` };
    }
    const actual = hash.digest('hex');
    if (actual !== expected) {
      await rm(zipPath, { force: true });
      throw new VaultBuildError(
        `${url}: SHA-256 ${actual} is not the published ${expected} for ${name}; the download was deleted and is not used (a mirror in $${RELEASES_URL_ENV} serving another file? ${RELEASES_URL_ENV}=off builds from source)`,
      );
    }
    report('download', `${name}: SHA-256 ${actual} matches the published checksum`);
    const binary = join(options.workDir, 'vault');
    await extractEntry(zipPath, 'vault', binary);
    await chmod(binary, 0o755);
    await rm(zipPath, { force: true });
    return { ok: true, binary, url, sha256: actual };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

function describeFetchError(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return (signal.reason as Error).message;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/** Writes the zip's entry `name` (and only it) to `destination`. */
async function extractEntry(zipPath: string, name: string, destination: string): Promise<void> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== name) continue;
      const stream = await zip.openReadStreamPromise(entry);
      await pipeline(stream, createWriteStream(destination, { mode: 0o755 }));
      return;
    }
  } finally {
    if (zip.isOpen) zip.close();
  }
  throw new VaultBuildError(`${zipPath} has no '${name}' entry`);
}
