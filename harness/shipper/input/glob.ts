import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { isGlob } from '../config/glob-syntax.ts';

/** Deeper `**` walks stop here; a log directory is never this deep. */
const MAX_DEPTH = 16;

/**
 * The files a `file_path` glob (see config/glob-syntax.ts) matches now, sorted. Symbolic links to
 * directories are not followed by `**` (no cycles).
 */
export async function expandGlob(pattern: string): Promise<string[]> {
  const absolute = path.resolve(pattern);
  const segments = absolute.split(path.sep).filter((s) => s !== '');
  let base: string = path.sep;
  let i = 0;
  while (i < segments.length - 1 && !isGlob(segments[i]!)) base = path.join(base, segments[i++]!);
  const rest = segments.slice(i);
  const out: string[] = [];
  await walk(base, rest, 0, out);
  return [...new Set(out)].sort();
}

async function walk(dir: string, rest: readonly string[], depth: number, out: string[]): Promise<void> {
  const [head, ...tail] = rest;
  if (head === undefined) return;
  if (head === '**') {
    // Zero directories...
    await walk(dir, tail, depth, out);
    if (depth >= MAX_DEPTH) return;
    // ...or one more, and still inside the `**`.
    for (const entry of await list(dir)) {
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), rest, depth + 1, out);
    }
    return;
  }
  if (!isGlob(head)) {
    const next = path.join(dir, head);
    if (tail.length === 0) {
      const entries = await list(dir);
      if (entries.some((e) => e.name === head && e.isFile())) out.push(next);
    } else await walk(next, tail, depth, out);
    return;
  }
  const matcher = segmentRegExp(head);
  for (const entry of await list(dir)) {
    if (!matcher.test(entry.name)) continue;
    const next = path.join(dir, entry.name);
    if (tail.length === 0) {
      if (entry.isFile()) out.push(next);
    } else if (entry.isDirectory()) await walk(next, tail, depth + 1, out);
  }
}

async function list(dir: string): Promise<Dirent[]> {
  return readdir(dir, { withFileTypes: true }).catch(() => []);
}

export function segmentRegExp(segment: string): RegExp {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      source += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (ch === '{') {
      const close = segment.indexOf('}', i);
      if (close < 0) {
        source += '\\{';
        continue;
      }
      const options = segment
        .slice(i + 1, close)
        .split(',')
        .map((o) => segmentRegExp(o).source.slice(1, -1));
      source += `(?:${options.join('|')})`;
      i = close;
    } else source += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
