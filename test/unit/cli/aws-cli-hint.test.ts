import { describe, expect, it } from 'vitest';
import {
  awsCliLines,
  detectAwsCli,
  honoursEndpointEnv,
  parseAwsCliVersion,
} from '../../../harness/cli/aws-cli-hint.ts';
import { AWS_CLI, awsCliUnavailable } from '../../support/emulator-aws-cli.ts';
import { dirname } from 'node:path';

const ENDPOINT = 'http://127.0.0.1:4566';

describe('the AWS CLI hint of `up`', () => {
  it('reads the version from `aws --version` (2.x on stdout, 1.x on stderr alike)', () => {
    expect(
      parseAwsCliVersion('aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12 prompt/off'),
    ).toBe('2.9.19');
    expect(parseAwsCliVersion('aws-cli/1.29.3 Python/3.8 Linux/5 botocore/1.31.3')).toBe('1.29.3');
    expect(parseAwsCliVersion('bash: aws: command not found')).toBeUndefined();
  });

  it('knows which CLIs honour AWS_ENDPOINT_URL (2.13+, 1.29+)', () => {
    expect(honoursEndpointEnv('2.9.19')).toBe(false);
    expect(honoursEndpointEnv('2.12.7')).toBe(false);
    expect(honoursEndpointEnv('2.13.0')).toBe(true);
    expect(honoursEndpointEnv('2.22.1')).toBe(true);
    expect(honoursEndpointEnv('1.28.9')).toBe(false);
    expect(honoursEndpointEnv('1.29.0')).toBe(true);
  });

  it('for a CLI older than 2.13, offers the alias with --endpoint-url and --region and uses it in examples', () => {
    const { lines, command } = awsCliLines(
      { version: '2.9.19', honoursEndpointEnv: false },
      ENDPOINT,
      'us-east-2',
    );
    expect(lines[0]).toBe(`  alias awslab='aws --endpoint-url ${ENDPOINT} --region us-east-2'`);
    expect(lines.join('\n')).toContain('aws-cli/2.9.19 ignores AWS_ENDPOINT_URL (it arrived in 2.13)');
    expect(command).toBe('awslab');
  });

  it('for a CLI that honours AWS_ENDPOINT_URL, says plain aws works', () => {
    const { lines, command } = awsCliLines(
      { version: '2.15.0', honoursEndpointEnv: true },
      ENDPOINT,
      'us-east-1',
    );
    expect(lines.join('\n')).toContain(
      "aws-cli/2.15.0 honours AWS_ENDPOINT_URL: plain 'aws …' reaches the lab",
    );
    expect(command).toBe('aws');
  });

  it('without any aws on PATH, still offers the alias', async () => {
    const none = await detectAwsCli({ PATH: '/nonexistent' });
    expect(none).toEqual({ version: undefined, honoursEndpointEnv: false });
    expect(awsCliLines(none, ENDPOINT, 'us-east-1').command).toBe('awslab');
  });

  it.skipIf(awsCliUnavailable() !== undefined)(
    'detects the real Debian AWS CLI 2.9 as not honouring it',
    async () => {
      const info = await detectAwsCli({ PATH: dirname(AWS_CLI), HOME: process.env['HOME'] ?? '/tmp' });
      expect(info.version).toMatch(/^2\.9\./);
      expect(info.honoursEndpointEnv).toBe(false);
    },
  );
});
