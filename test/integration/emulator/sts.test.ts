import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../../harness/aws/clients.ts';
import { awsCliUnavailable, runAwsCli } from '../../support/emulator-aws-cli.ts';
import { startTestEmulator } from '../../support/emulator.ts';
import type { TestEmulator } from '../../support/emulator.ts';

// `sts get-caller-identity`, which tools call to check their configuration (issue 10 item 3), and
// what the article's IAM and EC2 steps get from the emulator instead.
let lab: TestEmulator;
beforeAll(async () => {
  lab = await startTestEmulator();
});
afterAll(async () => lab.stop());

describe('STS GetCallerIdentity', () => {
  it('answers the SDK with the root user of the account the access key maps to', async () => {
    for (const [accessKeyId, account] of [
      ['test', '000000000000'],
      ['123456789012', '123456789012'],
    ] as const) {
      const sts = new STSClient({
        endpoint: lab.endpoint,
        region: 'us-east-1',
        credentials: { ...LOCAL_CREDENTIALS, accessKeyId },
      });
      try {
        const identity = await sts.send(new GetCallerIdentityCommand({}));
        expect({ UserId: identity.UserId, Account: identity.Account, Arn: identity.Arn }).toEqual({
          UserId: account,
          Account: account,
          Arn: `arn:aws:iam::${account}:root`,
        });
      } finally {
        sts.destroy();
      }
    }
  });

  const noCli = awsCliUnavailable();
  it.skipIf(noCli !== undefined)(`answers aws sts get-caller-identity ${noCli ?? ''}`, async () => {
    const result = await runAwsCli(lab.endpoint, ['sts', 'get-caller-identity']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.json()).toEqual({
      UserId: '000000000000',
      Account: '000000000000',
      Arn: 'arn:aws:iam::000000000000:root',
    });
  });

  it.skipIf(noCli !== undefined)('answers IAM and EC2 calls with UnknownOperationException', async () => {
    for (const args of [
      ['iam', 'list-users'],
      ['ec2', 'describe-instances'],
    ]) {
      const result = await runAwsCli(lab.endpoint, args);
      expect(result.exitCode, result.stderr).not.toBe(0);
      expect(result.errorCode).toBe('UnknownOperationException');
    }
  });
});
