import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListTopicsCommand } from '@aws-sdk/client-sns';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../harness/aws/index.ts';
import { systemClock } from '../../harness/clock.ts';
import { loadScenarios, selectScenarios } from '../../harness/runner/load-scenarios.ts';
import { renderTable } from '../../harness/runner/report/table.ts';
import { runSuite } from '../../harness/runner/suite.ts';
import { startAwsTarget } from '../../harness/runner/targets/aws.ts';
import { emulatorForFile } from '../support/lab-aws.ts';
import { testVaultBinary } from '../support/vault-server.ts';

/**
 * The `aws` target's code path (SDK default credential and region chain, unique run prefix, SQS sink,
 * waiting on the wall clock, destroy at the end) against the emulator running on the wall clock: the
 * SDK finds it through AWS_ENDPOINT_URL like any endpoint override. Nothing advances time here.
 */
const lab = emulatorForFile(systemClock);
const saved: Record<string, string | undefined> = {};

beforeAll(() => {
  const env = {
    AWS_ENDPOINT_URL: lab.emulator.endpoint,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_REGION: lab.emulator.region,
    VAULT_BIN: testVaultBinary(),
  };
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});

afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('the aws target on the wall clock', () => {
  // Each wait is for a real minute boundary: the alarms' first evaluation, then one per scenario. The
  // negative scenario goes first because an alarm that fired stays in ALARM while its datapoint is in
  // the evaluation range (3 minutes for 1 of 1): after the last scenario nobody waits for that.
  it(
    'runs one negative and one positive scenario and destroys everything it created',
    { timeout: 360_000 },
    async () => {
      const target = await startAwsTarget({
        // The emulator evaluates right at each minute boundary and delivers at once, so the runner
        // need not wait the minutes real CloudWatch may take before calling an alarm quiet.
        timing: { quietAfterMinuteMs: 5_000, pollIntervalMs: 1_000, notificationTimeoutMs: 30_000 },
      });
      expect(target.aws.endpoint).toBeUndefined();
      expect(target.prefix).toMatch(/^val-\d{10}-[0-9a-f]{4}-$/);
      const scenarios = selectScenarios(await loadScenarios(), [
        'permission-denied-below-threshold',
        'root-token-create',
      ]);
      const report = await runSuite({ target, scenarios, subset: true });
      console.log(renderTable(report, { colour: false }));
      expect(report.scenarios.map((s) => [s.name, s.state])).toEqual([
        ['permission-denied-below-threshold', 'success'],
        ['root-token-create', 'success'],
      ]);
      const [negative, positive] = report.scenarios;
      expect(negative!.fired).toEqual([]);
      expect(negative!.expectations.every((e) => e.kind === 'quiet' && e.verdict === 'pass')).toBe(true);
      expect([...positive!.fired].sort()).toEqual(['root-token-created', 'root-token-used']);
      expect(positive!.messages).toBe(2);
      expect(report.labAdvancedMs).toBe(0);

      // Destroyed, and only under the run's prefix (the log group too) as a shared account needs.
      const { aws } = lab;
      const alarms = await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: target.prefix }));
      expect(alarms.MetricAlarms ?? []).toEqual([]);
      const topics = await aws.sns.send(new ListTopicsCommand({}));
      expect((topics.Topics ?? []).filter((t) => t.TopicArn?.includes(target.prefix))).toEqual([]);
      const queues = await aws.sqs.send(new ListQueuesCommand({ QueueNamePrefix: target.prefix }));
      expect(queues.QueueUrls ?? []).toEqual([]);
      const groups = await aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: target.prefix }));
      expect(groups.logGroups ?? []).toEqual([]);
    },
  );
});
