import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricStatisticsCommand,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../../harness/aws/clients.ts';
import { waitFor } from '../../../harness/util/wait-for.ts';
import { startTestEmulator } from '../../support/emulator.ts';
import type { TestEmulator } from '../../support/emulator.ts';

// --state-dir: a restarted emulator keeps its log groups, events, metric filters, metrics and alarms,
// in-process and through the `vault-alarm-lab emulator` command (SIGTERM, then a new process).
const MINUTE = 60_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab-emulator-state-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function seed(
  logs: CloudWatchLogsClient,
  cloudwatch: CloudWatchClient,
  timestamp: number,
): Promise<void> {
  await logs.send(new CreateLogGroupCommand({ logGroupName: 'vault_audit_log', tags: { team: 'sec' } }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: 'vault_audit_log', logStreamName: 'vault' }));
  await logs.send(
    new PutMetricFilterCommand({
      logGroupName: 'vault_audit_log',
      filterName: 'errors',
      filterPattern: 'ERROR',
      metricTransformations: [{ metricName: 'Errors', metricNamespace: 'Vault', metricValue: '1' }],
    }),
  );
  await logs.send(
    new PutLogEventsCommand({
      logGroupName: 'vault_audit_log',
      logStreamName: 'vault',
      logEvents: [
        { timestamp, message: 'ERROR one' },
        { timestamp: timestamp + 1, message: 'INFO two' },
      ],
    }),
  );
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: 'vault-errors',
      Namespace: 'Vault',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
  );
}

async function expectRestored(
  logs: CloudWatchLogsClient,
  cloudwatch: CloudWatchClient,
  timestamp: number,
): Promise<void> {
  const { logGroups } = await logs.send(new DescribeLogGroupsCommand({}));
  expect(logGroups!.map((g) => [g.logGroupName, g.metricFilterCount, g.storedBytes])).toEqual([
    ['vault_audit_log', 1, 17],
  ]);
  const { events } = await logs.send(
    new GetLogEventsCommand({ logGroupName: 'vault_audit_log', logStreamName: 'vault', startFromHead: true }),
  );
  expect(events!.map((e) => [e.timestamp, e.message])).toEqual([
    [timestamp, 'ERROR one'],
    [timestamp + 1, 'INFO two'],
  ]);
  const { metricFilters } = await logs.send(
    new DescribeMetricFiltersCommand({ logGroupName: 'vault_audit_log' }),
  );
  expect(metricFilters!.map((f) => f.filterName)).toEqual(['errors']);
  const minute = Math.floor(timestamp / MINUTE) * MINUTE;
  const stats = await cloudwatch.send(
    new GetMetricStatisticsCommand({
      Namespace: 'Vault',
      MetricName: 'Errors',
      StartTime: new Date(minute),
      EndTime: new Date(minute + MINUTE),
      Period: 60,
      Statistics: ['Sum'],
    }),
  );
  expect(stats.Datapoints!.map((d) => d.Sum)).toEqual([1]);
  const { MetricAlarms } = await cloudwatch.send(new DescribeAlarmsCommand({}));
  expect(MetricAlarms!.map((a) => a.AlarmName)).toEqual(['vault-errors']);
}

/** Whether the state file at `path` exists and contains `text`. */
function savedIn(path: string, text: string): () => boolean {
  return () => existsSync(path) && readFileSync(path, 'utf8').includes(text);
}

function clients(endpoint: string) {
  const config = { endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 };
  const logs = new CloudWatchLogsClient(config);
  const cloudwatch = new CloudWatchClient(config);
  cleanups.push(() => {
    logs.destroy();
    cloudwatch.destroy();
  });
  return { logs, cloudwatch };
}

describe('persistence with --state-dir', () => {
  it('restores groups, events, filters, metrics and alarms in a new in-process emulator, and filters keep working', async () => {
    const stateDir = tempDir();
    let lab: TestEmulator = await startTestEmulator({ stateDir });
    const first = clients(lab.endpoint);
    const timestamp = lab.clock.now() - 1000;
    await seed(first.logs, first.cloudwatch, timestamp);
    await lab.clock.advance(30 * MINUTE);
    const clockBefore = lab.clock.now();
    await lab.stop();

    lab = await startTestEmulator({ stateDir });
    cleanups.push(() => lab.stop());
    expect(lab.clock.now()).toBeGreaterThanOrEqual(clockBefore);
    const second = clients(lab.endpoint);
    await expectRestored(second.logs, second.cloudwatch, timestamp);

    // The restored filter is recompiled and counts new events.
    const later = lab.clock.now();
    await second.logs.send(
      new PutLogEventsCommand({
        logGroupName: 'vault_audit_log',
        logStreamName: 'vault',
        logEvents: [{ timestamp: later, message: 'ERROR three' }],
      }),
    );
    const minute = Math.floor(later / MINUTE) * MINUTE;
    expect(lab.metricStats({ namespace: 'Vault', metricName: 'Errors' }, minute, minute + MINUTE)?.sum).toBe(
      1,
    );
  });

  it('saves an alarm transition made by the evaluator without waiting for a request', async () => {
    const stateDir = tempDir();
    const lab = await startTestEmulator({ stateDir });
    cleanups.push(() => lab.stop());
    const { logs, cloudwatch } = clients(lab.endpoint);
    await seed(logs, cloudwatch, lab.clock.now() - 1000);
    const file = join(stateDir, 'cloudwatch', '000000000000-us-east-1.json');
    await waitFor(savedIn(file, 'Unchecked: Initial alarm creation'), {
      description: 'the new alarm saved after PutMetricAlarm',
      timeoutMs: 10_000,
    });
    expect(savedIn(file, '"value":"ALARM"')()).toBe(false);

    // Only the clock moves: the evaluator changes the alarm on its own.
    expect((await lab.control('POST', '/_lab/clock', { advanceSeconds: 120 })).status).toBe(200);
    await waitFor(savedIn(file, '"value":"ALARM"'), {
      description: 'the ALARM transition saved to the state directory',
      timeoutMs: 10_000,
    });
  });

  it("saves a metric filter's default value published when its minute closes, without waiting for a request", async () => {
    const stateDir = tempDir();
    const lab = await startTestEmulator({ stateDir });
    cleanups.push(() => lab.stop());
    const { logs } = clients(lab.endpoint);
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'vault_audit_log' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'vault_audit_log', logStreamName: 'vault' }));
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'vault_audit_log',
        filterName: 'quiet',
        filterPattern: 'NEVER_LOGGED',
        metricTransformations: [
          { metricName: 'Quiet', metricNamespace: 'Vault', metricValue: '1', defaultValue: 0 },
        ],
      }),
    );
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'vault_audit_log',
        logStreamName: 'vault',
        logEvents: [{ timestamp: lab.clock.now(), message: 'INFO no match' }],
      }),
    );
    await waitFor(savedIn(join(stateDir, 'logs', '000000000000-us-east-1.json'), 'INFO no match'), {
      description: 'the event saved after PutLogEvents',
      timeoutMs: 10_000,
    });
    const metrics = join(stateDir, 'cloudwatch-metrics', '000000000000-us-east-1.json');
    expect(savedIn(metrics, '"Quiet"')()).toBe(false);

    // Only the clock moves: the filter's minute closes on a timer and publishes its default.
    expect((await lab.control('POST', '/_lab/clock', { advanceSeconds: 120 })).status).toBe(200);
    await waitFor(savedIn(metrics, '"Quiet"'), {
      description: "the filter's default value saved to the state directory",
      timeoutMs: 10_000,
    });
  });

  it('keeps state across `vault-alarm-lab emulator` processes stopped with SIGTERM', async () => {
    const stateDir = tempDir();
    const first = await startCommand(stateDir);
    const a = clients(first.endpoint);
    const timestamp = Date.now() - 1000;
    await seed(a.logs, a.cloudwatch, timestamp);
    expect(await first.stop()).toBe(0);

    const second = await startCommand(stateDir);
    cleanups.push(async () => void (await second.stop()));
    const b = clients(second.endpoint);
    await expectRestored(b.logs, b.cloudwatch, timestamp);
  });
});

/** Runs the emulator command, reads its one JSON line, and stops it with SIGTERM. */
async function startCommand(stateDir: string): Promise<{ endpoint: string; stop(): Promise<number | null> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/vault-alarm-lab.js', 'emulator', '--port', '0', '--json', '--state-dir', stateDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) =>
      reject(new Error(`emulator exited with ${code} before printing its endpoint: ${stderr}`)),
    );
  });
  const printed = JSON.parse(line) as { endpoint: string; region: string };
  expect(printed).toEqual({
    endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    region: 'us-east-1',
  });
  return {
    endpoint: printed.endpoint,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
