/**
 * Shipper benchmark, into the in-process emulator over real HTTP (AWS SDK v3, gzip) with 8 metric
 * filters on the log group, fed with audit lines recorded from Vault 1.14.0:
 * 1. lag, line written → PutLogEvents accepted, p50/p99, at a steady 1,000 lines/s (default
 *    flush interval, 200 ms);
 * 2. maximum sustained throughput (lines/s, MB/s): a backlog read and shipped as fast as possible.
 * Figures, not pass/fail. `node bin/run-ts.js bench/shipper.bench.ts`
 */
import { closeSync, openSync, readFileSync, readdirSync, statSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { LOCAL_CREDENTIALS } from '../harness/aws/clients.ts';
import { startEmulator } from '../harness/emulator/index.ts';
import type { RunningEmulator } from '../harness/emulator/index.ts';
import { loadAgentConfig, startShipper } from '../harness/shipper/index.ts';
import type { ResolvedShipperConfig, ShipperEvent } from '../harness/shipper/index.ts';

const FIXTURES = fileURLToPath(new URL('../test/fixtures/vault-1.14.0/', import.meta.url));

/** Eight detection-style patterns over Vault audit JSON, as a rule pack would install. */
const FILTER_PATTERNS = [
  '{ $.type = "response" && $.auth.policies[0] = "root" }',
  '{ $.request.path = "sys/audit*" }',
  '{ $.error = "*permission denied*" }',
  '{ $.request.operation = "delete" }',
  '{ $.request.path = "sys/policies/acl/*" }',
  '{ $.type = "request" && $.request.path = "sys/seal" }',
  '{ $.request.path = "auth/token/create*" }',
  '{ ($.auth.display_name = "root") || ($.request.remote_address != "127.0.0.1") }',
];

const LAG_RATE = 1000;
const LAG_SECONDS = 15;
const THROUGHPUT_BYTES = 192 * 1024 * 1024;

function recordedLines(): string[] {
  const lines: string[] = [];
  for (const name of readdirSync(FIXTURES)
    .filter((n) => n.endsWith('.log'))
    .sort()) {
    for (const line of readFileSync(path.join(FIXTURES, name), 'utf8').split('\n'))
      if (line.startsWith('{')) lines.push(line);
  }
  if (lines.length === 0) throw new Error(`no recorded audit lines under ${FIXTURES}`);
  return lines;
}

async function groupWithFilters(emulator: RunningEmulator, group: string): Promise<void> {
  const logs = new CloudWatchLogsClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: LOCAL_CREDENTIALS,
  });
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  for (const [i, pattern] of FILTER_PATTERNS.entries()) {
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: group,
        filterName: `bench-${i + 1}`,
        filterPattern: pattern,
        metricTransformations: [
          { metricName: `BenchMetric${i + 1}`, metricNamespace: 'VaultAlarmLab/Bench', metricValue: '1' },
        ],
      }),
    );
  }
  logs.destroy();
}

/** A CloudWatch agent config shipping one file to `group` / bench. */
function shipFileTo(file: string, group: string): ResolvedShipperConfig {
  return loadAgentConfig({
    logs: {
      logs_collected: {
        files: { collect_list: [{ file_path: file, log_group_name: group, log_stream_name: 'bench' }] },
      },
    },
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Maps accepted byte ranges back to the lines written in them. */
class LineTracker {
  readonly starts: number[] = [];
  readonly writtenAt: number[] = [];
  readonly acceptedAt: number[] = [];
  offset = 0;

  wrote(bytes: number, at: number): void {
    this.starts.push(this.offset);
    this.writtenAt.push(at);
    this.acceptedAt.push(NaN);
    this.offset += bytes;
  }

  accepted(from: number, to: number, at: number): void {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.starts.length && this.starts[i]! < to; i++)
      if (Number.isNaN(this.acceptedAt[i])) this.acceptedAt[i] = at;
  }
}

async function measureLag(emulator: RunningEmulator, lines: readonly string[], dir: string): Promise<void> {
  const file = path.join(dir, 'lag.log');
  const group = '/bench/shipper/lag';
  await groupWithFilters(emulator, group);
  const fd = openSync(file, 'a');
  const tracker = new LineTracker();
  const config = shipFileTo(file, group);
  const onEvent = (event: ShipperEvent) => {
    if (event.type === 'batch-accepted')
      for (const r of event.ranges) tracker.accepted(r.from, r.to, performance.now());
  };
  const shipper = await startShipper({
    config,
    aws: { endpoint: emulator.endpoint, region: emulator.region, credentials: LOCAL_CREDENTIALS },
    clock: emulator.clock,
    stateDir: path.join(dir, 'lag-state'),
    onEvent,
  });
  const total = LAG_RATE * LAG_SECONDS;
  const started = performance.now();
  let written = 0;
  while (written < total) {
    // Paced by elapsed time, so timer drift does not lower the rate.
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * LAG_RATE));
    let text = '';
    const at = performance.now();
    for (; written < due; written++) {
      const line = lines[written % lines.length]! + '\n';
      text += line;
      tracker.wrote(Buffer.byteLength(line), at);
    }
    if (text !== '') writeSync(fd, text);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const elapsed = (performance.now() - started) / 1000;
  await shipper.drain();
  closeSync(fd);
  const stats = shipper.stats();
  await shipper.stop();
  const lags = tracker.acceptedAt
    .map((t, i) => t - tracker.writtenAt[i]!)
    .filter((x) => !Number.isNaN(x))
    .sort((a, b) => a - b);
  console.log(
    `lag at ${LAG_RATE} lines/s for ${LAG_SECONDS} s (${total} lines, ${(total / elapsed).toFixed(0)} lines/s achieved, flush interval ${config.forceFlushIntervalMs} ms):`,
  );
  console.log(
    `  line written → PutLogEvents accepted: p50 ${percentile(lags, 50).toFixed(0)} ms, p99 ${percentile(lags, 99).toFixed(0)} ms, max ${lags[lags.length - 1]?.toFixed(0)} ms (${lags.length} lines measured)`,
  );
  console.log(`  shipped ${stats.totals.eventsShipped}, retries ${stats.totals.retries}`);
}

async function measureThroughput(
  emulator: RunningEmulator,
  lines: readonly string[],
  dir: string,
  filters: boolean,
): Promise<void> {
  const file = path.join(dir, `backlog-${filters ? 'filters' : 'plain'}.log`);
  const group = `/bench/shipper/throughput-${filters ? 'filters' : 'plain'}`;
  if (filters) await groupWithFilters(emulator, group);
  const fd = openSync(file, 'w');
  let bytes = 0;
  let count = 0;
  let chunk = '';
  while (bytes < THROUGHPUT_BYTES) {
    const line = lines[count % lines.length]! + '\n';
    chunk += line;
    bytes += Buffer.byteLength(line);
    count++;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  const config = shipFileTo(file, group);
  let requests = 0;
  const started = performance.now();
  const shipper = await startShipper({
    config,
    aws: { endpoint: emulator.endpoint, region: emulator.region, credentials: LOCAL_CREDENTIALS },
    clock: emulator.clock,
    stateDir: path.join(dir, `tp-state-${filters}`),
    onEvent: (e) => {
      if (e.type === 'batch-accepted') requests++;
    },
  });
  await shipper.drain({ timeoutMs: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  const stats = shipper.stats();
  await shipper.stop();
  const size = statSync(file).size;
  console.log(
    `max sustained throughput, ${filters ? '8 metric filters' : 'no metric filters'} on the group (backlog of ${(size / 2 ** 20).toFixed(0)} MiB, ${count} lines, ${(size / count).toFixed(0)} B/line):`,
  );
  console.log(
    `  ${(stats.totals.eventsShipped / seconds).toFixed(0)} lines/s, ${(size / 1e6 / seconds).toFixed(1)} MB/s (${seconds.toFixed(1)} s, ${requests} PutLogEvents, ${(stats.totals.eventsShipped / requests).toFixed(0)} events/request)`,
  );
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'val-bench-shipper-'));
  const emulator = await startEmulator();
  try {
    const lines = recordedLines();
    await measureLag(emulator, lines, dir);
    await measureThroughput(emulator, lines, dir, true);
    await measureThroughput(emulator, lines, dir, false);
  } finally {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
