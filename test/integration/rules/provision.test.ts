import { spawnSync } from 'node:child_process';
import { execa } from 'execa';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { createAwsClients, LOCAL_CREDENTIALS } from '../../../harness/aws/index.ts';
import { OffsetClock } from '../../../harness/clock.ts';
import {
  applyDesiredState,
  buildRuleSet,
  desiredState,
  destroyDesiredState,
  exportRules,
  formatChanges,
  isEmptyDiff,
  logGroupExists,
  parseRuleFile,
} from '../../../harness/rules/index.ts';
import { emulatorForFile } from '../../support/lab-aws.ts';

const AT = Date.UTC(2024, 0, 15, 12);
const lab = emulatorForFile(new OffsetClock());

describe('provisioning through the AWS SDK', () => {
  it('plans every resource on an empty account without creating any', async () => {
    const set = buildRuleSet({ at: AT, prefix: 'plan-', logGroupName: 'plan-only-group' });
    const desired = desiredState(set, [{ protocol: 'sqs', queueName: 'plan-sink' }]);
    const plan = await applyDesiredState(lab.aws, desired, { prefix: 'plan-', dryRun: true });
    expect(plan.changes.every((c) => c.action === 'create')).toBe(true);
    expect(plan.changes.filter((c) => c.kind === 'metric-filter')).toHaveLength(10);
    expect(await logGroupExists(lab.aws, 'plan-only-group')).toBe(false);
    const alarms = await lab.aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'plan-' }));
    expect(alarms.MetricAlarms).toEqual([]);
  });

  it('creates everything once, then changes nothing on a second apply', async () => {
    const set = buildRuleSet({ at: AT, prefix: 'idem-' });
    const desired = desiredState(set, [{ protocol: 'sqs', queueName: 'idem-sink' }]);
    const first = await applyDesiredState(lab.aws, desired, { prefix: 'idem-' });
    const created = first.changes.filter((c) => c.action === 'create').map((c) => c.kind);
    expect(created.filter((k) => k === 'alarm')).toHaveLength(10);
    expect(created.filter((k) => k === 'metric-filter')).toHaveLength(10);
    expect(created).toEqual(expect.arrayContaining(['log-group', 'topic', 'queue', 'subscription']));

    const second = await applyDesiredState(lab.aws, desired, { prefix: 'idem-' });
    expect(isEmptyDiff(second.changes)).toBe(true);
    expect(formatChanges(second.changes)).toBe(
      `No changes. ${second.changes.length} resources up to date.\n`,
    );
  });

  it('updates only what differs and shows the field diff', async () => {
    const file = parseRuleFile('override:\n  permission-denied: { alarm: { threshold: 5 } }\n', 'f.yaml');
    const set = buildRuleSet({ at: AT, prefix: 'idem-', userFile: file });
    const desired = desiredState(set, [{ protocol: 'sqs', queueName: 'idem-sink' }]);
    const plan = await applyDesiredState(lab.aws, desired, { prefix: 'idem-', dryRun: true });
    const changed = plan.changes.filter((c) => c.action !== 'unchanged');
    expect(changed).toEqual([
      {
        action: 'update',
        kind: 'alarm',
        name: 'idem-permission-denied',
        fields: [{ field: 'Threshold', from: 3, to: 5 }],
      },
    ]);
    const alarm = await lab.aws.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: ['idem-permission-denied'] }),
    );
    expect(alarm.MetricAlarms?.[0]?.Threshold).toBe(3);
    await applyDesiredState(lab.aws, desired, { prefix: 'idem-' });
    expect(isEmptyDiff((await applyDesiredState(lab.aws, desired, { prefix: 'idem-' })).changes)).toBe(true);
  });

  it('destroys what it created, and a second destroy finds nothing', async () => {
    const set = buildRuleSet({ at: AT, prefix: 'idem-' });
    const desired = desiredState(set, [{ protocol: 'sqs', queueName: 'idem-sink' }]);
    const destroyed = await destroyDesiredState(lab.aws, desired, { prefix: 'idem-', deleteLogGroup: true });
    expect(destroyed.changes.filter((c) => c.kind === 'alarm')).toHaveLength(10);
    expect(destroyed.changes.every((c) => c.action === 'delete')).toBe(true);
    expect(
      (await destroyDesiredState(lab.aws, desired, { prefix: 'idem-', deleteLogGroup: true })).changes,
    ).toEqual([]);
  });
});

describe('destroy when the SQS side refuses', () => {
  it('reports an error other than "no such queue" instead of leaving the sink queue behind silently', async () => {
    const set = buildRuleSet({ at: AT, prefix: 'deny-', logGroupName: 'deny-group' });
    const desired = desiredState(set, [{ protocol: 'sqs', queueName: 'deny-sink' }]);
    await applyDesiredState(lab.aws, desired, { prefix: 'deny-' });
    const denied = createAwsClients({
      endpoint: lab.emulator.endpoint,
      region: lab.emulator.region,
      credentials: LOCAL_CREDENTIALS,
    });
    // As if the credentials lacked sqs:GetQueueUrl: the call fails before it leaves the client.
    denied.sqs.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'GetQueueUrlCommand') {
          throw Object.assign(new Error('not authorized to perform sqs:GetQueueUrl'), {
            name: 'AccessDenied',
          });
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    try {
      await expect(destroyDesiredState(denied, desired, { prefix: 'deny-' })).rejects.toThrow(
        /sqs:GetQueueUrl/,
      );
    } finally {
      denied.destroy();
    }
    const cleanup = await destroyDesiredState(lab.aws, desired, { prefix: 'deny-', deleteLogGroup: true });
    expect(cleanup.changes).toContainEqual({ action: 'delete', kind: 'queue', name: 'deny-sink' });
  });
});

describe('the exported AWS CLI script', () => {
  const cli = process.env['LAB_AWS_CLI'] ?? '/usr/bin/aws';
  const available = spawnSync(cli, ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!available)(
    'provisions exactly what apply would: a later apply has nothing to change',
    async () => {
      const set = buildRuleSet({ at: AT, prefix: 'cli-' });
      const desired = desiredState(set);
      const dir = mkdtempSync(join(tmpdir(), 'val-cli-script-'));
      writeFileSync(join(dir, 'rules.sh'), exportRules(desired, 'cli', 'test'));
      // Asynchronously: the emulator answering the CLI runs in this very process.
      await execa('bash', [join(dir, 'rules.sh')], {
        env: {
          ...process.env,
          AWS: `${cli} --endpoint-url ${lab.emulator.endpoint} --region ${lab.emulator.region}`,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_PAGER: '',
        },
        stdio: 'pipe',
      });
      // Made exactly what apply would: a plan afterwards has nothing to change.
      const plan = await applyDesiredState(lab.aws, desired, { prefix: 'cli-', dryRun: true });
      expect(plan.changes.filter((c) => c.action !== 'unchanged')).toEqual([]);
    },
  );
  if (!available)
    console.log(`skipping the AWS CLI export check: ${cli} is not installed (apt-get install awscli)`);
});
