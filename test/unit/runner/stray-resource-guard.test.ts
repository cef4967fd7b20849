import { describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli.ts';
import { parseRegion } from '../../../harness/cli/lab-options.ts';
import {
  strayResourceWarning,
  warnAboutStrayResources,
} from '../../../harness/runner/stray-resource-guard.ts';
import type { TargetRequestEvent } from '../../../harness/runner/targets/target.ts';
import { captureIo } from '../../support/cli-io.ts';

const shipper = { region: 'us-east-1', logGroupName: 'vault_audit_log' };
const putFilter = (region: string, logGroupName: string): TargetRequestEvent => ({
  service: 'logs',
  operation: 'PutMetricFilter',
  region,
  input: { logGroupName, filterName: 'RootAuthListFilter', filterPattern: '{ $.type = "request" }' },
});

describe('resources created where the shipper does not write', () => {
  it("warns about the article's filter in us-east-2 while the lab ships to us-east-1", () => {
    expect(strayResourceWarning(putFilter('us-east-2', 'vault_audit_log'), shipper)).toBe(
      "warning: metric filter 'RootAuthListFilter' was put on log group 'vault_audit_log' in us-east-2, but the lab ships Vault's audit log to 'vault_audit_log' in us-east-1: no event will ever arrive there (use --region us-east-1 in your command, or start the lab with --region us-east-2)",
    );
  });

  it('warns about a log group of another name in the lab region, and not about the lab’s own', () => {
    const created = { service: 'logs', operation: 'CreateLogGroup', region: 'us-east-1' };
    expect(
      strayResourceWarning({ ...created, input: { logGroupName: 'vault_audit_log ' } }, shipper),
    ).toContain(
      "log group 'vault_audit_log ' was created in us-east-1, but the lab ships Vault's audit log to 'vault_audit_log' in us-east-1",
    );
    expect(
      strayResourceWarning({ ...created, input: { logGroupName: 'vault_audit_log' } }, shipper),
    ).toBeUndefined();
    expect(strayResourceWarning(putFilter('us-east-1', 'vault_audit_log'), shipper)).toBeUndefined();
    expect(
      strayResourceWarning(
        { service: 'logs', operation: 'DescribeLogGroups', region: 'eu-west-1', input: {} },
        shipper,
      ),
    ).toBeUndefined();
  });

  it('says it once per region and log group, until told to stop', () => {
    let listener: ((event: TargetRequestEvent) => void) | undefined;
    const target = {
      observeRequests: (l: (event: TargetRequestEvent) => void) => {
        listener = l;
        return () => (listener = undefined);
      },
    };
    const warnings: string[] = [];
    const stop = warnAboutStrayResources(target, shipper, (m) => warnings.push(m));
    listener!(putFilter('us-east-2', 'vault_audit_log'));
    listener!(putFilter('us-east-2', 'vault_audit_log'));
    listener!(putFilter('eu-west-1', 'vault_audit_log'));
    stop();
    expect(listener).toBeUndefined();
    expect(warnings).toHaveLength(2);
  });
});

describe('--region', () => {
  it('accepts region names and refuses anything else as a usage error', async () => {
    expect(parseRegion('us-east-2')).toBe('us-east-2');
    expect(parseRegion('us-gov-west-1')).toBe('us-gov-west-1');
    expect(parseRegion(undefined)).toBeUndefined();
    const io = captureIo();
    expect(await main(['run', '--region', 'US East'], io)).toBe(2);
    expect(io.stderrText()).toContain(
      "--region: expected an AWS region name such as us-east-1, got 'US East'",
    );
  });

  it('is one option, documented alike, on run and up', async () => {
    const lines: string[] = [];
    for (const command of ['run', 'up']) {
      const io = captureIo();
      expect(await main([command, '--help'], io)).toBe(0);
      lines.push(
        io
          .stdoutText()
          .split('\n')
          .find((line) => line.includes('--region'))!,
      );
    }
    expect(lines[0]).toContain('AWS region the lab provisions in and ships to');
    expect(lines[0]).toBe(lines[1]);
  });
});
