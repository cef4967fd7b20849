import { closeSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { ShipperChild } from './shipper-child.ts';

/**
 * What the shipper chaos test checks with: numbered lines written the way loggers write them, the
 * agent config the shipper CLI reads, and a comparison of what the stream holds with what was
 * written (duplicates, missing, unexpected).
 */

/** The stream every chaos run ships to. */
export const STREAM = 'chaos';
/** The six-digit number in a chaos line or audit path. */
export const pad = (n: number) => String(n).padStart(6, '0');

/** Lines in the files a run produced (every name in the directory), which the stream must match. */
export function linesOnDisk(dir: string, prefix: string): string[] {
  const lines: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const text = readFileSync(path.join(dir, name), 'utf8');
    lines.push(...text.split('\n').filter((l) => l !== ''));
  }
  return lines;
}

function countBy(values: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
  return map;
}

/** Duplicates and missing lines between what the stream holds and what was written. */
export function compare(stored: readonly string[], written: readonly string[]) {
  const have = countBy(stored);
  const want = countBy(written);
  let duplicates = 0;
  let missing = 0;
  let unexpected = 0;
  for (const [line, n] of want) {
    const got = have.get(line) ?? 0;
    if (got > n) duplicates += got - n;
    if (got < n) missing += n - got;
  }
  for (const [line, n] of have) if (!want.has(line)) unexpected += n;
  return { duplicates, missing, unexpected };
}

/** Writes a CloudWatch agent config shipping `file` to `group` / STREAM; returns its path. */
export function agentConfig(dir: string, file: string, group: string): string {
  const config = path.join(dir, 'amazon-cloudwatch-agent.json');
  writeFileSync(
    config,
    JSON.stringify({
      agent: { run_as_user: 'root' },
      logs: {
        logs_collected: {
          files: { collect_list: [{ file_path: file, log_group_name: group, log_stream_name: STREAM }] },
        },
      },
    }),
  );
  return config;
}

/** Appends numbered lines to a file it keeps open, as a logger does. */
export class LineWriter {
  next = 0;
  #fd: number;
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
    this.#fd = openSync(file, 'a');
  }

  /** Appends `count` numbered lines of varying length in one write. */
  write(count: number): void {
    let text = '';
    for (let i = 0; i < count; i++, this.next++)
      text += `chaos ${pad(this.next)} ${'x'.repeat(20 + ((this.next * 37) % 180))}\n`;
    writeSync(this.#fd, text);
  }

  /** What a logger does on SIGHUP: close and open by name (creating the file). */
  reopen(): void {
    closeSync(this.#fd);
    this.#fd = openSync(this.#file, 'a');
  }

  close(): void {
    closeSync(this.#fd);
  }
}

/** What the restarted shippers found of their predecessors' in-flight requests (from their output). */
export function recoveries(children: readonly ShipperChild[]): string {
  const lines = children
    .flatMap((c) => c.output().split('\n'))
    .filter((l) => l.includes('an earlier run had in flight'));
  const found = lines.filter((l) => l.includes('already in CloudWatch')).length;
  return `after restarts, ${lines.length} interrupted requests were checked: ${found} had landed (not resent), ${lines.length - found} had not (resent)`;
}
