/**
 * Runs `vault-alarm-lab conformance` against the lab's emulator, moto and LocalStack side by side and
 * writes the table (area × system, agreed/total, versions, date, wall time of each run) to
 * docs/conformance.md and into README.md between its conformance-table markers, and the scores to
 * docs/conformance-scores.json; every run (also with --no-write, as in CI) says how its scores compare
 * with the recorded ones.
 *
 *   node bin/run-ts.js scripts/conformance-side-by-side.ts [--systems emulator,moto,localstack]
 *     [--no-write] [--report-dir reports/conformance]
 *
 * moto and LocalStack come from PyPI into venvs in the lab cache (created once); they run natively on
 * free 127.0.0.1 ports and on the wall clock. Exit status: 1 when the emulator (lab clock) does not
 * agree on every check, else 0: the peers are recorded, never failing.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import type { ResultPromise } from 'execa';
import type { ConformanceReport } from '../harness/conformance/index.ts';
import { startLocalstack, startMoto } from './side-by-side/peers.ts';
import type { RunningPeer } from './side-by-side/peers.ts';
import {
  compareWithRecord,
  detailsMarkdown,
  recordScores,
  rewriteReadmeBlock,
  summaryTable,
} from './side-by-side/table.ts';
import type { RecordedScores, SystemRun } from './side-by-side/table.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CLI = join(ROOT, 'bin', 'vault-alarm-lab.js');
const SYSTEMS = ['emulator', 'emulator-wall', 'moto', 'localstack'] as const;
type System = (typeof SYSTEMS)[number];

const { values } = parseArgs({
  options: {
    systems: { type: 'string', default: SYSTEMS.join(',') },
    'no-write': { type: 'boolean', default: false },
    'report-dir': { type: 'string', default: 'reports/conformance' },
  },
});
const systems = values.systems
  .split(',')
  .filter((s): s is System => (SYSTEMS as readonly string[]).includes(s));
const reportDir = resolve(ROOT, values['report-dir']);
const log = (message: string): void => {
  process.stderr.write(`[side-by-side ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
};

const stops: (() => Promise<void>)[] = [];
const runningChecks = new Set<ResultPromise>();
let stopping = false;
async function stopAll(): Promise<void> {
  if (stopping) return;
  stopping = true;
  // A Ctrl-C, or CI's `timeout`, signals the whole process group: the conformance runs have the
  // signal already and are deleting what they made (a second one would make them exit at once), and
  // the peers are stopping too, so some deletions may fail, harmlessly: the endpoints go with them.
  // Runs still going after 30 s (this script was signalled alone) are stopped, before their endpoints.
  const checks = [...runningChecks];
  const finished = Promise.all(checks.map((run) => run.catch(() => undefined)));
  if ((await Promise.race([finished, delay(30_000, 'late', { ref: false })])) === 'late') {
    for (const run of checks) run.kill('SIGTERM');
    await finished;
  }
  await Promise.all(stops.map((stop) => stop().catch(() => undefined)));
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // `on`, not `once`: execa's exit hook re-raises the signal (killing this process before the peers
  // are stopped) when it finds no other listener left.
  process.on(signal, () => {
    log(`${signal}: stopping what this script started`);
    void stopAll().then(() => process.exit(130));
  });
}

async function startEmulator(): Promise<RunningPeer> {
  const child = execa('node', [CLI, 'emulator', '--port', '0', '--json'], {
    reject: false,
    stderr: 'ignore',
  });
  const line = await new Promise<string>((resolveLine, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      if (buffered.includes('\n')) resolveLine(buffered.split('\n')[0]!);
    });
    void child.then(() => reject(new Error('the emulator exited before printing its endpoint')));
  });
  const { endpoint } = JSON.parse(line) as { endpoint: string };
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM');
    await child.catch(() => undefined);
  };
  return { endpoint, version: await emulatorVersion(), stop };
}

async function emulatorVersion(): Promise<string> {
  const pkg = (await import('../package.json', { with: { type: 'json' } })).default as { version: string };
  const commit = await execa('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, reject: false });
  return `${pkg.version}${commit.exitCode === 0 ? ` (${commit.stdout.trim()})` : ''}`;
}

/** One conformance run as a separate process, as a user would run it; its JSON report. */
async function conformance(
  system: System,
  endpoint: string,
  clock: 'lab' | 'wall',
): Promise<ConformanceReport> {
  const dir = join(reportDir, system);
  log(`${system}: conformance --endpoint ${endpoint} --clock ${clock}`);
  const child = execa(
    'node',
    [CLI, 'conformance', '--endpoint', endpoint, '--clock', clock, '--json', '--report-dir', dir],
    { reject: false },
  );
  runningChecks.add(child);
  void child.finally(() => runningChecks.delete(child));
  // The runs overlap: each progress line says whose it is.
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n'))
      if (line.trim() !== '') log(`${system}: ${line.trim()}`);
  });
  const result = await child;
  if (result.exitCode !== 0 && result.exitCode !== 1) {
    throw new Error(`conformance against ${system} exited ${result.exitCode}`);
  }
  const report = JSON.parse(result.stdout) as ConformanceReport;
  const agreed = report.areas.reduce((n, a) => n + a.agreed, 0);
  const total = report.areas.reduce((n, a) => n + a.total, 0);
  log(`${system}: ${agreed}/${total} agree, ${(report.wallMs / 1000).toFixed(0)} s`);
  return report;
}

const TITLES: Record<System, string> = {
  emulator: 'lab emulator',
  'emulator-wall': 'lab emulator, wall clock',
  moto: 'moto',
  localstack: 'LocalStack community',
};

async function runSystem(system: System): Promise<SystemRun> {
  let peer: RunningPeer;
  try {
    peer =
      system === 'moto'
        ? await startMoto(log)
        : system === 'localstack'
          ? await startLocalstack(log)
          : await startEmulator();
  } catch (error) {
    log(`${system}: not run: ${(error as Error).message}`);
    return { title: TITLES[system], version: '–', notRun: (error as Error).message };
  }
  stops.push(peer.stop);
  try {
    const report = await conformance(system, peer.endpoint, system === 'emulator' ? 'lab' : 'wall');
    return { title: TITLES[system], version: peer.version, report };
  } catch (error) {
    return { title: TITLES[system], version: peer.version, notRun: (error as Error).message };
  } finally {
    await peer.stop();
  }
}

const started = performance.now();
await mkdir(reportDir, { recursive: true });
// Side by side: the wall-clock runs wait minutes each, mostly idle, so they overlap.
const runs = await Promise.all(systems.map(runSystem));
await stopAll();
const date = new Date().toISOString().slice(0, 10);
log(`all runs done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.stdout.write(`${summaryTable(runs, date)}\n`);
await writeFile(join(reportDir, 'runs.json'), JSON.stringify(runs, null, 2));
const SCORES = join(ROOT, 'docs', 'conformance-scores.json');
const recorded = await readFile(SCORES, 'utf8').then(
  (text) => JSON.parse(text) as RecordedScores,
  () => undefined,
);
if (recorded) for (const line of compareWithRecord(runs, recorded)) log(line);
if (!values['no-write']) {
  await mkdir(join(ROOT, 'docs'), { recursive: true });
  await writeFile(join(ROOT, 'docs', 'conformance.md'), detailsMarkdown(runs, date));
  await writeFile(SCORES, `${JSON.stringify(recordScores(runs, date), null, 2)}\n`);
  await rewriteReadmeBlock(
    join(ROOT, 'README.md'),
    `${summaryTable(runs, date)}\n\nWhat each system got wrong, check by check: [docs/conformance.md](docs/conformance.md).`,
  );
  // The generated Markdown is formatted like every other file in the repository.
  await execa(
    join(ROOT, 'node_modules', '.bin', 'prettier'),
    ['--write', 'docs/conformance.md', 'docs/conformance-scores.json', 'README.md'],
    {
      cwd: ROOT,
    },
  );
  log('wrote docs/conformance.md and the table in README.md');
}
const emulator = runs[systems.indexOf('emulator')];
if (emulator?.report && emulator.report.areas.some((a) => a.agreed !== a.total)) {
  log('the emulator disagrees with AWS on some checks (see above): failing');
  process.exitCode = 1;
} else if (systems.includes('emulator') && !emulator?.report) {
  log(`the emulator could not be measured: ${emulator?.notRun ?? 'unknown'}`);
  process.exitCode = 1;
}
