import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator } from '../../support/emulator.ts';
import type { TestEmulator } from '../../support/emulator.ts';

// The /_lab/ control API over real HTTP, with its effect seen through the SDK.
let lab: TestEmulator;
beforeAll(async () => {
  lab = await startTestEmulator();
});
afterAll(async () => lab.stop());
beforeEach(async () => {
  expect((await lab.control('POST', '/_lab/reset')).status).toBe(200);
});

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return {
      name: e.name,
      ...(e.$metadata?.httpStatusCode !== undefined ? { status: e.$metadata.httpStatusCode } : {}),
    };
  }
  throw new Error('expected the call to fail');
}

describe('/_lab/ over HTTP', () => {
  it('reports health with every service', async () => {
    expect(await lab.control('GET', '/_lab/health')).toEqual({
      status: 200,
      json: {
        status: 'ok',
        services: ['logs', 'cloudwatch', 'sns', 'sqs', 'sts'],
        region: 'us-east-1',
        now: expect.any(Number),
      },
    });
  });

  it('moves the clock forward and PutLogEvents judges times by it', async () => {
    const before = (await lab.control('GET', '/_lab/clock')).json as { now: number; iso: string };
    expect(new Date(before.iso).getTime()).toBe(before.now);
    await lab.logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    await lab.logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
    const threeHoursAhead = before.now + 3 * 3_600_000;
    const early = await lab.logs.send(
      new PutLogEventsCommand({
        logGroupName: 'g',
        logStreamName: 's',
        logEvents: [{ timestamp: threeHoursAhead, message: 'x' }],
      }),
    );
    expect(early.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 0 });
    const advanced = await lab.control('POST', '/_lab/clock', { advanceSeconds: 3 * 3600 });
    expect((advanced.json as { now: number }).now).toBeGreaterThanOrEqual(threeHoursAhead);
    const onTime = await lab.logs.send(
      new PutLogEventsCommand({
        logGroupName: 'g',
        logStreamName: 's',
        logEvents: [{ timestamp: threeHoursAhead, message: 'x' }],
      }),
    );
    expect(onTime.rejectedLogEventsInfo).toBeUndefined();
    expect((await lab.control('POST', '/_lab/clock', { advanceSeconds: -5 })).status).toBe(400);
  });

  it('reset clears all state', async () => {
    await lab.logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    await lab.control('POST', '/_lab/reset');
    expect((await lab.logs.send(new DescribeLogGroupsCommand({}))).logGroups).toEqual([]);
  });

  it('fails the next N calls of an operation with the injected error, then recovers', async () => {
    expect(
      (
        await lab.control('POST', '/_lab/faults', {
          service: 'logs',
          operation: 'CreateLogGroup',
          error: 'ThrottlingException',
          count: 2,
        })
      ).status,
    ).toBe(201);
    expect(await errorOf(lab.logs.send(new CreateLogGroupCommand({ logGroupName: 'g' })))).toEqual({
      name: 'ThrottlingException',
      status: 400,
    });
    expect(await errorOf(lab.logs.send(new CreateLogGroupCommand({ logGroupName: 'g' })))).toEqual({
      name: 'ThrottlingException',
      status: 400,
    });
    await lab.logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    expect((await lab.control('GET', '/_lab/faults')).json).toEqual({ faults: [] });
  });

  it('injects a bare HTTP status as a server fault', async () => {
    await lab.control('POST', '/_lab/faults', {
      service: 'logs',
      operation: 'DescribeLogGroups',
      status: 503,
      count: 1,
    });
    expect(await errorOf(lab.logs.send(new DescribeLogGroupsCommand({})))).toEqual({
      name: 'InternalFailure',
      status: 503,
    });
  });

  it('answers unknown lab routes and bad bodies clearly', async () => {
    expect(await lab.control('GET', '/_lab/nothing-here')).toEqual({
      status: 404,
      json: { error: 'no lab route /_lab/nothing-here' },
    });
    expect(
      (await lab.control('POST', '/_lab/faults', { service: 'ec2', operation: 'RunInstances', status: 500 }))
        .json,
    ).toEqual({
      error: 'invalid fault: "service" must be one of logs, cloudwatch, sns, sqs, sts',
    });
  });
});
