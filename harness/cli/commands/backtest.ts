import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pc from 'picocolors';
import { defineCommand } from '../command.ts';
import { CliUsageError } from '../../errors.ts';
import { backtestHtml, formatBacktestText, runBacktest } from '../../backtest/index.ts';
import { DEFAULT_BUSINESS_HOURS, loadRuleSet } from '../../rules/index.ts';

/**
 * `backtest`: how often would the rules have fired on these logs? Exit status 0 when the replay ran
 * (whatever fired), 1 when an input could not be read or the rules are invalid, 2 on a usage error.
 */
export const backtestCommand = defineCommand({
  name: 'backtest',
  summary: 'Replay Vault audit logs through the rules on event time and report what would have fired.',
  options: {
    log: {
      type: 'string',
      multiple: true,
      description: 'Audit log, plain or gzipped; repeat for rotated files, oldest first',
      valueName: 'file',
    },
    rules: {
      type: 'string',
      description: 'User rule file (YAML or JSON) merged with the built-in pack',
      valueName: 'file',
    },
    from: { type: 'string', description: 'Only entries at or after this ISO time', valueName: 'time' },
    to: { type: 'string', description: 'Only entries before this ISO time', valueName: 'time' },
    json: { type: 'boolean', description: 'Print the report as JSON' },
    'report-dir': {
      type: 'string',
      description: 'Write backtest.json and backtest.html (timeline per rule) there',
      valueName: 'dir',
    },
    threads: {
      type: 'string',
      description: 'Worker threads scanning the logs (default: the available cores)',
      valueName: 'n',
    },
  },
  examples: [
    'vault-alarm-lab backtest --log audit.log.2.gz --log audit.log.1.gz --log audit.log',
    'vault-alarm-lab backtest --log audit.log --rules team-rules.yaml --from 2026-03-01T00:00Z --to 2026-03-08T00:00Z',
    'vault-alarm-lab backtest --log audit.log --json > backtest.json',
  ],
  async run({ values, io, signal }) {
    if (values.log.length === 0) throw new CliUsageError('--log is required (repeat it for rotated files)');
    const fromMs = parseTime('--from', values.from);
    const toMs = parseTime('--to', values.to);
    if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs)
      throw new CliUsageError(`--to ${values.to} is not after --from ${values.from}`);
    const threads = values.threads === undefined ? undefined : Number(values.threads);
    if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64))
      throw new CliUsageError(
        `--threads ${JSON.stringify(values.threads)}: expected a whole number from 1 to 64`,
      );
    const set = await loadRuleSet({
      ...(values.rules ? { rulesFile: resolve(io.cwd, values.rules) } : {}),
      at: fromMs ?? Date.now(),
    });
    const timeZone = set.parameters.businessHours?.timeZone ?? DEFAULT_BUSINESS_HOURS.timeZone;
    const progress = progressLine(io.stderr);
    const report = await runBacktest({
      files: values.log.map((file) => resolve(io.cwd, file)),
      rules: set.rules,
      timeZone,
      window: { fromMs, toMs },
      ...(threads !== undefined ? { threads } : {}),
      onProgress: progress.update,
      signal,
    });
    progress.done();
    if (values['report-dir']) {
      const dir = resolve(io.cwd, values['report-dir']);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'backtest.json'), JSON.stringify(report, null, 2) + '\n');
      await writeFile(join(dir, 'backtest.html'), backtestHtml(report));
      io.stderr.write(`wrote ${join(dir, 'backtest.json')} and ${join(dir, 'backtest.html')}\n`);
    }
    if (values.json) io.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else
      io.stdout.write(formatBacktestText(report, { color: io.stdout.isTTY === true && !io.env['NO_COLOR'] }));
    return 0;
  },
});

function parseTime(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (!/^\d{4}-\d\d-\d\d/.test(text) || Number.isNaN(ms))
    throw new CliUsageError(
      `${flag} ${JSON.stringify(text)}: expected an ISO time such as 2026-03-01T00:00Z`,
    );
  return ms;
}

/** A live line on a terminal; a plain line every 5 s in CI logs. */
function progressLine(stream: NodeJS.WritableStream & { isTTY?: boolean }): {
  update: (scanned: number, total: number) => void;
  done: () => void;
} {
  const tty = stream.isTTY === true;
  const started = performance.now();
  let lastPrint = started;
  let shown = false;
  return {
    update(scanned, total) {
      const now = performance.now();
      if (now - lastPrint < (tty ? 200 : 5000)) return;
      lastPrint = now;
      const rate = scanned / 1e6 / ((now - started) / 1000);
      const text = `backtest: ${(scanned / 1e6).toFixed(0)} / ${(total / 1e6).toFixed(0)} MB (${rate.toFixed(0)} MB/s)`;
      stream.write(tty ? `\r${pc.dim(text)}\x1b[K` : `${text}\n`);
      shown = true;
    },
    done() {
      if (tty && shown) stream.write('\r\x1b[K');
    },
  };
}
