import type { TestProject } from 'vitest/node';
import { createProgressPrinter, resolveVaultBinary } from '../../harness/vault/index.ts';

/**
 * Runs once per vitest project (integration, e2e) before any test file: resolves the Vault 1.14.0
 * binary (VAULT_BIN, PATH, cache) and builds it on first use, with progress on the terminal, so no
 * test pays for, or races, a build. Tests get the path through `inject('vaultBin')`, and VAULT_BIN is
 * set for anything they spawn.
 */
export default async function setup(project: TestProject): Promise<void> {
  const progress = createProgressPrinter(process.stderr, { prefix: `[${project.name}] ` });
  try {
    const resolved = await resolveVaultBinary({ onProgress: progress });
    progress.flush();
    if (resolved.source === 'built')
      process.stderr.write(`[${project.name}] built Vault ${resolved.version}: ${resolved.path}\n`);
    process.env['VAULT_BIN'] = resolved.path;
    project.provide('vaultBin', resolved.path);
  } finally {
    progress.flush();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the Vault 1.14.0 binary the tests run. */
    vaultBin: string;
  }
}
