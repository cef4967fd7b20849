import { readFile, rename, writeFile } from 'node:fs/promises';

/** `build.json` beside the cached binary: how it was built, so a changed recipe triggers a rebuild. */
export interface VaultBuildMetadata {
  readonly recipe: string;
  readonly vaultVersion: string;
  readonly vaultCommit: string;
  readonly sdk: { readonly version: string; readonly exact: boolean; readonly patches: readonly string[] };
  readonly goVersion: string;
  readonly ldflags: string;
  /** Whether the link needed `-checklinkname=0` (Go >= 1.23 restricts //go:linkname pulls). */
  readonly checkLinknameDisabled: boolean;
  /** Set when the binary is the official release zip's rather than a build. */
  readonly release?: { readonly url: string; readonly sha256: string };
  readonly builtAt: string;
  readonly durationMs: number;
  readonly sizeBytes: number;
}

export async function readBuildMetadata(path: string): Promise<VaultBuildMetadata | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<VaultBuildMetadata>;
    if (typeof value.recipe !== 'string' || typeof value.sizeBytes !== 'number') return undefined;
    return value as VaultBuildMetadata;
  } catch {
    return undefined;
  }
}

export async function writeBuildMetadata(path: string, metadata: VaultBuildMetadata): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(metadata, null, 2) + '\n');
  await rename(temp, path);
}
