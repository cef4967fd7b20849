import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';

/** Oldest Go that builds the v1.14.0 module (its go.mod says `go 1.20`). */
export const MIN_GO_VERSION = [1, 20] as const;

export interface GoToolchain {
  readonly path: string;
  /** `1.26.8` */
  readonly version: string;
  readonly env: { readonly GOMODCACHE: string; readonly GOCACHE: string; readonly GOPROXY: string };
}

/** Finds an executable by name on PATH (no shell). */
export async function findOnPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function parseGoVersion(output: string): string | undefined {
  return /\bgo version go(\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1];
}

export function goVersionAtLeast(version: string, min: readonly [number, number] = MIN_GO_VERSION): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > min[0] || (major === min[0] && minor >= min[1]);
}

/**
 * The Go toolchain to build with: `$GO` if set, else `go` on PATH, else the official installer's
 * `/usr/local/go/bin/go` (often installed but not on PATH). Undefined when none exists.
 */
export const DEFAULT_GO_FALLBACKS: readonly string[] = ['/usr/local/go/bin/go'];

export async function findGoToolchain(
  env: NodeJS.ProcessEnv,
  fallbacks: readonly string[] = DEFAULT_GO_FALLBACKS,
): Promise<GoToolchain | { readonly tooOld: string; readonly path: string } | undefined> {
  const candidates = [env['GO'], await findOnPath('go', env), ...fallbacks].filter(
    (c): c is string => typeof c === 'string' && c !== '',
  );
  for (const path of candidates) {
    const result = await execa(path, ['version'], {
      reject: false,
      env: goEnv(env),
      extendEnv: false,
      timeout: 30_000,
    });
    const version = parseGoVersion(result.stdout);
    if (result.exitCode !== 0 || !version) continue;
    if (!goVersionAtLeast(version)) return { tooOld: version, path };
    const vars = await execa(path, ['env', 'GOMODCACHE', 'GOCACHE', 'GOPROXY'], {
      reject: false,
      env: goEnv(env),
      extendEnv: false,
    });
    const [GOMODCACHE = '', GOCACHE = '', GOPROXY = ''] = vars.stdout.split('\n');
    return { path, version, env: { GOMODCACHE, GOCACHE, GOPROXY } };
  }
  return undefined;
}

/**
 * The environment every go command of the build runs with: the user's (proxy, caches, GOPATH) with
 * the settings the recipe depends on forced: no cgo, no workspace file, no toolchain download, and no
 * `-mod=` from GOFLAGS (vendor mode cannot work here).
 */
export function goEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) result[key] = value;
  result['CGO_ENABLED'] = '0';
  result['GOWORK'] = 'off';
  result['GOTOOLCHAIN'] = 'local';
  result['GOFLAGS'] = (env['GOFLAGS'] ?? '')
    .split(/\s+/)
    .filter((flag) => flag !== '' && !flag.startsWith('-mod='))
    .join(' ');
  return result;
}
