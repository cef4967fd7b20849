import { resolve } from 'node:path';
import pc from 'picocolors';
import { defineCommand } from '../command.ts';
import type { CliIo, OptionTable } from '../command.ts';
import { CliUsageError } from '../../errors.ts';
import { createAwsClients, LOCAL_CREDENTIALS } from '../../aws/index.ts';
import type { AwsConnection, SubscriptionSpec } from '../../aws/index.ts';
import {
  applyDesiredState,
  desiredState,
  destroyDesiredState,
  formatChanges,
  loadRuleSet,
} from '../../rules/index.ts';
import type { RuleSet } from '../../rules/index.ts';
import { systemClock } from '../../clock.ts';

/** The options that pick the rule set and the names it gets; `export` takes them too. */
export const ruleSetOptions = {
  rules: {
    type: 'string',
    description: 'User rule file (YAML or JSON) merged with the built-in pack',
    valueName: 'file',
  },
  prefix: {
    type: 'string',
    description: 'Prefix for alarm, filter and topic names',
    valueName: 'prefix',
    default: '',
  },
  'log-group': { type: 'string', description: 'Log group the audit log is shipped to', valueName: 'name' },
} as const satisfies OptionTable;

const targetOptions = {
  rules: ruleSetOptions.rules,
  json: { type: 'boolean', description: 'Print JSON instead of text' },
  endpoint: {
    type: 'string',
    description: 'AWS-compatible endpoint (a running `up` lab, `emulator` or LocalStack); omit for real AWS',
    valueName: 'url',
  },
  region: {
    type: 'string',
    description: 'Region (default: AWS_REGION, else us-east-1 with --endpoint)',
    valueName: 'region',
  },
  prefix: ruleSetOptions.prefix,
  'log-group': ruleSetOptions['log-group'],
  subscribe: {
    type: 'string',
    multiple: true,
    description: 'Subscribe the topics: https://..., http://..., email:ADDRESS or sqs:QUEUE_NAME',
    valueName: 'endpoint',
  },
  'dry-run': { type: 'boolean', description: 'Show the diff without changing anything' },
} as const satisfies OptionTable;

const listCommand = defineCommand({
  name: 'list',
  summary: 'List the rules (built-in pack plus a rule file) with their rationale.',
  options: {
    rules: ruleSetOptions.rules,
    json: { type: 'boolean', description: 'Print JSON instead of text' },
  },
  async run({ values, io }) {
    const set = await loadRuleSetFor(values, io);
    if (values.json) {
      io.stdout.write(JSON.stringify(set.rules, null, 2) + '\n');
      return 0;
    }
    const c = pc.createColors(io.stdout.isTTY === true && !io.env['NO_COLOR']);
    for (const rule of set.rules) {
      io.stdout.write(
        `${c.bold(rule.id)}  ${c.dim(`${rule.filter.metricName} ${rule.alarm.statistic} ${comparison(rule.alarm.comparison)} ${rule.alarm.threshold} per ${rule.alarm.period}s`)}` +
          `${rule.source === 'builtin' ? '' : c.dim(`  [${rule.source}]`)}\n` +
          `  ${rule.title}\n  why: ${rule.rationale}\n  pattern: ${rule.filter.pattern}\n\n`,
      );
    }
    for (const { id, by } of set.disabled) {
      io.stdout.write(`${c.bold(id)}  ${c.yellow('disabled')}${c.dim(`  [by ${by}]`)}\n\n`);
    }
    await (await import('./rules-coverage.ts')).writeCoverageMatrix(set, io);
    const disabled = set.disabled.length;
    io.stdout.write(
      `\n${set.rules.length} rules${disabled > 0 ? `; ${disabled} built-in rule${disabled === 1 ? '' : 's'} disabled (${set.disabled.map((d) => d.id).join(', ')})` : ''}\n`,
    );
    return 0;
  },
});

const applyCommand = defineCommand({
  name: 'apply',
  summary: 'Create or update the metric filters, alarms and topics (idempotent; prints a diff).',
  options: targetOptions,
  examples: [
    'vault-alarm-lab rules apply --endpoint http://127.0.0.1:4566 --subscribe sqs:vault-alerts',
    'AWS_PROFILE=sec vault-alarm-lab rules apply --prefix prod- --subscribe email:oncall@example.com',
  ],
  async run({ values, io }) {
    return provision('apply', values, io);
  },
});

const destroyCommand = defineCommand({
  name: 'destroy',
  summary: 'Delete what `rules apply` created (the log group only with --delete-log-group).',
  options: {
    ...targetOptions,
    'delete-log-group': { type: 'boolean', description: 'Also delete the log group and its events' },
  },
  async run({ values, io }) {
    return provision('destroy', values, io);
  },
});

export const rulesCommand = defineCommand({
  name: 'rules',
  summary: 'List, apply or destroy the detection rules.',
  subcommands: {
    list: async () => listCommand,
    apply: async () => applyCommand,
    destroy: async () => destroyCommand,
    lint: async () => (await import('./rules-lint.ts')).lintCommand,
  },
});

/** The built-in pack plus the `--rules` file, named with `--prefix` on `--log-group`. */
export async function loadRuleSetFor(
  values: { rules?: string | undefined; prefix?: string; 'log-group'?: string | undefined },
  io: CliIo,
): Promise<RuleSet> {
  return loadRuleSet({
    at: systemClock.now(),
    ...(values.prefix ? { prefix: values.prefix } : {}),
    ...(values.rules ? { rulesFile: resolve(io.cwd, values.rules) } : {}),
    ...(values['log-group'] ? { logGroupName: values['log-group'] } : {}),
  });
}

async function provision(
  action: 'apply' | 'destroy',
  values: {
    rules?: string | undefined;
    json?: boolean | undefined;
    endpoint?: string | undefined;
    region?: string | undefined;
    prefix: string;
    'log-group'?: string | undefined;
    subscribe: string[];
    'dry-run'?: boolean | undefined;
    'delete-log-group'?: boolean | undefined;
  },
  io: CliIo,
): Promise<number> {
  const set = await loadRuleSetFor(values, io);
  if (action === 'apply') (await import('./rules-lint.ts')).writeLintWarnings(set, io);
  const region =
    values.region ??
    io.env['AWS_REGION'] ??
    io.env['AWS_DEFAULT_REGION'] ??
    (values.endpoint ? 'us-east-1' : undefined);
  if (!region) throw new CliUsageError('no region: pass --region or set AWS_REGION');
  const target: AwsConnection = values.endpoint
    ? { endpoint: values.endpoint, region, credentials: LOCAL_CREDENTIALS }
    : { region };
  const desired = desiredState(set, values.subscribe.map(parseSubscription));
  const aws = createAwsClients(target);
  try {
    const dryRun = values['dry-run'] === true;
    const result =
      action === 'apply'
        ? await applyDesiredState(aws, desired, { dryRun, prefix: set.prefix })
        : await destroyDesiredState(aws, desired, {
            dryRun,
            prefix: set.prefix,
            deleteLogGroup: values['delete-log-group'] === true,
          });
    if (values.json) io.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else
      io.stdout.write(
        formatChanges(result.changes, {
          verb: dryRun ? 'Plan' : action === 'apply' ? 'Applied' : 'Destroyed',
        }),
      );
    return 0;
  } finally {
    aws.destroy();
  }
}

export function parseSubscription(spec: string): SubscriptionSpec {
  if (/^https?:\/\//.test(spec))
    return { protocol: spec.startsWith('https') ? 'https' : 'http', endpoint: spec };
  const m = /^(email|email-json|sqs):(.+)$/.exec(spec);
  if (!m)
    throw new CliUsageError(
      `--subscribe ${JSON.stringify(spec)}: expected https://..., http://..., email:ADDRESS or sqs:QUEUE_NAME`,
    );
  return m[1] === 'sqs'
    ? { protocol: 'sqs', queueName: m[2]! }
    : { protocol: m[1] as 'email' | 'email-json', endpoint: m[2]! };
}

function comparison(op: string): string {
  return (
    {
      GreaterThanOrEqualToThreshold: '>=',
      GreaterThanThreshold: '>',
      LessThanThreshold: '<',
      LessThanOrEqualToThreshold: '<=',
    }[op] ?? op
  );
}
