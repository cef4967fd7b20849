/**
 * PutLogEvents on the local emulator through the SDK v3 over HTTP: throughput (events/s, MB/s) and
 * latency per 1 MB batch (p50/p99), with 1 KB Vault-like events (recorded Vault 1.14.0 audit lines,
 * padded to 1,024 bytes) and 8 metric filters on the group, against a baseline without filters.
 *
 *   node bin/run-ts.js bench/emulator-logs.bench.ts
 */
import { readFileSync } from 'node:fs';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { InputLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { LOCAL_CREDENTIALS } from '../harness/aws/clients.ts';
import { SystemClock } from '../harness/clock.ts';
import { startEmulator } from '../harness/emulator/index.ts';
import type { RunningEmulator } from '../harness/emulator/index.ts';

const EVENT_BYTES = 1024;
const BATCH_LIMIT_BYTES = 1_048_576;
const EVENTS_PER_BATCH = Math.floor(BATCH_LIMIT_BYTES / (EVENT_BYTES + 26));
const WARMUP_BATCHES = 3;
const MEASURED_BATCHES = 150;
const CONCURRENCY = 4;

/** Eight filters shaped like the lab's Vault rules: JSON patterns, one term pattern, one with a field value. */
const FILTERS: readonly { pattern: string; value?: string }[] = [
  { pattern: '{$.auth.display_name = "root" && $.request.path = "sys/auth" && $.type = "response"}' },
  {
    pattern:
      '{ $.type = "response" && $.request.operation = "update" && $.request.path = "sys/policies/acl/*" }',
  },
  { pattern: '{ $.error = "permission denied" }' },
  { pattern: '{ $.request.path = "auth/token/create*" && $.type = "response" }' },
  { pattern: '{ $.request.path = "sys/audit/*" && $.request.operation = "delete" }' },
  { pattern: '{ $.auth.policies[0] = "root" }' },
  { pattern: '"sys/seal"' },
  { pattern: '{ $.response.auth.lease_duration > 0 }', value: '$.response.auth.lease_duration' },
];

interface Figures {
  readonly events: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
}

export async function run(): Promise<void> {
  const events = vaultLikeEvents();
  console.log(
    `${EVENTS_PER_BATCH} events of ${EVENT_BYTES} B per batch (${((EVENTS_PER_BATCH * (EVENT_BYTES + 26)) / 1_048_576).toFixed(3)} MiB counted by AWS), ` +
      `${MEASURED_BATCHES} measured batches after ${WARMUP_BATCHES} warm-up`,
  );
  const baseline = await measure(events, 0);
  report('no metric filter          ', baseline);
  const filtered = await measure(events, FILTERS.length);
  report(`${FILTERS.length} metric filters          `, filtered);
  const concurrent = await measure(events, FILTERS.length, CONCURRENCY);
  report(`${FILTERS.length} filters, ${CONCURRENCY} streams in flight`, concurrent);
}

async function measure(source: readonly string[], filterCount: number, concurrency = 1): Promise<Figures> {
  // The wall clock: nothing here needs virtual time, and an OffsetClock keeps a real timer armed for
  // its next (cancelled) timer, which would hold the process up to a minute after the run.
  const emulator = await startEmulator({ clock: new SystemClock() });
  const logs = new CloudWatchLogsClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  try {
    await setup(logs, filterCount, concurrency);
    let cursor = 0;
    const nextBatch = (): InputLogEvent[] => {
      const now = emulator.clock.now();
      const batch = new Array<InputLogEvent>(EVENTS_PER_BATCH);
      for (let i = 0; i < EVENTS_PER_BATCH; i++)
        batch[i] = { timestamp: now, message: source[cursor++ % source.length]! };
      return batch;
    };
    for (let i = 0; i < WARMUP_BATCHES; i++) await put(logs, 0, nextBatch());
    const latenciesMs: number[] = [];
    let remaining = MEASURED_BATCHES;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, stream) => {
        while (remaining > 0) {
          remaining--;
          const batch = nextBatch();
          const t0 = performance.now();
          await put(logs, stream, batch);
          latenciesMs.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await checkMetrics(emulator, filterCount);
    return {
      events: MEASURED_BATCHES * EVENTS_PER_BATCH,
      bytes: MEASURED_BATCHES * EVENTS_PER_BATCH * EVENT_BYTES,
      seconds,
      latenciesMs,
    };
  } finally {
    logs.destroy();
    await emulator.stop();
  }
}

async function setup(logs: CloudWatchLogsClient, filterCount: number, streams: number): Promise<void> {
  await logs.send(new CreateLogGroupCommand({ logGroupName: 'vault_audit_log' }));
  for (let i = 0; i < streams; i++) {
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'vault_audit_log', logStreamName: `s${i}` }));
  }
  for (const [i, filter] of FILTERS.slice(0, filterCount).entries()) {
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'vault_audit_log',
        filterName: `rule-${i}`,
        filterPattern: filter.pattern,
        metricTransformations: [
          { metricName: `Rule${i}`, metricNamespace: 'VaultBench', metricValue: filter.value ?? '1' },
        ],
      }),
    );
  }
}

async function put(logs: CloudWatchLogsClient, stream: number, logEvents: InputLogEvent[]): Promise<void> {
  const result = await logs.send(
    new PutLogEventsCommand({ logGroupName: 'vault_audit_log', logStreamName: `s${stream}`, logEvents }),
  );
  if (result.rejectedLogEventsInfo !== undefined)
    throw new Error(`events rejected: ${JSON.stringify(result.rejectedLogEventsInfo)}`);
}

/** The figures only count if the filters really produced datapoints. */
async function checkMetrics(emulator: RunningEmulator, filterCount: number): Promise<void> {
  if (filterCount === 0) return;
  const metrics = emulator.engines.metrics.list('000000000000', emulator.region).length;
  if (metrics === 0)
    throw new Error('the metric filters produced no metric: the benchmark is not measuring what it claims');
}

/** Recorded Vault audit lines, each padded to exactly EVENT_BYTES with a `lab_padding` member. */
function vaultLikeEvents(): string[] {
  const names = [
    'auth-list',
    'secret-read',
    'secret-write',
    'policy-write-acl',
    'permission-denied-read',
    'token-create-limited',
    'userpass-login',
    'seal',
  ];
  const lines: string[] = [];
  for (const name of names) {
    const text = readFileSync(new URL(`../test/fixtures/vault-1.14.0/${name}.log`, import.meta.url), 'utf8');
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const entry = JSON.parse(line) as Record<string, unknown>;
      const base = Buffer.byteLength(JSON.stringify({ ...entry, lab_padding: '' }), 'utf8');
      if (base > EVENT_BYTES) {
        // Longer entries are trimmed to their routing fields so every event stays 1 KB.
        const slim = {
          time: entry['time'],
          type: entry['type'],
          auth: entry['auth'],
          request: entry['request'],
          error: entry['error'],
        };
        const slimBase = Buffer.byteLength(JSON.stringify({ ...slim, lab_padding: '' }), 'utf8');
        if (slimBase > EVENT_BYTES) continue;
        lines.push(JSON.stringify({ ...slim, lab_padding: 'x'.repeat(EVENT_BYTES - slimBase) }));
      } else {
        lines.push(JSON.stringify({ ...entry, lab_padding: 'x'.repeat(EVENT_BYTES - base) }));
      }
    }
  }
  if (lines.length === 0) throw new Error('no Vault fixture line fits in 1 KB');
  return lines;
}

function report(label: string, figures: Figures): void {
  const sorted = [...figures.latenciesMs].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  console.log(
    `${label}: ${Math.round(figures.events / figures.seconds).toLocaleString('en-US')} events/s, ` +
      `${(figures.bytes / 1_048_576 / figures.seconds).toFixed(1)} MB/s; per 1 MB batch p50 ${pct(50).toFixed(1)} ms, ` +
      `p99 ${pct(99).toFixed(1)} ms (${sorted.length} batches)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
