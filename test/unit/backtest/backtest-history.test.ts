import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli.ts';
import { runBacktest } from '../../../harness/backtest/index.ts';
import type { BacktestReport } from '../../../harness/backtest/index.ts';
import { loadRuleSet } from '../../../harness/rules/index.ts';
import { captureIo } from '../../support/cli-io.ts';

/**
 * The history recorded from the real Vault 1.14.0 binary by scripts/record-history.ts: a working
 * afternoon on the lab clock with planned bursts. expected.json lists, per built-in rule, the minutes
 * at which the plan says its alarm must go to ALARM.
 */
const FIXTURE_DIR = new URL('../../fixtures/history/', import.meta.url);
const HISTORY = new URL('audit-history.log.gz', FIXTURE_DIR).pathname;

interface Expected {
  readonly lines: number;
  readonly firings: Record<string, string[]>;
}

let expected: Expected;
let historyLines: string[];
let dir: string;

beforeAll(async () => {
  expected = JSON.parse(await readFile(new URL('expected.json', FIXTURE_DIR), 'utf8')) as Expected;
  historyLines = gunzipSync(await readFile(HISTORY))
    .toString('utf8')
    .split('\n')
    .slice(0, -1);
  dir = await mkdtemp(join(tmpdir(), 'backtest-test-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function backtestJson(args: readonly string[]): Promise<BacktestReport> {
  const io = captureIo();
  const status = await main(['backtest', ...args, '--json'], io);
  expect(status, io.stderrText()).toBe(0);
  return JSON.parse(io.stdoutText()) as BacktestReport;
}

function firingsOf(report: BacktestReport): Record<string, string[]> {
  return Object.fromEntries(report.rules.map((r) => [r.id, r.firings.map((f) => f.at)]));
}

describe('backtest over a recorded Vault history', () => {
  it('finds exactly the planned firings, at the planned minutes', async () => {
    const report = await backtestJson(['--log', HISTORY]);
    expect(report.entries).toBe(expected.lines);
    expect(report.malformed.count).toBe(0);
    expect(firingsOf(report)).toEqual(expected.firings);
  });

  it('names the entries that caused each firing and says when the alarm came back', async () => {
    const report = await backtestJson(['--log', HISTORY]);
    const rootList = report.rules.find((r) => r.id === 'root-auth-list-article')!;
    expect(rootList.matches).toBe(1);
    const [firing] = rootList.firings;
    expect(firing!.causes).toEqual([
      expect.objectContaining({ type: 'response', path: 'sys/auth', displayName: 'root', operation: 'read' }),
    ]);
    expect(firing!.causes[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // N = 1 has a 3-period evaluation range: the breaching minute keeps the alarm in ALARM for 3 evaluations.
    expect(firing!.recoveredAt).toBe('2026-03-02T14:34:00.000Z');
    expect(firing!.atLocal).toBe('2026-03-02 14:31');
    const denied = report.rules.find((r) => r.id === 'permission-denied')!;
    // Five refusals in the log, but only the burst of three crossed the threshold.
    expect(denied.matches).toBe(5);
    expect(denied.firings[0]!.causeCount).toBe(3);
    expect(denied.firings[0]!.reason).toContain('[3.0 (02/03/26 15:05:00)]');
  });

  it('gives the same answer over rotated, gzipped files read in order, in worker threads', async () => {
    const parts = [historyLines.slice(0, 25), historyLines.slice(25, 50), historyLines.slice(50)];
    const files = [join(dir, 'audit.log.2.gz'), join(dir, 'audit.log.1.gz'), join(dir, 'audit.log')];
    await writeFile(files[0]!, gzipSync(parts[0]!.map((l) => `${l}\n`).join('')));
    await writeFile(files[1]!, gzipSync(parts[1]!.map((l) => `${l}\n`).join('')));
    await writeFile(files[2]!, parts[2]!.map((l) => `${l}\n`).join(''));
    const cli = await backtestJson(files.flatMap((f) => ['--log', f]));
    expect(firingsOf(cli)).toEqual(expected.firings);
    expect(cli.files.map((f) => f.lines)).toEqual([25, 25, historyLines.length - 50]);

    // Pieces of 4 KiB cut the plain file mid-line: each line is scanned exactly once.
    const set = await loadRuleSet({ at: Date.parse('2026-03-02T14:00:00Z') });
    const threaded = await runBacktest({ files, rules: set.rules, threads: 2, pieceBytes: 4096 });
    expect(firingsOf(threaded)).toEqual(expected.firings);
    expect(threaded.entries).toBe(expected.lines);
    expect(threaded.rules.map((r) => r.matches)).toEqual(cli.rules.map((r) => r.matches));
  });

  it('counts and reports malformed lines with file and line number, and still evaluates the rest', async () => {
    const lines = [...historyLines];
    lines.splice(10, 0, '{"time":"2026-03-02T14:22:00.1Z","type":"requ'); // line 11: cut short
    lines.splice(20, 0, 'Vault restarted'); // line 21: not JSON
    lines.splice(30, 0, '{"type":"request"}'); // line 31: no time
    const file = join(dir, 'damaged.log');
    await writeFile(file, lines.map((l) => `${l}\n`).join(''));
    const report = await backtestJson(['--log', file]);
    expect(report.malformed.count).toBe(3);
    expect(report.malformed.lines.map((m) => [m.file, m.line])).toEqual([
      [file, 11],
      [file, 21],
      [file, 31],
    ]);
    expect(report.malformed.lines[1]!.reason).toMatch(/^not JSON/);
    expect(report.malformed.lines[2]!.reason).toMatch(/no "time"/);
    expect(report.entries).toBe(expected.lines);
    expect(firingsOf(report)).toEqual(expected.firings);

    const io = captureIo();
    expect(await main(['backtest', '--log', file], io)).toBe(0);
    expect(io.stdoutText()).toContain(`${file}:21: not JSON`);
  });

  it('also gives each firing in the rule file’s business-hours time zone', async () => {
    const rules = join(dir, 'paris.yaml');
    await writeFile(
      rules,
      "parameters:\n  businessHours: { window: '08:00-20:00', timeZone: Europe/Paris }\n",
    );
    const report = await backtestJson(['--log', HISTORY, '--rules', rules]);
    expect(report.timeZone).toBe('Europe/Paris');
    const [firing] = report.rules.find((r) => r.id === 'root-auth-list')!.firings;
    expect([firing!.at, firing!.atLocal]).toEqual(['2026-03-02T14:31:00.000Z', '2026-03-02 15:31']);
  });

  it('keeps what a cut-short gzipped file holds and reports where it breaks', async () => {
    const whole = await readFile(HISTORY);
    const file = join(dir, 'cut.log.gz');
    await writeFile(file, whole.subarray(0, Math.floor(whole.length / 2)));
    const report = await backtestJson(['--log', file]);
    expect(report.entries).toBeGreaterThan(0);
    expect(report.entries).toBeLessThan(expected.lines);
    expect(report.malformed.count).toBe(1);
    expect(report.malformed.lines[0]).toMatchObject({ file, line: report.entries + 1 });
    expect(report.malformed.lines[0]!.reason).toMatch(/^gzip data broken from here on/);
  });

  it('replays only the --from/--to window', async () => {
    const report = await backtestJson([
      '--log',
      HISTORY,
      '--from',
      '2026-03-02T15:00Z',
      '--to',
      '2026-03-02T16:10Z',
    ]);
    const fired = Object.fromEntries(Object.entries(firingsOf(report)).filter(([, at]) => at.length > 0));
    expect(fired).toEqual({
      'permission-denied': ['2026-03-02T15:06:00.000Z'],
      'policy-changed': ['2026-03-02T16:01:00.000Z'],
    });
    expect(report.outsideWindow).toBeGreaterThan(0);
  });

  it('writes the JSON and a self-contained HTML timeline with --report-dir', async () => {
    const out = join(dir, 'report');
    const io = captureIo();
    expect(await main(['backtest', '--log', HISTORY, '--report-dir', out], io)).toBe(0);
    const json = JSON.parse(await readFile(join(out, 'backtest.json'), 'utf8')) as BacktestReport;
    expect(firingsOf(json)).toEqual(expected.firings);
    const html = await readFile(join(out, 'backtest.html'), 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(json.rules.length);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(html).toContain('ALARM 2026-03-02T15:06:00.000Z');
  });

  it('refuses a missing file with its name, and a bad --from as a usage error', async () => {
    const io = captureIo();
    expect(await main(['backtest', '--log', join(dir, 'nope.log')], io)).toBe(3);
    expect(io.stderrText()).toContain('nope.log');
    const usage = captureIo();
    expect(await main(['backtest', '--log', HISTORY, '--from', 'yesterday'], usage)).toBe(2);
    expect(usage.stderrText()).toContain('--from "yesterday"');
  });
});
