import { createInterface } from 'node:readline';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListTopicsCommand } from '@aws-sdk/client-sns';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { execa } from 'execa';
import type { ResultPromise } from 'execa';
import { describe, expect, it } from 'vitest';
import { createAwsClients, LOCAL_CREDENTIALS } from '../../harness/aws/clients.ts';
import { testVaultBinary } from '../support/vault-server.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Resolves with the first stdout line `match` accepts. */
function lineMatching(child: ResultPromise, match: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (match(line)) resolve(line);
    });
    void child.then((r) => reject(new Error(`exited early (${r.exitCode}): ${String(r.stderr)}`)));
  });
}

describe('vault-alarm-lab run --target aws, interrupted', () => {
  it('destroys every resource of the run after Ctrl-C (SIGINT)', { timeout: 180_000 }, async () => {
    // The AWS side is the emulator in its own process, reached through the SDK's AWS_ENDPOINT_URL.
    const emulator = execa(
      process.execPath,
      ['bin/vault-alarm-lab.js', 'emulator', '--json', '--port', '0'],
      {
        cwd: ROOT,
        reject: false,
        buffer: true,
      },
    );
    try {
      const { endpoint, region } = JSON.parse(await lineMatching(emulator, (l) => l.startsWith('{'))) as {
        endpoint: string;
        region: string;
      };
      const run = execa(
        process.execPath,
        ['bin/vault-alarm-lab.js', 'run', '--target', 'aws', '--scenario', 'root-token-create'],
        {
          cwd: ROOT,
          env: {
            VAULT_BIN: testVaultBinary(),
            AWS_ENDPOINT_URL: endpoint,
            AWS_REGION: region,
            AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
            AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
          },
          reject: false,
          buffer: true,
        },
      );
      // Interrupt once the rules are provisioned (the run is then waiting on the wall clock).
      await lineMatching(run, (l) => l.includes('settling'));
      run.kill('SIGINT');
      const result = await run;
      expect(result.exitCode).toBe(130);
      expect(String(result.stdout)).toContain('destroying the run’s AWS resources');

      const aws = createAwsClients({ endpoint, region, credentials: LOCAL_CREDENTIALS });
      try {
        expect((await aws.cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? []).toEqual([]);
        expect((await aws.sns.send(new ListTopicsCommand({}))).Topics ?? []).toEqual([]);
        expect((await aws.sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).toEqual([]);
        expect((await aws.logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? []).toEqual([]);
      } finally {
        aws.destroy();
      }
    } finally {
      emulator.kill('SIGTERM');
      await emulator;
    }
  });
});
