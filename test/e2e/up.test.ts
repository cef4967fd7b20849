import { createInterface } from 'node:readline';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { waitFor } from '../../harness/util/wait-for.ts';
import { execa } from 'execa';
import type { ResultPromise } from 'execa';
import { describe, expect, it } from 'vitest';
import { createAwsClients } from '../../harness/aws/clients.ts';
import { VaultClient } from '../../harness/vault/index.ts';
import { testVaultBinary } from '../support/vault-server.ts';
import { AWS_CLI, awsCliUnavailable, runAwsCli } from '../support/emulator-aws-cli.ts';
import { dirname } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

interface UpSummary {
  vault: { address: string; rootToken: string };
  aws: { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string };
  logGroup: string;
  topicArn: string;
  alarms: string[];
  awsCli: { version: string | null; honoursEndpointEnv: boolean; alias: string };
}

/** `up --json` as a user starts it. */
function upJson(args: string[]): ResultPromise<{ reject: false; buffer: true }> {
  return execa(process.execPath, ['bin/vault-alarm-lab.js', 'up', '--json', ...args], {
    cwd: ROOT,
    env: { VAULT_BIN: testVaultBinary(), VAULT_TOKEN: '', VAULT_ADDR: '' },
    reject: false,
    buffer: true,
  });
}

/** The one JSON line `up --json` prints first. */
async function summaryOf(child: ResultPromise): Promise<UpSummary> {
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    void child.then((r) => reject(new Error(`up exited early (${r.exitCode}): ${String(r.stderr)}`)));
  });
  return JSON.parse(first) as UpSummary;
}

describe('vault-alarm-lab up (whole lab)', () => {
  it('--json describes the live lab; the article’s auth list raises its alarm once the clock moves', async () => {
    const child = upJson([]);
    try {
      const summary = await summaryOf(child);
      expect(Object.keys(summary)).toEqual(['vault', 'aws', 'logGroup', 'topicArn', 'alarms', 'awsCli']);
      expect(summary.aws).toMatchObject({ accessKeyId: 'test', secretAccessKey: 'test' });
      expect(summary.aws.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(summary.logGroup).toBe('vault_audit_log');
      expect(summary.topicArn).toMatch(/^arn:aws:sns:[a-z0-9-]+:\d{12}:vault-audit-alarms$/);
      expect(summary.alarms).toHaveLength(10);

      // The article: `vault auth list` as root, then wait for the alarm (here: move the lab clock).
      await new VaultClient({ address: summary.vault.address, token: summary.vault.rootToken }).authList();
      const aws = createAwsClients({
        endpoint: summary.aws.endpoint,
        region: summary.aws.region,
        credentials: { accessKeyId: summary.aws.accessKeyId, secretAccessKey: summary.aws.secretAccessKey },
      });
      try {
        let state: string | undefined;
        for (let i = 0; i < 50 && state !== 'ALARM'; i++) {
          const advanced = await fetch(`${summary.aws.endpoint}/_lab/clock`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ advanceSeconds: 60 }),
          });
          expect(advanced.ok).toBe(true);
          const alarms = await aws.cloudwatch.send(
            new DescribeAlarmsCommand({ AlarmNames: ['root-auth-list-article'] }),
          );
          state = alarms.MetricAlarms?.[0]?.StateValue;
          if (state !== 'ALARM') await new Promise((r) => setTimeout(r, 100));
        }
        expect(state).toBe('ALARM');
      } finally {
        aws.destroy();
      }
    } finally {
      child.kill('SIGINT');
    }
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(String(result.stderr)).toContain('lab stopped');
  });
});

describe('vault-alarm-lab up (human output)', () => {
  const noCli = awsCliUnavailable();
  if (noCli) console.warn(noCli);

  it.skipIf(noCli !== undefined)(
    'tells an AWS CLI 2.9 user that AWS_ENDPOINT_URL is ignored, its alias reaches the lab, and a group made in the article’s us-east-2 is warned about',
    async () => {
      // The user's PATH has the Debian AWS CLI 2.9 as `aws`.
      const env = {
        VAULT_BIN: testVaultBinary(),
        VAULT_TOKEN: '',
        VAULT_ADDR: '',
        PATH: `${dirname(AWS_CLI)}:${process.env['PATH'] ?? ''}`,
      };
      const child = execa(process.execPath, ['bin/vault-alarm-lab.js', 'up'], {
        cwd: ROOT,
        env,
        reject: false,
        buffer: true,
      });
      let text = '';
      try {
        text = await new Promise<string>((resolve, reject) => {
          const lines: string[] = [];
          createInterface({ input: child.stdout! }).on('line', (line) => {
            lines.push(line);
            if (line.startsWith('Press Ctrl-C')) resolve(lines.join('\n'));
          });
          void child.then((r) => reject(new Error(`up exited early (${r.exitCode}): ${String(r.stderr)}`)));
        });
        expect(text).toMatch(/aws-cli\/2\.9\.\d+ ignores AWS_ENDPOINT_URL \(it arrived in 2\.13\)/);
        const alias =
          /^ {2}(alias awslab='aws --endpoint-url http:\/\/127\.0\.0\.1:\d+ --region us-east-1')$/m.exec(
            text,
          )?.[1];
        expect(alias).toBeDefined();
        expect(text).toContain('    awslab cloudwatch describe-alarms');

        // What the user does next: paste the alias and the exports, run the article's command.
        const exports = text
          .split('\n')
          .filter((line) => line.trim().startsWith('export AWS_'))
          .join('\n');
        const script = `shopt -s expand_aliases\n${exports}\n${alias}\nawslab logs describe-metric-filters --log-group-name vault_audit_log --output json\n`;
        const listed = await execa('bash', ['-c', script], {
          env: {
            PATH: env.PATH,
            HOME: process.env['HOME'] ?? '/tmp',
            AWS_CONFIG_FILE: '/dev/null',
            AWS_PAGER: '',
          },
          reject: false,
        });
        expect(listed.stderr).toBe('');
        const filters = JSON.parse(String(listed.stdout)) as { metricFilters: unknown[] };
        expect(filters.metricFilters).toHaveLength(10);

        // The article's own region while the lab ships to us-east-1: up says so, once per region and group.
        const endpoint = /--endpoint-url (\S+)/.exec(alias!)![1]!;
        const warnings: string[] = [];
        let onWarning = (): void => {};
        createInterface({ input: child.stderr! }).on('line', (line) => {
          if (!line.includes('warning:')) return;
          warnings.push(line);
          onWarning();
        });
        const nthWarning = (n: number): Promise<void> =>
          new Promise((resolve) => {
            onWarning = () => warnings.length >= n && resolve();
            onWarning();
          });
        const cli = async (args: string[]): Promise<void> => {
          const result = await runAwsCli(endpoint, args, { region: 'us-east-2' });
          expect(result.stderr).toBe('');
        };
        await cli(['logs', 'create-log-group', '--log-group-name', 'vault_audit_log']);
        await nthWarning(1);
        await cli([
          'logs',
          'put-metric-filter',
          '--log-group-name',
          'vault_audit_log',
          '--filter-name',
          'RootAuthListFilter',
          '--filter-pattern',
          '{ $.auth.display_name = "root" }',
          '--metric-transformations',
          'metricName=RootAuthListCount,metricNamespace=VaultMetricNamespace,metricValue=1',
        ]);
        // Another group in us-east-2 warns again; the filter on the group already named did not.
        await cli(['logs', 'create-log-group', '--log-group-name', 'other']);
        await nthWarning(2);
        expect(warnings).toEqual([
          "up: warning: log group 'vault_audit_log' was created in us-east-2, but the lab ships Vault's audit log to 'vault_audit_log' in us-east-1: no event will ever arrive there (use --region us-east-1 in your command, or start the lab with --region us-east-2)",
          "up: warning: log group 'other' was created in us-east-2, but the lab ships Vault's audit log to 'vault_audit_log' in us-east-1: no event will ever arrive there (use --region us-east-1 in your command, or start the lab with --region us-east-2)",
        ]);
      } finally {
        child.kill('SIGINT');
      }
      expect((await child).exitCode).toBe(0);
    },
  );
});

describe('vault-alarm-lab up --region', () => {
  it('provisions and ships in the region asked for', async () => {
    const child = upJson(['--region', 'us-east-2']);
    try {
      const summary = await summaryOf(child);
      expect(summary.aws.region).toBe('us-east-2');
      expect(summary.topicArn).toMatch(/^arn:aws:sns:us-east-2:/);
      expect(summary.awsCli.alias).toContain('--region us-east-2');
      await new VaultClient({ address: summary.vault.address, token: summary.vault.rootToken }).authList();
      const inRegion = (region: string) =>
        createAwsClients({
          endpoint: summary.aws.endpoint,
          region,
          credentials: { accessKeyId: summary.aws.accessKeyId, secretAccessKey: summary.aws.secretAccessKey },
        });
      const east2 = inRegion('us-east-2');
      const east1 = inRegion('us-east-1');
      try {
        const filters = await east2.logs.send(
          new DescribeMetricFiltersCommand({ logGroupName: 'vault_audit_log' }),
        );
        expect(filters.metricFilters).toHaveLength(10);
        const shipped = await waitFor(
          async () => {
            const events = await east2.logs.send(
              new FilterLogEventsCommand({ logGroupName: 'vault_audit_log' }),
            );
            return (events.events ?? []).some((e) => e.message?.includes('"path":"sys/auth"')) || undefined;
          },
          { description: 'the auth list audit entry shipped to us-east-2', timeoutMs: 30_000 },
        );
        expect(shipped).toBe(true);
        const elsewhere = await east1.logs.send(new DescribeLogGroupsCommand({}));
        expect(elsewhere.logGroups).toEqual([]);
      } finally {
        east2.destroy();
        east1.destroy();
      }
    } finally {
      child.kill('SIGINT');
    }
    expect((await child).exitCode).toBe(0);
  });
});
