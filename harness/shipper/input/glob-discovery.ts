import { stat } from 'node:fs/promises';
import path from 'node:path';
import { checkLogGroupName, checkLogStreamName } from '../config/names.ts';
import type { ResolvedSource } from '../config/types.ts';
import { expandGlob } from './glob.ts';
import { SKIPPED_EXTENSIONS } from './locate.ts';

/**
 * Which files a globbed `file_path` should follow now, and to which destination, by the agent's
 * rules: compressed archives, blacklisted names and the shipper's own state are skipped; without
 * `publish_multi_logs` only the newest match (by mtime) is followed; with it, every match, each to a
 * destination named after its path (`logfile.go`). Files already followed under another name (a
 * rotated file a broad glob also matches) are left to their follower, so nothing is read twice.
 */
export interface GlobMatch {
  readonly file: string;
  readonly group: string;
  readonly stream: string;
}

export interface GlobDiscovery {
  readonly matches: readonly GlobMatch[];
  /** Matches whose derived destination is not a valid group/stream name. */
  readonly invalid: readonly (GlobMatch & { readonly problem: string })[];
}

export async function discoverGlobMatches(
  source: ResolvedSource,
  options: { stateDir: string; knownInodes: ReadonlySet<string> },
): Promise<GlobDiscovery> {
  const stateDir = path.resolve(options.stateDir);
  const candidates = (await expandGlob(source.filePath)).filter(
    (file) =>
      !SKIPPED_EXTENSIONS.has(path.extname(file)) &&
      !file.startsWith(stateDir + path.sep) &&
      !(source.blacklist?.test(path.basename(file)) ?? false),
  );
  const stats = await Promise.all(
    candidates.map(async (file) => ({ file, st: await stat(file, { bigint: true }).catch(() => undefined) })),
  );
  let chosen = stats.filter((c) => c.st !== undefined);
  if (!source.publishMultiLogs) {
    // The agent follows only the newest match; a newest match we already follow is enough.
    chosen = chosen.sort((a, b) => Number(b.st!.mtimeMs - a.st!.mtimeMs)).slice(0, 1);
  }
  const matches: GlobMatch[] = [];
  const invalid: (GlobMatch & { problem: string })[] = [];
  for (const { file, st } of chosen) {
    if (options.knownInodes.has(`${st!.dev}:${st!.ino}`)) continue;
    const { group, stream } = namesFor(source, file);
    const problem = checkLogGroupName(group) ?? checkLogStreamName(stream);
    if (problem) invalid.push({ file, group, stream, problem: `${problem.detail}; ${problem.rule}` });
    else matches.push({ file, group, stream });
  }
  return { matches, invalid };
}

/** `publish_multi_logs` names, as the agent derives them. */
export function namesFor(source: ResolvedSource, file: string): { group: string; stream: string } {
  if (!source.publishMultiLogs) return { group: source.logGroupName, stream: source.logStreamName };
  if (!source.logGroupNameConfigured) {
    return { group: file.replace(/[^.\-_/#A-Za-z0-9]/g, '_'), stream: source.logStreamName };
  }
  return { group: source.logGroupName, stream: `${source.logStreamName}_${file.replace(/\//g, '_')}` };
}
