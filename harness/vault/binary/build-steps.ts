import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VAULT_VERSION } from '../constants.ts';
import { VaultBinaryError, VaultBuildError } from '../errors.ts';
import type { VaultProgressEvent, VaultProgressPhase } from '../progress.ts';
import {
  API_AUTH_MODULES,
  API_MODULE,
  SDK_CANDIDATES,
  SDK_MODULE_PATH,
  SDK_PATCHES,
  VAULT_MODULE,
  vaultLdflags,
  vaultModuleQuery,
} from './build-recipe.ts';
import type { SdkCandidate } from './build-recipe.ts';
import type { VaultCachePaths } from './cache-dir.ts';
import { copyTreeWritable } from './copy-tree.ts';
import { parseJsonStream, runGoCommand } from './go-command.ts';
import type { GoCommandOptions } from './go-command.ts';
import { DEFAULT_GO_FALLBACKS, findGoToolchain } from './go-toolchain.ts';
import type { GoToolchain } from './go-toolchain.ts';

/**
 * The steps of a Vault build from the Go module (build-recipe.ts says why they are needed), each
 * reporting its progress; `buildVault` runs them in a scratch directory under the build lock.
 */
export type BuildReport = (
  phase: VaultProgressPhase,
  message: string,
  extra?: Partial<VaultProgressEvent>,
) => void;

/** How every go command of one build runs (environment, cancellation, niceness). */
export type GoRun = Pick<GoCommandOptions, 'env' | 'signal' | 'niceness'>;

/** The Go toolchain to build with, or a VaultBinaryError saying what to install or set instead. */
export async function requireGo(
  env: NodeJS.ProcessEnv,
  paths: VaultCachePaths,
  fallbacks?: readonly string[],
): Promise<GoToolchain> {
  const go = await findGoToolchain(env, fallbacks);
  const alternatives =
    `or set VAULT_BIN to a Vault ${VAULT_VERSION} binary, or put Vault ${VAULT_VERSION} on PATH as \`vault\`, ` +
    `or, where Docker runs, use the container back-end (\`--backend testcontainers\`).`;
  if (go === undefined) {
    throw new VaultBinaryError(
      `Vault ${VAULT_VERSION} is not cached at ${paths.binary} and building it needs the Go toolchain (go >= 1.20), ` +
        `which was not found (looked at $GO, \`go\` on PATH${(fallbacks ?? DEFAULT_GO_FALLBACKS).map((f) => `, ${f}`).join('')}). Install Go from https://go.dev/dl/ ` +
        `(Debian 12's golang package is 1.19, too old), ${alternatives}`,
    );
  }
  if ('tooOld' in go) {
    throw new VaultBinaryError(
      `Go ${go.tooOld} at ${go.path} is too old to build Vault ${VAULT_VERSION} (needs go >= 1.20). ` +
        `Install a current Go from https://go.dev/dl/ (or point $GO at it), ${alternatives}`,
    );
  }
  return go;
}

/** 1. The release module and the modules its replace directives point at; module path → directory. */
export async function downloadModules(
  go: GoToolchain,
  cwd: string,
  run: GoRun,
  report: BuildReport,
): Promise<Map<string, string>> {
  const queries = [
    vaultModuleQuery(),
    `${API_MODULE.path}@${API_MODULE.version}`,
    ...API_AUTH_MODULES.map((m) => `${m.path}@${m.version}`),
  ];
  report(
    'download',
    `go mod download ${queries.map((q) => q.replace('github.com/hashicorp/', '')).join(' ')}`,
  );
  const result = await runGoCommand(go.path, ['mod', 'download', '-json', ...queries], { cwd, ...run });
  const dirs = new Map<string, string>();
  const errors: string[] = [];
  for (const info of parseJsonStream(result.stdout)) {
    if (typeof info['Error'] === 'string')
      errors.push(`${String(info['Path'])}@${String(info['Version'])}: ${info['Error']}`);
    else if (typeof info['Dir'] === 'string') dirs.set(String(info['Path']), info['Dir']);
  }
  const missing = queries.filter((q) => !dirs.has(q.slice(0, q.lastIndexOf('@'))));
  if (result.exitCode !== 0 || missing.length > 0) {
    const detail = errors.length > 0 ? errors.join('\n') : result.tail;
    throw new VaultBuildError(
      `go mod download failed for ${missing.join(', ') || queries.join(', ')} (is the Go module proxy reachable? GOPROXY=${go.env.GOPROXY}):\n${detail}`,
      { outputTail: result.tail },
    );
  }
  return dirs;
}

/** The first sdk candidate the module proxy has (build-recipe.ts explains the fallbacks). */
export async function downloadSdk(
  go: GoToolchain,
  cwd: string,
  run: GoRun,
  report: BuildReport,
): Promise<{ candidate: SdkCandidate; dir: string }> {
  const failures: string[] = [];
  for (const candidate of SDK_CANDIDATES) {
    const query = `${SDK_MODULE_PATH}@${candidate.version}`;
    const result = await runGoCommand(go.path, ['mod', 'download', '-json', query], { cwd, ...run });
    const info = parseJsonStream(result.stdout)[0];
    if (result.exitCode === 0 && info && typeof info['Dir'] === 'string') {
      report('download', `using ${query}: ${candidate.note}`);
      return { candidate, dir: info['Dir'] };
    }
    const why = (typeof info?.['Error'] === 'string' ? info['Error'] : result.tail)
      .split('\n')
      .slice(-2)
      .join(' ')
      .trim();
    failures.push(`${query}: ${why}`);
    report('download', `${query} is not available (${why}); trying the next sdk candidate`);
  }
  throw new VaultBuildError(
    `no usable github.com/hashicorp/vault/sdk version could be downloaded:\n${failures.join('\n')}`,
  );
}

/** 2. A writable copy of the release module with the replaced directories filled in; returns it. */
export async function prepareSources(
  work: string,
  modules: ReadonlyMap<string, string>,
  sdk: { candidate: SdkCandidate; dir: string },
  report: BuildReport,
): Promise<string> {
  const src = join(work, 'src');
  report('prepare', `copying the module sources into ${src}`);
  await copyTreeWritable(modules.get(VAULT_MODULE)!, src);
  await copyTreeWritable(modules.get(API_MODULE.path)!, join(src, API_MODULE.dir));
  for (const auth of API_AUTH_MODULES) await copyTreeWritable(modules.get(auth.path)!, join(src, auth.dir));
  await copyTreeWritable(sdk.dir, join(src, 'sdk'));
  for (const id of sdk.candidate.patches) {
    await applySdkPatch(join(src, 'sdk'), id);
    report('prepare', `patched sdk: ${id}`);
  }
  return src;
}

/** 3. Resolves the package graph (downloading the dependencies); returns how many packages to compile. */
export async function countPackages(
  go: GoToolchain,
  src: string,
  run: GoRun,
  report: BuildReport,
): Promise<number> {
  let downloaded = 0;
  report('download', 'dependencies of the vault package (go list -deps)');
  const list = await runGoCommand(go.path, ['list', '-x', '-deps', '-f', '{{.ImportPath}}', '.'], {
    cwd: src,
    ...run,
    onLine: (line) => {
      if (/^# get .*\.zip: 200/.test(line))
        report('download', 'dependencies of the vault package (go list -deps)', { done: ++downloaded });
    },
  });
  if (list.exitCode !== 0)
    throw new VaultBuildError(`${list.command} failed in ${src}:\n${list.tail}`, { outputTail: list.tail });
  const total = list.stdout.split('\n').filter((l) => l.trim() !== '').length;
  report('download', `${downloaded} modules downloaded, ${total} packages in the build`);
  return total;
}

/**
 * 4. Compiles and links into `output`. The link is retried with -checklinkname=0 only if Go's linkname
 * check refuses it; returns whether the check stayed on.
 */
export async function compileVault(
  go: GoToolchain,
  src: string,
  output: string,
  total: number,
  run: GoRun,
  report: BuildReport,
): Promise<{ checkLinkname: boolean }> {
  let checkLinkname = true;
  let compiled = 0;
  for (;;) {
    let phase: VaultProgressPhase = 'compile';
    const progress = (): void =>
      report(phase, phase === 'link' ? 'linking the vault binary' : 'compiling', { done: compiled, total });
    const ldflags = vaultLdflags({ checkLinkname });
    const build = await runGoCommand(
      go.path,
      ['build', '-v', '-trimpath', '-buildvcs=false', '-ldflags', ldflags, '-o', output, '.'],
      {
        cwd: src,
        ...run,
        onLine: (line) => {
          // `go build -v` names each package as it compiles it; the main package comes last, then the link.
          if (!/^[\w.~-]+(\/[\w.~+-]+)*$/.test(line)) return;
          compiled++;
          if (line === VAULT_MODULE) phase = 'link';
          progress();
        },
      },
    );
    if (build.exitCode === 0) return { checkLinkname };
    if (checkLinkname && /linkname/i.test(build.tail)) {
      checkLinkname = false;
      report('link', 'the linker refused a //go:linkname reference; retrying with -ldflags=-checklinkname=0');
      continue;
    }
    throw new VaultBuildError(`go build of Vault ${VAULT_VERSION} failed:\n${build.tail}`, {
      outputTail: build.tail,
    });
  }
}

async function applySdkPatch(sdkDir: string, id: string): Promise<void> {
  const patch = SDK_PATCHES.find((p) => p.id === id);
  if (!patch) throw new VaultBuildError(`unknown sdk patch ${id}`);
  const file = join(sdkDir, patch.file);
  const text = await readFile(file, 'utf8');
  if (!patch.remove.test(text)) {
    throw new VaultBuildError(
      `sdk patch ${id}: the code it removes is not in ${patch.file}; the recipe needs review for this sdk`,
    );
  }
  await writeFile(file, text.replace(patch.remove, '\n'));
}
