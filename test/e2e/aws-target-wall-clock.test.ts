import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListTopicsCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, LOCAL_CREDENTIALS } from '../../harness/aws/clients.ts';
import { systemClock } from '../../harness/clock.ts';
import { startEmulator } from '../../harness/emulator/index.ts';
import type { RunningEmulator } from '../../harness/emulator/index.ts';
import { loadScenarios, selectScenarios } from '../../harness/runner/load-scenarios.ts';
import { renderTable } from '../../harness/runner/report/table.ts';
import { runSuite } from '../../harness/runner/suite.ts';
import { startAwsTarget } from '../../harness/runner/targets/aws.ts';
import { testVaultBinary } from '../support/vault-server.ts';

/**
 * The `aws` target's code path (SDK default credential and region chain, unique run prefix, SQS sink,
 * waiting on the wall clock, destroy at the end) against the emulator running on the wall clock: the
 * SDK finds it through AWS_ENDPOINT_URL like any endpoint override. Nothing advances time here.
 */
let emulator: RunningEmulator;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  emulator = await startEmulator({ clock: systemClock });
  const env = {
    AWS_ENDPOINT_URL: emulator.endpoint,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_REGION: emulator.region,
    VAULT_BIN: testVaultBinary(),
  };
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await emulator?.stop();
});

describe('the aws target on the wall clock', () => {
  it(
    'runs one positive and one negative scenario and destroys everything it created',
    { timeout: 600_000 },
    async () => {
      const target = await startAwsTarget({
        // The emulator evaluates right at each minute boundary and delivers at once, so the runner
        // need not wait the minutes real CloudWatch may take before calling an alarm quiet.
        timing: { quietAfterMinuteMs: 5_000, pollIntervalMs: 1_000, notificationTimeoutMs: 30_000 },
      });
      expect(target.aws.endpoint).toBeUndefined();
      expect(target.prefix).toMatch(/^val-\d{10}-[0-9a-f]{4}-$/);
      const scenarios = selectScenarios(await loadScenarios(), [
        'root-token-create',
        'permission-denied-below-threshold',
      ]);
      const report = await runSuite({ target, scenarios });
      // Nothing outside the run's prefix is touched on a shared account: the log group is prefixed too.
      console.log(renderTable(report, { colour: false }));
      expect(report.scenarios.map((s) => [s.name, s.state])).toEqual([
        ['root-token-create', 'success'],
        ['permission-denied-below-threshold', 'success'],
      ]);
      expect([...report.scenarios[0]!.fired].sort()).toEqual(['root-token-created', 'root-token-used']);
      expect(report.labAdvancedMs).toBe(0);

      const aws = createAwsClients({ region: emulator.region });
      try {
        const alarms = await aws.cloudwatch.send(
          new DescribeAlarmsCommand({ AlarmNamePrefix: target.prefix }),
        );
        expect(alarms.MetricAlarms ?? []).toEqual([]);
        const topics = await aws.sns.send(new ListTopicsCommand({}));
        expect((topics.Topics ?? []).filter((t) => t.TopicArn?.includes(target.prefix))).toEqual([]);
        const groups = await aws.logs.send(
          new DescribeLogGroupsCommand({ logGroupNamePrefix: target.prefix }),
        );
        expect(groups.logGroups ?? []).toEqual([]);
      } finally {
        aws.destroy();
      }
    },
  );
});
