import { spawnSync } from 'node:child_process';
import { execa } from 'execa';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeMetricFiltersCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import { ListTopicsCommand } from '@aws-sdk/client-sns';
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
import { metricAlarmFields } from '../../../harness/rules/provision/desired-state.ts';
import { main } from '../../../harness/cli.ts';
import { captureIo } from '../../support/cli-io.ts';
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

describe('rules that leave the set', () => {
  const alarmNames = async (prefix: string): Promise<string[]> =>
    (
      (await lab.aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: prefix }))).MetricAlarms ??
      []
    ).map((a) => a.AlarmName!);
  const filterNames = async (group: string): Promise<string[]> =>
    (
      (await lab.aws.logs.send(new DescribeMetricFiltersCommand({ logGroupName: group }))).metricFilters ?? []
    ).map((f) => f.filterName!);
  const topicNames = async (): Promise<string[]> =>
    ((await lab.aws.sns.send(new ListTopicsCommand({}))).Topics ?? []).map((t) =>
      t.TopicArn!.slice(t.TopicArn!.lastIndexOf(':') + 1),
    );
  const ruleSet = (prefix: string, group: string, file?: string) =>
    desiredState(
      buildRuleSet({
        at: AT,
        prefix,
        logGroupName: group,
        ...(file !== undefined ? { userFile: parseRuleFile(file, 'team.yaml') } : {}),
      }),
    );

  it('a rule disabled in the file loses its alarm and metric filter on the next apply', async () => {
    await applyDesiredState(lab.aws, ruleSet('gone-', 'gone-group'));
    const fewer = ruleSet('gone-', 'gone-group', 'disable: [permission-denied]\n');
    const plan = await applyDesiredState(lab.aws, fewer, { dryRun: true });
    expect(plan.changes.filter((c) => c.action !== 'unchanged')).toEqual([
      { action: 'delete', kind: 'alarm', name: 'gone-permission-denied' },
      { action: 'delete', kind: 'metric-filter', name: 'gone-permission-denied' },
    ]);
    expect(await alarmNames('gone-')).toContain('gone-permission-denied');

    await applyDesiredState(lab.aws, fewer);
    expect(await alarmNames('gone-')).not.toContain('gone-permission-denied');
    expect(await filterNames('gone-group')).not.toContain('gone-permission-denied');
    expect(await alarmNames('gone-')).toHaveLength(9);
    expect(isEmptyDiff((await applyDesiredState(lab.aws, fewer)).changes)).toBe(true);
  });

  it('a rule removed from the file takes its own topic along, and what the lab does not own stays', async () => {
    const withRule = ruleSet(
      'team-',
      'team-group',
      'rules:\n  - id: kv-delete\n    topic: kv-alerts\n    filter: { pattern: \'{ $.request.operation = "delete" }\', metricName: KvDelete }\n',
    );
    await applyDesiredState(lab.aws, withRule);
    // The user's own alarm and filter under the same prefix, made by hand: not the lab's.
    await lab.aws.logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'team-group',
        filterName: 'team-mine',
        filterPattern: 'ERROR',
        metricTransformations: [{ metricName: 'Mine', metricNamespace: 'Team', metricValue: '1' }],
      }),
    );
    await lab.aws.cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'team-mine',
        Namespace: 'Team',
        MetricName: 'Mine',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    );
    expect(await topicNames()).toContain('team-kv-alerts');

    const result = await applyDesiredState(lab.aws, ruleSet('team-', 'team-group'));
    expect(result.changes.filter((c) => c.action !== 'unchanged')).toEqual([
      { action: 'delete', kind: 'alarm', name: 'team-kv-delete' },
      { action: 'delete', kind: 'metric-filter', name: 'team-kv-delete' },
      { action: 'delete', kind: 'topic', name: 'team-kv-alerts' },
    ]);
    expect(await topicNames()).not.toContain('team-kv-alerts');
    expect(await topicNames()).toContain('team-vault-audit-alarms');
    expect(await alarmNames('team-')).toContain('team-mine');
    expect(await filterNames('team-group')).toContain('team-mine');
  });

  it('destroy with a file that disables a rule leaves no alarm behind pointing at the deleted topic', async () => {
    await applyDesiredState(lab.aws, ruleSet('dangle-', 'dangle-group'));
    const fewer = ruleSet('dangle-', 'dangle-group', 'disable: [vault-sealed]\n');
    const destroyed = await destroyDesiredState(lab.aws, fewer);
    expect(destroyed.changes).toContainEqual({
      action: 'delete',
      kind: 'alarm',
      name: 'dangle-vault-sealed',
    });
    expect(await alarmNames('dangle-')).toEqual([]);
    expect(await filterNames('dangle-group')).toEqual([]);
    expect(await topicNames()).not.toContain('dangle-vault-audit-alarms');
  });

  it('rules apply and destroy --rules FILE print what they remove', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'val-rules-cli-'));
    writeFileSync(join(dir, 'team.yaml'), 'disable: [auth-method-enabled]\n');
    const target = ['--endpoint', lab.emulator.endpoint, '--prefix', 'cmd-', '--log-group', 'cmd-group'];
    expect(await main(['rules', 'apply', ...target], captureIo())).toBe(0);
    const apply = captureIo({ cwd: dir });
    expect(await main(['rules', 'apply', ...target, '--rules', 'team.yaml'], apply)).toBe(0);
    expect(apply.stdoutText()).toBe(
      '- alarm cmd-auth-method-enabled\n- metric-filter cmd-auth-method-enabled\nApplied: 2 to delete, 20 unchanged.\n',
    );
    const destroy = captureIo({ cwd: dir });
    expect(await main(['rules', 'destroy', ...target, '--rules', 'team.yaml'], destroy)).toBe(0);
    expect(destroy.stdoutText()).toContain('- topic cmd-vault-audit-alarms\n');
    expect(await alarmNames('cmd-')).toEqual([]);
  });

  it('tags an alarm provisioned before the lab tagged its own, so it can be removed later', async () => {
    const desired = ruleSet('old-', 'old-group');
    await applyDesiredState(lab.aws, desired);
    const alarm = desired.alarms.find((a) => a.ruleId === 'vault-sealed')!;
    // As the lab did before: the same alarm, without tags (a fresh alarm, since tags stick at creation).
    await lab.aws.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [alarm.alarmName] }));
    const { Tags: _tags, ...untagged } = metricAlarmFields(alarm, {
      alarm: [],
      ok: [],
      insufficientData: [],
    });
    await lab.aws.cloudwatch.send(new PutMetricAlarmCommand(untagged));
    const plan = await applyDesiredState(lab.aws, desired, { dryRun: true });
    expect(plan.changes.filter((c) => c.action !== 'unchanged')).toEqual([
      expect.objectContaining({ action: 'update', kind: 'alarm', name: 'old-vault-sealed' }),
    ]);
    await applyDesiredState(lab.aws, desired);
    await applyDesiredState(lab.aws, ruleSet('old-', 'old-group', 'disable: [vault-sealed]\n'));
    expect(await alarmNames('old-')).not.toContain('old-vault-sealed');
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
