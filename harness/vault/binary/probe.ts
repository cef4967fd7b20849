import { execa } from 'execa';
import { VAULT_COMMIT, VAULT_VERSION } from '../constants.ts';

export interface VaultVersionInfo {
  /** `1.14.0` */
  readonly version: string;
  /** Release commit printed in parentheses, if any. */
  readonly commit: string | undefined;
  /** The whole first line of `vault version`. */
  readonly line: string;
}

/** Parses `Vault v1.14.0 (13a6…), built 2023-06-19T11:40:23Z` and variants (`+ent`, `-dev`). */
export function parseVaultVersion(output: string): VaultVersionInfo | undefined {
  const line = output.split('\n').find((l) => l.startsWith('Vault v'));
  if (!line) return undefined;
  const match = /^Vault v(\d+\.\d+\.\d+(?:[-+][\w.+-]*)?)(?: \(([0-9a-f]{7,40})\))?/.exec(line.trim());
  if (!match) return undefined;
  return { version: match[1]!, commit: match[2], line: line.trim() };
}

/** True for exactly the lab's release (not an enterprise or dev build of it). */
export function isExpectedVault(info: VaultVersionInfo | undefined): boolean {
  return (
    info !== undefined &&
    info.version === VAULT_VERSION &&
    (info.commit === undefined || VAULT_COMMIT.startsWith(info.commit))
  );
}

export type ProbeResult =
  | { readonly ok: true; readonly info: VaultVersionInfo }
  | { readonly ok: false; readonly reason: string; readonly info?: VaultVersionInfo };

/** Runs `<binary> version` (a fraction of a second) and checks it is Vault 1.14.0. */
export async function probeVaultBinary(
  binary: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProbeResult> {
  const result = await execa(binary, ['version'], {
    reject: false,
    timeout: 15_000,
    env: { PATH: env['PATH'] ?? '', HOME: env['HOME'] ?? '', VAULT_CLI_NO_COLOR: '1' },
    extendEnv: false,
    stdin: 'ignore',
  });
  if (result.failed && result.exitCode === undefined) {
    const code = (result.cause as NodeJS.ErrnoException | undefined)?.code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'not executable'
          : (result.shortMessage ?? 'could not run it');
    return { ok: false, reason: `${binary}: ${why}` };
  }
  const info = parseVaultVersion(`${result.stdout}\n${result.stderr}`);
  if (!info)
    return {
      ok: false,
      reason: `${binary} version printed no "Vault vX.Y.Z" line (exit ${result.exitCode})`,
    };
  if (!isExpectedVault(info))
    return { ok: false, reason: `${binary} is ${info.line}, not Vault v${VAULT_VERSION}`, info };
  return { ok: true, info };
}
