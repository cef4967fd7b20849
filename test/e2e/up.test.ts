import { createInterface } from 'node:readline';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { createAwsClients } from '../../harness/aws/clients.ts';
import { VaultClient } from '../../harness/vault/index.ts';
import { testVaultBinary } from '../support/vault-server.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

interface UpSummary {
  vault: { address: string; rootToken: string };
  aws: { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string };
  logGroup: string;
  topicArn: string;
  alarms: string[];
}

describe('vault-alarm-lab up (whole lab)', () => {
  it('--json describes the live lab; the article’s auth list raises its alarm once the clock moves', async () => {
    const child = execa(process.execPath, ['bin/vault-alarm-lab.js', 'up', '--json'], {
      cwd: ROOT,
      env: { VAULT_BIN: testVaultBinary(), VAULT_TOKEN: '', VAULT_ADDR: '' },
      reject: false,
      buffer: true,
    });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        void child.then((r) => reject(new Error(`up exited early (${r.exitCode}): ${String(r.stderr)}`)));
      });
      const summary = JSON.parse(first) as UpSummary;
      expect(Object.keys(summary)).toEqual(['vault', 'aws', 'logGroup', 'topicArn', 'alarms']);
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
