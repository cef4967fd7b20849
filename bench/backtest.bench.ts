import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { BacktestReport } from '../harness/backtest/index.ts';
import { buildRuleSet, checkFilterPattern } from '../harness/rules/index.ts';
import { jqCountProgram } from './jq-conditions.ts';

/**
 * Backtest throughput on a generated audit log (1 GB by default; BENCH_BACKTEST_MB to change) made of
 * lines recorded from the real Vault 1.14.0 binary, restamped 50 ms apart, with the built-in rules:
 * MB/s, entries/s, CPU seconds and peak memory, then Debian's jq (/usr/bin/jq) evaluating the same
 * rule conditions over the same file (match counts only, no alarm replay), and the ratio. The file
 * goes to the temp directory and is deleted afterwards.
 */
const TARGET_MB = Number(process.env['BENCH_BACKTEST_MB'] ?? 1000);
const JQ = '/usr/bin/jq';
const TIME = '/usr/bin/time';
const CLI = fileURLToPath(new URL('../bin/vault-alarm-lab.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
const START = Date.parse('2026-03-02T00:00:00Z');
const TIME_FIELD = /^\{"time":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d+)Z"/;

function recordedLines(): string[] {
  const dir = join(FIXTURES, 'vault-1.14.0');
  const fixtures = readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'));
  const history = gunzipSync(readFileSync(join(FIXTURES, 'history/audit-history.log.gz')))
    .toString('utf8')
    .split('\n');
  return [...fixtures, ...history].filter((l) => TIME_FIELD.test(l));
}

async function generate(file: string, bytes: number): Promise<{ lines: number; bytes: number }> {
  const templates = recordedLines().map((l) => l.replace(TIME_FIELD, '').slice(0));
  const out = createWriteStream(file);
  let written = 0;
  let lines = 0;
  while (written < bytes) {
    let chunk = '';
    for (let k = 0; k < 2000; k++, lines++) {
      const at = new Date(START + lines * 50).toISOString().slice(0, -1);
      chunk += `{"time":"${at}123456Z"${templates[lines % templates.length]!}\n`;
    }
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return { lines, bytes: written };
}

interface Measured {
  readonly stdout: string;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakMb: number;
}

/** Runs a command under GNU time (Debian's `time` package): wall and CPU seconds, peak RSS. */
async function measure(command: string, args: readonly string[]): Promise<Measured> {
  const child = spawn(TIME, ['-f', 'TIME %e %U %S %M', command, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const figures = /TIME (\S+) (\S+) (\S+) (\d+)\s*$/.exec(stderr);
  if (code !== 0 || figures === null)
    throw new Error(`${command} exited with ${code}: ${stderr.slice(-500)}`);
  return {
    stdout,
    seconds: Number(figures[1]),
    cpuSeconds: Number(figures[2]) + Number(figures[3]),
    peakMb: Number(figures[4]) / 1024,
  };
}

export async function run(): Promise<void> {
  const file = join(tmpdir(), `vault-alarm-lab-backtest-bench-${process.pid}.log`);
  try {
    const started = performance.now();
    const generated = await generate(file, TARGET_MB * 1e6);
    const mb = (await stat(file)).size / 1e6;
    console.log(
      `generated ${mb.toFixed(0)} MB, ${generated.lines.toLocaleString('en-US')} audit lines (recorded Vault 1.14.0 lines, restamped) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const set = buildRuleSet({ at: START, checkPattern: checkFilterPattern });
    const threads = availableParallelism();

    // The real command, as a user runs it (worker threads, tsx start-up included).
    const bt = await measure(process.execPath, [
      CLI,
      'backtest',
      '--log',
      file,
      '--json',
      '--threads',
      String(threads),
    ]);
    const report = JSON.parse(bt.stdout) as BacktestReport;
    console.log(
      `backtest (${set.rules.length} built-in rules, ${threads} worker threads): ${(mb / bt.seconds).toFixed(0)} MB/s, ` +
        `${Math.round(report.entries / bt.seconds).toLocaleString('en-US')} entries/s, ${bt.seconds.toFixed(1)} s wall, ` +
        `${bt.cpuSeconds.toFixed(1)} CPU s (${(mb / bt.cpuSeconds).toFixed(0)} MB per CPU second), peak RSS ${bt.peakMb.toFixed(0)} MB; ` +
        `${report.totals.matches.toLocaleString('en-US')} matches, ${report.totals.firings} firings`,
    );

    const program = jqCountProgram(set.rules.map((r) => r.filter.pattern));
    const jq = await measure(JQ, ['-n', '-c', program, file]).catch((error: unknown) => error as Error);
    if (jq instanceof Error) {
      console.log(`jq: not measured (${jq.message.split('\n')[0]}); install Debian's jq: apt-get install jq`);
      return;
    }
    const counts = JSON.parse(jq.stdout) as number[];
    const same = counts.every((count, i) => count === report.rules[i]!.matches);
    console.log(
      `jq 1.6 (${JQ}, same ${set.rules.length} conditions, match counts only): ${(mb / jq.seconds).toFixed(0)} MB/s, ` +
        `${Math.round(generated.lines / jq.seconds).toLocaleString('en-US')} entries/s, ${jq.seconds.toFixed(1)} s wall, ${jq.cpuSeconds.toFixed(1)} CPU s, peak RSS ${jq.peakMb.toFixed(0)} MB; ` +
        `match counts ${same ? 'equal to the backtest’s' : `DIFFER: jq ${JSON.stringify(counts)} vs backtest ${JSON.stringify(report.rules.map((r) => r.matches))}`}`,
    );
    console.log(`backtest / jq throughput: ${(jq.seconds / bt.seconds).toFixed(2)}×`);
  } finally {
    await rm(file, { force: true });
  }
}
