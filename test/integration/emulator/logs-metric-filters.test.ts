import { readFileSync } from 'node:fs';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { InputLogEvent, MetricTransformation } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { LOCAL_CREDENTIALS } from '../../../harness/aws/clients.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator } from '../../support/emulator.ts';
import type { TestEmulator } from '../../support/emulator.ts';

// Metric filters → CloudWatch datapoints (alarms-sns.md §1): per-filter, per-minute aggregation by
// event timestamp, defaultValue, dimensions, units, field values, not retroactive.
const MINUTE = 60_000;
const ROOT_AUTH_PATTERN =
  '{$.auth.display_name = "root" && $.request.path = "sys/auth" && $.type = "response"}';
let lab: TestEmulator;

beforeAll(async () => {
  lab = await startTestEmulator();
});
afterAll(async () => lab.stop());
beforeEach(async () => {
  await lab.emulator.reset();
  lab.metrics.restore({ version: 1, regions: [] });
  // Start each test at a minute boundary, so the lab clock (which also flows in real time) cannot
  // cross into the next minute while the test runs.
  await lab.clock.advanceTo(Math.floor(lab.clock.now() / MINUTE) * MINUTE + MINUTE);
  await lab.logs.send(new CreateLogGroupCommand({ logGroupName: 'vault_audit_log' }));
  await lab.logs.send(new CreateLogStreamCommand({ logGroupName: 'vault_audit_log', logStreamName: 'host' }));
});

const putFilter = (filterName: string, filterPattern: string, transformation: MetricTransformation) =>
  lab.logs.send(
    new PutMetricFilterCommand({
      logGroupName: 'vault_audit_log',
      filterName,
      filterPattern,
      metricTransformations: [transformation],
    }),
  );
const putEvents = (logEvents: InputLogEvent[]) =>
  lab.logs.send(
    new PutLogEventsCommand({ logGroupName: 'vault_audit_log', logStreamName: 'host', logEvents }),
  );

/** The minute the clock is in (the lab clock starts minute-aligned at TEST_START). */
const currentMinute = (): number => Math.floor(lab.clock.now() / MINUTE) * MINUTE;

describe('counting filters on recorded Vault audit lines', () => {
  it('counts the root `vault auth list` response of the article, once per matching event', async () => {
    await putFilter('RootAuthList', ROOT_AUTH_PATTERN, {
      metricName: 'RootAuthListCount',
      metricNamespace: 'VaultMetricNamespace',
      metricValue: '1',
    });
    const lines = readFileSync(new URL('../../fixtures/vault-1.14.0/auth-list.log', import.meta.url), 'utf8')
      .trim()
      .split('\n');
    const expected = lines.filter((line) => {
      const entry = JSON.parse(line) as {
        type: string;
        auth?: { display_name?: string };
        request: { path: string };
      };
      return (
        entry.type === 'response' && entry.auth?.display_name === 'root' && entry.request.path === 'sys/auth'
      );
    }).length;
    expect(expected).toBeGreaterThan(0);
    const minute = currentMinute();
    await putEvents(lines.map((message) => ({ timestamp: minute + 1_000, message })));
    await putEvents(lines.map((message) => ({ timestamp: minute + 2_000, message })));
    const stats = lab.metricStats(
      { namespace: 'VaultMetricNamespace', metricName: 'RootAuthListCount' },
      minute,
      minute + MINUTE,
    );
    expect(stats).toEqual({ sum: 2 * expected, sampleCount: 2 * expected, minimum: 1, maximum: 1 });
  });
});

describe('aggregation', () => {
  it('buckets matches by the minute of the event timestamp, not of ingestion', async () => {
    await putFilter('errors', 'ERROR', { metricName: 'Errors', metricNamespace: 'App', metricValue: '1' });
    const minute = currentMinute();
    await putEvents([
      { timestamp: minute - 2 * MINUTE + 5, message: 'ERROR a' },
      { timestamp: minute - 2 * MINUTE + 6, message: 'ERROR b' },
      { timestamp: minute - MINUTE + 1, message: 'ERROR c' },
      { timestamp: minute - MINUTE + 2, message: 'INFO d' },
    ]);
    const id = { namespace: 'App', metricName: 'Errors' };
    expect(lab.metricStats(id, minute - 2 * MINUTE, minute - MINUTE)).toMatchObject({
      sum: 2,
      sampleCount: 2,
    });
    expect(lab.metricStats(id, minute - MINUTE, minute)).toMatchObject({ sum: 1, sampleCount: 1 });
    expect(lab.metricStats(id, minute, minute + MINUTE)).toBeUndefined();
  });

  it('is not retroactive: events put before the filter existed are not counted', async () => {
    const minute = currentMinute();
    await putEvents([{ timestamp: minute + 1, message: 'ERROR before' }]);
    await putFilter('errors', 'ERROR', { metricName: 'Errors', metricNamespace: 'App', metricValue: '1' });
    await putEvents([{ timestamp: minute + 2, message: 'ERROR after' }]);
    expect(
      lab.metricStats({ namespace: 'App', metricName: 'Errors' }, minute, minute + MINUTE),
    ).toMatchObject({ sum: 1 });
  });

  it('publishes field values, units and dimensions from JSON events', async () => {
    await putFilter('latency', '{ $.latency > 0 }', {
      metricName: 'Latency',
      metricNamespace: 'App',
      metricValue: '$.latency',
      unit: 'Milliseconds',
      dimensions: { Path: '$.path' },
    });
    const minute = currentMinute();
    await putEvents([
      { timestamp: minute + 1, message: '{"latency": 10, "path": "sys/auth"}' },
      { timestamp: minute + 2, message: '{"latency": 30, "path": "sys/auth"}' },
      { timestamp: minute + 3, message: '{"latency": 5, "path": "secret/data/x"}' },
      { timestamp: minute + 4, message: '{"latency": 0, "path": "sys/auth"}' },
    ]);
    const auth = lab.metrics.find('000000000000', 'us-east-1', {
      namespace: 'App',
      metricName: 'Latency',
      dimensions: [{ name: 'Path', value: 'sys/auth' }],
    });
    expect(auth?.units()).toEqual(['Milliseconds']);
    expect(
      lab.metricStats(
        { namespace: 'App', metricName: 'Latency', dimensions: [{ name: 'Path', value: 'sys/auth' }] },
        minute,
        minute + MINUTE,
      ),
    ).toEqual({ sum: 40, sampleCount: 2, minimum: 10, maximum: 30 });
    expect(
      lab.metricStats(
        { namespace: 'App', metricName: 'Latency', dimensions: [{ name: 'Path', value: 'secret/data/x' }] },
        minute,
        minute + MINUTE,
      ),
    ).toMatchObject({ sum: 5, sampleCount: 1 });
  });

  it('evaluates every filter of the group on each event', async () => {
    for (let i = 0; i < 8; i++) {
      await putFilter(`f${i}`, `"needle${i}"`, {
        metricName: `M${i}`,
        metricNamespace: 'App',
        metricValue: String(i + 1),
      });
    }
    const minute = currentMinute();
    await putEvents([
      { timestamp: minute + 1, message: 'needle0 needle3' },
      { timestamp: minute + 2, message: 'needle3 needle7' },
    ]);
    const sum = (i: number) =>
      lab.metricStats({ namespace: 'App', metricName: `M${i}` }, minute, minute + MINUTE)?.sum;
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(sum)).toEqual([
      1,
      undefined,
      undefined,
      8,
      undefined,
      undefined,
      undefined,
      8,
    ]);
  });
});

describe('defaultValue', () => {
  beforeEach(async () => {
    await putFilter('errors', 'ERROR', {
      metricName: 'Errors',
      metricNamespace: 'App',
      metricValue: '1',
      defaultValue: 0,
    });
  });
  const id = { namespace: 'App', metricName: 'Errors' };

  it('reports the default for a minute with ingested events but no match, once the minute closes', async () => {
    const minute = currentMinute();
    await putEvents([
      { timestamp: minute + 1, message: 'INFO a' },
      { timestamp: minute + 2, message: 'INFO b' },
    ]);
    expect(lab.metricStats(id, minute, minute + MINUTE)).toBeUndefined();
    await lab.clock.advanceTo(minute + MINUTE);
    expect(lab.metricStats(id, minute, minute + MINUTE)).toEqual({
      sum: 0,
      sampleCount: 1,
      minimum: 0,
      maximum: 0,
    });
  });

  it('reports no default for a minute that had a match, and nothing for a minute without events', async () => {
    const minute = currentMinute();
    await putEvents([
      { timestamp: minute + 1, message: 'INFO a' },
      { timestamp: minute + 2, message: 'ERROR b' },
    ]);
    await lab.clock.advanceTo(minute + 3 * MINUTE);
    expect(lab.metricStats(id, minute, minute + MINUTE)).toEqual({
      sum: 1,
      sampleCount: 1,
      minimum: 1,
      maximum: 1,
    });
    expect(lab.metricStats(id, minute + MINUTE, minute + 3 * MINUTE)).toBeUndefined();
  });

  it('closes minutes early when the alarm evaluator flushes metric producers', async () => {
    const minute = currentMinute();
    await putEvents([{ timestamp: minute + 1, message: 'INFO a' }]);
    lab.emulator.engines.metricProducers.flush(minute + MINUTE);
    expect(lab.metricStats(id, minute, minute + MINUTE)).toMatchObject({ sum: 0, sampleCount: 1 });
  });
});

describe('metric filters feed the alarm evaluator', () => {
  it("a minute's defaultValue is in the store when the alarm evaluates the boundary that closes it", async () => {
    const cloudwatch = new CloudWatchClient({
      endpoint: lab.endpoint,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 1,
    });
    try {
      await putFilter('errors', 'ERROR', {
        metricName: 'Errors',
        metricNamespace: 'App',
        metricValue: '1',
        defaultValue: 0,
      });
      await cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: 'errors',
          Namespace: 'App',
          MetricName: 'Errors',
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
        }),
      );
      const minute = currentMinute();
      await putEvents([{ timestamp: minute + 1, message: 'INFO only' }]);
      await lab.clock.advanceTo(minute + MINUTE);
      const state = async () =>
        (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['errors'] }))).MetricAlarms![0]!
          .StateValue;
      expect(await state()).toBe('OK');
      await putEvents([{ timestamp: lab.clock.now(), message: 'ERROR now' }]);
      await lab.clock.advanceTo(minute + 2 * MINUTE);
      expect(await state()).toBe('ALARM');
    } finally {
      cloudwatch.destroy();
    }
  });
});
