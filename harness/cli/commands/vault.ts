import { CliUsageError, errorMessage } from '../../errors.ts';
import { defineCommand } from '../command.ts';
import {
  buildVault,
  checkCachedVault,
  createProgressPrinter,
  resolveVaultBinary,
  VAULT_BIN_ENV,
  VAULT_VERSION,
  vaultCachePaths,
} from '../../vault/index.ts';
import type { VaultBuildMetadata } from '../../vault/index.ts';

function describeBuild(metadata: VaultBuildMetadata): string {
  if (metadata.release) {
    return `official release ${metadata.release.url} (SHA-256 ${metadata.release.sha256} verified), ${(metadata.sizeBytes / 1e6).toFixed(0)} MB, installed ${metadata.builtAt}`;
  }
  const sdk = `sdk ${metadata.sdk.version}${metadata.sdk.exact ? ' (exact tag)' : ` (fallback; patches: ${metadata.sdk.patches.join(', ') || 'none'})`}`;
  return `${sdk}, go ${metadata.goVersion}, ${(metadata.sizeBytes / 1e6).toFixed(0)} MB, built ${metadata.builtAt} in ${Math.round(metadata.durationMs / 1000)}s`;
}

function parseNice(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 19)
    throw new CliUsageError(`--nice: expected an integer from 0 to 19, got '${value}'`);
  return n;
}

const buildCommand = defineCommand({
  name: 'build',
  summary: `Put Vault ${VAULT_VERSION} in the cache: the official release zip (SHA-256 verified), else a build from the official Go module (a no-op when the cache is valid).`,
  options: {
    force: { type: 'boolean', description: 'rebuild even if a valid binary is cached' },
    nice: {
      type: 'string',
      valueName: 'n',
      description: 'run the Go toolchain under nice -n <n> (shared machines)',
    },
    'keep-work-dir': { type: 'boolean', description: 'keep the scratch build directory (debugging)' },
  },
  examples: ['vault-alarm-lab vault build', 'vault-alarm-lab vault build --force --nice 19'],
  async run({ values, io, signal }) {
    const niceness = parseNice(values.nice);
    const progress = createProgressPrinter(io.stderr);
    try {
      if (!values.force) {
        const resolved = await resolveVaultBinary({
          env: io.env,
          onProgress: progress,
          signal,
          buildOptions: {
            ...(niceness !== undefined ? { niceness } : {}),
            keepWorkDir: values['keep-work-dir'] === true,
          },
        });
        progress.flush();
        const where = {
          env: VAULT_BIN_ENV,
          path: '`vault` on PATH',
          cache: 'the cache',
          built: 'a build just now',
        }[resolved.source];
        const paths = vaultCachePaths(io.env);
        const cached =
          resolved.source === 'cache' || resolved.source === 'built'
            ? await checkCachedVault(paths, io.env)
            : undefined;
        const detail = cached?.ok ? `; ${describeBuild(cached.metadata)}` : '';
        const verb = resolved.source === 'built' ? 'Built' : 'Nothing to build:';
        io.stdout.write(`${verb} Vault ${resolved.version} at ${resolved.path} (from ${where}${detail})\n`);
        return 0;
      }
      const result = await buildVault({
        env: io.env,
        onProgress: progress,
        signal,
        force: true,
        ...(niceness !== undefined ? { niceness } : {}),
        keepWorkDir: values['keep-work-dir'] === true,
      });
      progress.flush();
      io.stdout.write(`Built Vault ${result.version} at ${result.path}; ${describeBuild(result.metadata)}\n`);
      return 0;
    } finally {
      progress.flush();
    }
  },
});

const pathCommand = defineCommand({
  name: 'path',
  summary: `Print the path of the Vault ${VAULT_VERSION} binary the lab uses (VAULT_BIN, PATH, cache); exit 1 if there is none.`,
  options: {
    build: { type: 'boolean', description: 'build it if there is none (default: only look)' },
  },
  async run({ values, io, signal }) {
    const progress = createProgressPrinter(io.stderr);
    const resolved = await resolveVaultBinary({
      env: io.env,
      onProgress: progress,
      signal,
      build: values.build === true,
    });
    progress.flush();
    io.stdout.write(`${resolved.path}\n`);
    return 0;
  },
});

const infoCommand = defineCommand({
  name: 'info',
  summary: 'Show where the lab looks for Vault and what the cached build is.',
  async run({ io }) {
    const paths = vaultCachePaths(io.env);
    const cached = await checkCachedVault(paths, io.env);
    const lines = [
      `${VAULT_BIN_ENV}:     ${io.env[VAULT_BIN_ENV] || '(unset)'}`,
      `cache binary:  ${paths.binary}`,
      `cache status:  ${cached.ok ? `valid; ${describeBuild(cached.metadata)}` : `not usable: ${cached.reason}`}`,
    ];
    try {
      const resolved = await resolveVaultBinary({ env: io.env, build: false });
      lines.push(`lab uses:      ${resolved.path} (${resolved.source})`);
    } catch (error) {
      lines.push(`lab uses:      nothing yet (${errorMessage(error)})`);
    }
    io.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
});

export const vaultCommand = defineCommand({
  name: 'vault',
  summary: `Find or build the Vault ${VAULT_VERSION} binary the lab runs.`,
  subcommands: {
    build: async () => buildCommand,
    path: async () => pathCommand,
    info: async () => infoCommand,
  },
});
