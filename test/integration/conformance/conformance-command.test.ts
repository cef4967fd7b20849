/**
 * `vault-alarm-lab conformance` against the lab's own emulator over real HTTP: every area agrees with
 * AWS; an emulator with one behaviour broken (a fault injected through POST /_lab/faults) is reported
 * by check name; and the exit statuses for usage and connection errors.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeAlarmsCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ListTopicsCommand } from '@aws-sdk/client-sns';
import { createAwsClients, LOCAL_CREDENTIALS } from '../../../harness/aws/index.ts';
import { main } from '../../../harness/cli.ts';
import { runConformance } from '../../../harness/conformance/index.ts';
import type { ConformanceReport } from '../../../harness/conformance/index.ts';
import { NAMESPACE } from '../../../harness/conformance/aws-steps.ts';
import { LOCAL_WALL_BOUNDS } from '../../../harness/conformance/context.ts';
import { loadVectors } from '../../../harness/conformance/vectors.ts';
import { startEmulator } from '../../../harness/emulator/index.ts';
import type { RunningEmulator } from '../../../harness/emulator/index.ts';
import { waitFor } from '../../../harness/util/wait-for.ts';
import { captureIo } from '../../support/cli-io.ts';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.stop();
});

async function conformance(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const status = await main(['conformance', ...args], io);
  return { status, stdout: io.stdoutText(), stderr: io.stderrText() };
}

describe('conformance against the emulator', () => {
  it('agrees with AWS on every check of every area (exit 0), and writes JSON and Markdown reports', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conformance-'));
    try {
      const run = await conformance(['--endpoint', emulator.endpoint, '--json', '--report-dir', dir]);
      const report = JSON.parse(run.stdout) as ConformanceReport;
      expect(report.clock).toBe('lab');
      expect(report.areas.map((a) => a.name)).toEqual([
        'filter-patterns',
        'alarms',
        'notifications',
        'errors',
        'article',
      ]);
      for (const area of report.areas) {
        expect(area.disagreements, area.name).toEqual([]);
        expect(area.agreed, area.name).toBe(area.total);
        expect(area.skipped, area.name).toEqual([]);
      }
      // Every vector three ways, plus the dedicated metric checks; the table cells; HTTP delivery.
      const total = (name: string): number => report.areas.find((a) => a.name === name)!.total;
      expect(total('filter-patterns')).toBeGreaterThan(283 + 2 * 100);
      expect(total('alarms')).toBeGreaterThanOrEqual(41);
      expect(total('notifications')).toBeGreaterThan(30);
      expect(run.status).toBe(0);
      const written = JSON.parse(await readFile(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
      expect(written.areas).toEqual(report.areas);
      expect(await readFile(join(dir, 'conformance.md'), 'utf8')).toContain('| alarms | ');
      // Everything the run created is gone again.
      const clients = createAwsClients({
        endpoint: emulator.endpoint,
        region: 'us-east-1',
        credentials: LOCAL_CREDENTIALS,
      });
      try {
        const groups = await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'vac-' }));
        expect(groups.logGroups).toEqual([]);
        const alarms = await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'vac-' }));
        expect(alarms.MetricAlarms).toEqual([]);
        const topics = await clients.sns.send(new ListTopicsCommand({}));
        expect(topics.Topics ?? []).toEqual([]);
      } finally {
        clients.destroy();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the checks an emulator with a broken behaviour fails (exit 1)', async () => {
    // The emulator's alarm history is broken: DescribeAlarmHistory fails for the rest of the run.
    const injected = await fetch(`${emulator.endpoint}/_lab/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        service: 'cloudwatch',
        operation: 'DescribeAlarmHistory',
        error: 'InternalServiceError',
        count: 1000,
      }),
    });
    expect(injected.status).toBe(201);
    try {
      const run = await conformance(['--endpoint', emulator.endpoint, '--only', 'alarms']);
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/✗ alarms +\d+\/\d+ agree/);
      for (const id of [
        'alarms/history/configuration-update',
        'alarms/history/state-update',
        'alarms/history/state-update-data',
      ]) {
        expect(run.stdout).toContain(`✗ ${id}:`);
      }
      expect(run.stdout).toContain('endpoint: InternalServiceError (HTTP 500)');
      expect(run.stdout).toContain(
        'source:   https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmHistory.html',
      );
      // Only the broken behaviour disagrees: the tables still agree.
      expect(run.stdout).not.toContain('alarms/tables/');
      expect(run.stdout).toContain('DISAGREE');
    } finally {
      await fetch(`${emulator.endpoint}/_lab/faults`, { method: 'DELETE' });
    }
  });

  it('reports a TestMetricFilter the endpoint does not offer once, and still checks ingestion', async () => {
    await fetch(`${emulator.endpoint}/_lab/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'logs', operation: 'TestMetricFilter', status: 501, count: 1 }),
    });
    try {
      const run = await conformance(['--endpoint', emulator.endpoint, '--only', 'filter-patterns', '--json']);
      const report = JSON.parse(run.stdout) as ConformanceReport;
      const area = report.areas[0]!;
      expect(area.disagreements.map((d) => d.id)).toEqual(['filter-patterns/test-metric-filter/offered']);
      expect(area.skipped).toEqual([
        {
          id: 'filter-patterns/test-metric-filter/*',
          reason: 'TestMetricFilter is not offered (283 vectors)',
          count: 283,
        },
      ]);
      expect(run.status).toBe(1);
    } finally {
      await fetch(`${emulator.endpoint}/_lab/faults`, { method: 'DELETE' });
    }
  });
});

describe('conformance interrupted', () => {
  it('deletes everything it created when interrupted (exit 130)', async () => {
    const io = captureIo();
    const controller = new AbortController();
    // On the wall clock the alarms area waits for a real minute boundary: interrupt it there.
    const running = main(
      ['conformance', '--endpoint', emulator.endpoint, '--clock', 'wall', '--only', 'alarms'],
      io,
      controller.signal,
    );
    await waitFor(() => io.stderrText().includes('table cells'), {
      description: 'the alarm table cells being created',
      timeoutMs: 30_000,
    });
    controller.abort(new Error('Ctrl-C'));
    expect(await running).toBe(130);
    expect(io.stderrText()).toContain('interrupted; it deleted what it had created');
    const clients = createAwsClients({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
    });
    try {
      // Calls already in flight at the interrupt finish and are deleted as they land.
      await waitFor(
        async () =>
          (
            (await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'vac-' })))
              .MetricAlarms ?? []
          ).length === 0,
        { description: 'no vac- alarm left', timeoutMs: 10_000 },
      );
    } finally {
      clients.destroy();
    }
  });
});

describe('conformance --endpoint aws', () => {
  it('takes region and credentials from the SDK chain and leaves nothing behind', async () => {
    // The SDK's own endpoint override stands in for AWS: the same code path, no account needed.
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: emulator.endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'eu-west-1',
    });
    try {
      const run = await conformance(['--endpoint', 'aws', '--only', 'errors', '--json']);
      const report = JSON.parse(run.stdout) as ConformanceReport;
      expect(report).toMatchObject({ endpoint: 'aws', region: 'eu-west-1', clock: 'wall' });
      expect(report.areas[0]).toMatchObject({ name: 'errors', agreed: 16, total: 16 });
      expect(run.status).toBe(0);
      const clients = createAwsClients({ region: 'eu-west-1' });
      try {
        const groups = await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'vac-' }));
        expect(groups.logGroups).toEqual([]);
      } finally {
        clients.destroy();
      }
    } finally {
      for (const key of ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });
});

describe('conformance exit statuses', () => {
  it('exits 2 when the endpoint does not answer', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const run = await conformance(['--endpoint', `http://127.0.0.1:${port}`, '--only', 'errors']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`cannot reach http://127.0.0.1:${port}`);
  });

  it('exits 2 for --clock lab on an endpoint without the lab clock', async () => {
    // Any AWS-shaped answer shows the endpoint is there; it has no /_lab/clock.
    const server = createServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ __type: 'UnknownOperationException', message: 'no' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const run = await conformance(['--endpoint', endpoint, '--clock', 'lab']);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('--clock lab needs an endpoint with the lab clock');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('exits 2 for usage errors', async () => {
    expect((await conformance([])).status).toBe(2);
    const unknown = await conformance(['--endpoint', emulator.endpoint, '--only', 'alarm']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(
      "unknown area 'alarm'; expected: filter-patterns, alarms, notifications, errors, article",
    );
    expect((await conformance(['--endpoint', emulator.endpoint, '--clock', 'fast'])).status).toBe(2);
    expect((await conformance(['--endpoint', 'not a url'])).status).toBe(2);
  });
});

describe('conformance on the wall clock', () => {
  it('reports a wrong metric as soon as its reading settles, without waiting out the bound', async () => {
    // An emulator of its own: the lab-clock runs above have moved the shared one's clock ahead.
    const wallEmulator = await startEmulator();
    const prefix = `vac-settle-${Date.now() % 100_000}-`;
    const stated = loadVectors().filter((v) => v.confidence === 'stated' && v.error === undefined);
    const vectors = [stated.find((v) => v.match)!, stated.find((v) => !v.match)!];
    const clients = createAwsClients({
      endpoint: wallEmulator.endpoint,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
    });
    try {
      // Someone else's datapoint in the metric the `$.latency` check reads: its Sum can never be the
      // documented 50, and it stops changing once the check's own events are counted.
      await clients.cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: NAMESPACE,
          MetricData: [{ MetricName: `${prefix}latency`, Value: 7, Timestamp: new Date() }],
        }),
      );
      const report = await runConformance({
        endpoint: wallEmulator.endpoint,
        clock: 'wall',
        only: ['filter-patterns'],
        vectors,
        prefix,
      });
      const area = report.areas[0]!;
      expect(area.disagreements.map((d) => d.id)).toEqual(['filter-patterns/metrics/metric-value-json']);
      // 20 + 30 + 7, in one minute or two (the datapoint may land in the minute before the events).
      expect(area.disagreements[0]!.endpoint).toMatch(/^Sum 57( over 2 minutes)?$/);
      // Waiting for agreement would have lasted the whole bound; a settled reading ends the wait.
      expect(area.wallMs).toBeLessThan(LOCAL_WALL_BOUNDS.metricVisibilityMs);
    } finally {
      clients.destroy();
      await wallEmulator.stop();
    }
  });
});
