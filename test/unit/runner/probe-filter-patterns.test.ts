import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import type { AwsClients } from '../../../harness/aws/clients.ts';
import { OffsetClock } from '../../../harness/clock.ts';
import { probeFilterPatterns } from '../../../harness/runner/targets/probe-filter-patterns.ts';

/**
 * A stand-in for the Logs API of a target (the boundary here is LocalStack, which is not ours):
 * `ignorePatterns` makes FilterLogEvents return every event, as LocalStack community does.
 */
function fakeLogs(ignorePatterns: boolean): { aws: AwsClients; calls: string[] } {
  const calls: string[] = [];
  const logs = {
    send: async (command: { constructor: { name: string } }) => {
      calls.push(command.constructor.name);
      if (command instanceof FilterLogEventsCommand) {
        return { events: ignorePatterns ? [{ message: '{"probe":"present"}' }] : [] };
      }
      return {};
    },
  };
  return { aws: { logs } as unknown as AwsClients, calls };
}

describe('filter-pattern probe', () => {
  it('detects a target that matches events its pattern cannot match, and cleans up', async () => {
    const { aws, calls } = fakeLogs(true);
    expect(await probeFilterPatterns(aws, new OffsetClock(), 'run-')).toBe(false);
    expect(calls).toEqual([
      'CreateLogGroupCommand',
      'CreateLogStreamCommand',
      'PutLogEventsCommand',
      'FilterLogEventsCommand',
      'DeleteLogGroupCommand',
    ]);
  });

  it('trusts a target that filters', async () => {
    expect(await probeFilterPatterns(fakeLogs(false).aws, new OffsetClock(), '')).toBe(true);
  });
});
