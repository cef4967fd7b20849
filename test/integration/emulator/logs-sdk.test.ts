import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DeleteMetricFilterCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  DescribeMetricFiltersCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  PutLogEventsCommand,
  PutMetricFilterCommand,
  PutRetentionPolicyCommand,
  TagLogGroupCommand,
  TagResourceCommand,
  TestMetricFilterCommand,
  UntagLogGroupCommand,
  UntagResourceCommand,
  paginateDescribeLogGroups,
  paginateFilterLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator } from '../../support/emulator.ts';
import type { TestEmulator } from '../../support/emulator.ts';

// Every CloudWatch Logs operation of issue 4 through the real SDK v3 client over HTTP.
let lab: TestEmulator;
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  lab = await startTestEmulator();
  logs = lab.logs;
});
afterAll(async () => lab.stop());
beforeEach(async () => {
  await lab.emulator.reset();
});

async function rejection(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

async function groupWithStream(group = 'g', stream = 's'): Promise<void> {
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
}

describe('log groups', () => {
  it('creates, describes and deletes a group with the AWS members', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'vault_audit_log', tags: { team: 'sec' } }));
    const { logGroups } = await logs.send(new DescribeLogGroupsCommand({}));
    expect(logGroups).toEqual([
      {
        logGroupName: 'vault_audit_log',
        creationTime: lab.clock.now() - (lab.clock.now() - logGroups![0]!.creationTime!),
        metricFilterCount: 0,
        arn: 'arn:aws:logs:us-east-1:000000000000:log-group:vault_audit_log:*',
        logGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:vault_audit_log',
        logGroupClass: 'STANDARD',
        storedBytes: 0,
      },
    ]);
    expect(Math.abs(logGroups![0]!.creationTime! - lab.clock.now())).toBeLessThan(5_000);
    await logs.send(new DeleteLogGroupCommand({ logGroupName: 'vault_audit_log' }));
    expect((await logs.send(new DescribeLogGroupsCommand({}))).logGroups).toEqual([]);
  });

  it('refuses a duplicate, a missing group, a trailing space and the aws/ prefix as AWS does', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'vault_audit_log' }));
    expect(
      await rejection(logs.send(new CreateLogGroupCommand({ logGroupName: 'vault_audit_log' }))),
    ).toEqual({
      name: 'ResourceAlreadyExistsException',
      message: 'The specified log group already exists',
      status: 400,
    });
    expect(await rejection(logs.send(new DeleteLogGroupCommand({ logGroupName: 'nope' })))).toEqual({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
      status: 400,
    });
    expect(
      await rejection(logs.send(new CreateLogGroupCommand({ logGroupName: 'vault_audit_log ' }))),
    ).toEqual({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value 'vault_audit_log ' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
      status: 400,
    });
    expect(
      (await rejection(logs.send(new CreateLogGroupCommand({ logGroupName: 'AWS/lambda' })))).message,
    ).toBe('Log groups starting with AWS/ are reserved for AWS.');
  });

  it('filters by prefix or pattern (case-sensitive substring) and pages with nextToken', async () => {
    for (const name of ['app/a', 'app/b', 'app/c', 'FooBar', 'aws-foo', 'GroupFoo', 'foo']) {
      await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    }
    const byPrefix = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'app/' }));
    expect(byPrefix.logGroups!.map((g) => g.logGroupName)).toEqual(['app/a', 'app/b', 'app/c']);
    const byPattern = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePattern: 'Foo' }));
    expect(byPattern.logGroups!.map((g) => g.logGroupName)).toEqual(['FooBar', 'GroupFoo']);
    expect(
      (
        await rejection(
          logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'a', logGroupNamePattern: 'b' })),
        )
      ).message,
    ).toBe('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');

    const pages: string[][] = [];
    for await (const page of paginateDescribeLogGroups({ client: logs, pageSize: 3 }, {})) {
      pages.push(page.logGroups!.map((g) => g.logGroupName!));
    }
    expect(pages).toEqual([['FooBar', 'GroupFoo', 'app/a'], ['app/b', 'app/c', 'aws-foo'], ['foo']]);
  });

  it('sets and removes retention, refusing values outside the AWS list', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: 'g', retentionInDays: 1096 }));
    expect((await logs.send(new DescribeLogGroupsCommand({}))).logGroups![0]!.retentionInDays).toBe(1096);
    const bad = await rejection(
      logs.send(new PutRetentionPolicyCommand({ logGroupName: 'g', retentionInDays: 2 })),
    );
    expect(bad.name).toBe('InvalidParameterException');
    expect(bad.message).toMatch(
      /^1 validation error detected: Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: \[1, 3, 5, 7, 14/,
    );
    await logs.send(new DeleteRetentionPolicyCommand({ logGroupName: 'g' }));
    expect(
      (await logs.send(new DescribeLogGroupsCommand({}))).logGroups![0]!.retentionInDays,
    ).toBeUndefined();
  });
});

describe('log streams', () => {
  it('creates, describes (prefix, order, ARN identifier) and deletes streams', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    for (const name of ['b', 'a', 'c']) {
      await logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: name }));
    }
    const now = lab.clock.now();
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'g',
        logStreamName: 'a',
        logEvents: [{ timestamp: now - 1000, message: 'x' }],
      }),
    );
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'g',
        logStreamName: 'c',
        logEvents: [{ timestamp: now - 5000, message: 'y' }],
      }),
    );

    const byName = await logs.send(new DescribeLogStreamsCommand({ logGroupName: 'g' }));
    expect(byName.logStreams!.map((s) => s.logStreamName)).toEqual(['a', 'b', 'c']);
    const a = byName.logStreams![0]!;
    expect(a).toMatchObject({
      firstEventTimestamp: now - 1000,
      lastEventTimestamp: now - 1000,
      arn: 'arn:aws:logs:us-east-1:000000000000:log-group:g:log-stream:a',
      storedBytes: 0,
    });
    expect(a.uploadSequenceToken).toMatch(/^\d+$/);

    const byTime = await logs.send(
      new DescribeLogStreamsCommand({
        logGroupIdentifier: 'arn:aws:logs:us-east-1:000000000000:log-group:g',
        orderBy: 'LastEventTime',
        descending: true,
      }),
    );
    expect(byTime.logStreams!.map((s) => s.logStreamName)).toEqual(['a', 'c', 'b']);
    const prefixed = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: 'g', logStreamNamePrefix: 'b' }),
    );
    expect(prefixed.logStreams!.map((s) => s.logStreamName)).toEqual(['b']);
    expect(
      (
        await rejection(
          logs.send(
            new DescribeLogStreamsCommand({
              logGroupName: 'g',
              orderBy: 'LastEventTime',
              logStreamNamePrefix: 'a',
            }),
          ),
        )
      ).message,
    ).toBe('Cannot order by LastEventTime with a logStreamNamePrefix.');

    const paged = await logs.send(new DescribeLogStreamsCommand({ logGroupName: 'g', limit: 2 }));
    expect(paged.logStreams!.map((s) => s.logStreamName)).toEqual(['a', 'b']);
    const rest = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: 'g', limit: 2, nextToken: paged.nextToken! }),
    );
    expect(rest.logStreams!.map((s) => s.logStreamName)).toEqual(['c']);
    expect(rest.nextToken).toBeUndefined();

    await logs.send(new DeleteLogStreamCommand({ logGroupName: 'g', logStreamName: 'b' }));
    expect(
      (await rejection(logs.send(new DeleteLogStreamCommand({ logGroupName: 'g', logStreamName: 'b' }))))
        .message,
    ).toBe('The specified log stream does not exist.');
    expect(
      await rejection(logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 'a' }))),
    ).toEqual({
      name: 'ResourceAlreadyExistsException',
      message: 'The specified log stream already exists',
      status: 400,
    });
    expect(
      (await rejection(logs.send(new CreateLogStreamCommand({ logGroupName: 'nope', logStreamName: 'a' }))))
        .name,
    ).toBe('ResourceNotFoundException');
  });
});

describe('reading events', () => {
  it('GetLogEvents returns the newest page by default, the oldest from head, and walks tokens both ways', async () => {
    await groupWithStream();
    const base = lab.clock.now() - 60_000;
    const logEvents = Array.from({ length: 25 }, (_, i) => ({ timestamp: base + i, message: `event ${i}` }));
    await logs.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName: 's', logEvents }));

    const newest = await logs.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', limit: 10 }),
    );
    expect(newest.events!.map((e) => e.message)).toEqual(logEvents.slice(15).map((e) => e.message));
    expect(newest.events![0]!.ingestionTime).toBeGreaterThanOrEqual(base);
    const older = await logs.send(
      new GetLogEventsCommand({
        logGroupName: 'g',
        logStreamName: 's',
        limit: 10,
        nextToken: newest.nextBackwardToken!,
      }),
    );
    expect(older.events!.map((e) => e.message)).toEqual(logEvents.slice(5, 15).map((e) => e.message));

    const fromHead = await logs.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', limit: 10, startFromHead: true }),
    );
    expect(fromHead.events!.map((e) => e.message)).toEqual(logEvents.slice(0, 10).map((e) => e.message));
    let token = fromHead.nextForwardToken!;
    const seen = fromHead.events!.map((e) => e.message);
    for (;;) {
      const page = await logs.send(
        new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', limit: 10, nextToken: token }),
      );
      seen.push(...page.events!.map((e) => e.message!));
      if (page.nextForwardToken === token) break;
      token = page.nextForwardToken!;
    }
    expect(seen).toEqual(logEvents.map((e) => e.message));

    const window = await logs.send(
      new GetLogEventsCommand({
        logGroupName: 'g',
        logStreamName: 's',
        startTime: base + 3,
        endTime: base + 6,
        startFromHead: true,
      }),
    );
    expect(window.events!.map((e) => e.message)).toEqual(['event 3', 'event 4', 'event 5']);
    expect(
      (
        await rejection(
          logs.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', nextToken: 'garbage' })),
        )
      ).message,
    ).toBe('The specified nextToken is invalid.');
  });

  it('FilterLogEvents interleaves streams by time, applies the filter pattern and paginates', async () => {
    await groupWithStream('g', 'a');
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 'b' }));
    const base = lab.clock.now() - 60_000;
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'g',
        logStreamName: 'a',
        logEvents: [
          { timestamp: base, message: '{"type":"request","n":1}' },
          { timestamp: base + 2, message: '{"type":"response","n":3}' },
        ],
      }),
    );
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'g',
        logStreamName: 'b',
        logEvents: [
          { timestamp: base + 1, message: '{"type":"response","n":2}' },
          { timestamp: base + 3, message: 'plain ERROR line' },
        ],
      }),
    );
    const all = await logs.send(new FilterLogEventsCommand({ logGroupName: 'g' }));
    expect(all.events!.map((e) => [e.logStreamName, e.timestamp! - base])).toEqual([
      ['a', 0],
      ['b', 1],
      ['a', 2],
      ['b', 3],
    ]);
    expect(all.events![0]!.eventId).toMatch(/^\d{56}$/);
    expect(all.nextToken).toBeUndefined();

    const responses = await logs.send(
      new FilterLogEventsCommand({ logGroupName: 'g', filterPattern: '{ $.type = "response" }' }),
    );
    expect(responses.events!.map((e) => e.message)).toEqual([
      '{"type":"response","n":2}',
      '{"type":"response","n":3}',
    ]);
    const errors = await logs.send(
      new FilterLogEventsCommand({ logGroupName: 'g', filterPattern: 'ERROR', logStreamNames: ['b'] }),
    );
    expect(errors.events!.map((e) => e.message)).toEqual(['plain ERROR line']);
    const timed = await logs.send(
      new FilterLogEventsCommand({ logGroupName: 'g', startTime: base + 1, endTime: base + 2 }),
    );
    expect(timed.events!.map((e) => e.timestamp! - base)).toEqual([1, 2]);

    const paged: string[] = [];
    for await (const page of paginateFilterLogEvents(
      { client: logs, pageSize: 1 },
      { logGroupName: 'g', limit: 1 },
    )) {
      paged.push(...page.events!.map((e) => e.message!));
    }
    expect(paged).toHaveLength(4);

    const bad = await rejection(
      logs.send(new FilterLogEventsCommand({ logGroupName: 'g', filterPattern: '{ $.type = ' })),
    );
    expect(bad.name).toBe('InvalidParameterException');
  });
});

describe('large reads', () => {
  it('FilterLogEvents pages 3 MB of events in pages of at most 1 MB, none lost or repeated', async () => {
    await groupWithStream('g', 'a');
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 'b' }));
    const base = lab.clock.now() - 3_600_000;
    for (const [stream, offset] of [
      ['a', 0],
      ['b', 1],
      ['a', 2000],
    ] as const) {
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: 'g',
          logStreamName: stream,
          logEvents: Array.from({ length: 10 }, (_, i) => ({
            timestamp: base + offset + i * 2,
            message: `${stream}${offset + i * 2} `.padEnd(100_000, 'x'),
          })),
        }),
      );
    }
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateFilterLogEvents({ client: logs }, { logGroupName: 'g' })) {
      pages++;
      const size = page.events!.reduce((sum, e) => sum + Buffer.byteLength(e.message!) + 26, 0);
      expect(size).toBeLessThanOrEqual(1_048_576);
      seen.push(...page.events!.map((e) => e.message!.split(' ')[0]!));
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(30);
    expect(seen.slice(0, 4)).toEqual(['a0', 'b1', 'a2', 'b3']);
  });
});

describe('metric filters', () => {
  const pattern = '{$.auth.display_name = "root" && $.request.path = "sys/auth" && $.type = "response"}';

  it('puts, describes, replaces and deletes a filter', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'vault_audit_log' }));
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'vault_audit_log',
        filterName: 'root-auth-list',
        filterPattern: pattern,
        metricTransformations: [
          { metricName: 'RootAuthListCount', metricNamespace: 'VaultMetricNamespace', metricValue: '1' },
        ],
      }),
    );
    const described = await logs.send(new DescribeMetricFiltersCommand({ logGroupName: 'vault_audit_log' }));
    expect(described.metricFilters).toEqual([
      {
        filterName: 'root-auth-list',
        filterPattern: pattern,
        metricTransformations: [
          { metricName: 'RootAuthListCount', metricNamespace: 'VaultMetricNamespace', metricValue: '1' },
        ],
        creationTime: described.metricFilters![0]!.creationTime,
        logGroupName: 'vault_audit_log',
      },
    ]);
    expect((await logs.send(new DescribeLogGroupsCommand({}))).logGroups![0]!.metricFilterCount).toBe(1);
    const byMetric = await logs.send(
      new DescribeMetricFiltersCommand({
        metricName: 'RootAuthListCount',
        metricNamespace: 'VaultMetricNamespace',
      }),
    );
    expect(byMetric.metricFilters).toHaveLength(1);
    expect(
      (
        await logs.send(
          new DescribeMetricFiltersCommand({ metricName: 'Other', metricNamespace: 'VaultMetricNamespace' }),
        )
      ).metricFilters,
    ).toEqual([]);

    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'vault_audit_log',
        filterName: 'root-auth-list',
        filterPattern: '{ $.type = "response" }',
        metricTransformations: [
          {
            metricName: 'Responses',
            metricNamespace: 'Vault',
            metricValue: '1',
            defaultValue: 0,
            unit: 'Count',
          },
        ],
      }),
    );
    const replaced = await logs.send(
      new DescribeMetricFiltersCommand({ logGroupName: 'vault_audit_log', filterNamePrefix: 'root' }),
    );
    expect(replaced.metricFilters![0]!.metricTransformations).toEqual([
      { metricName: 'Responses', metricNamespace: 'Vault', metricValue: '1', defaultValue: 0, unit: 'Count' },
    ]);

    await logs.send(
      new DeleteMetricFilterCommand({ logGroupName: 'vault_audit_log', filterName: 'root-auth-list' }),
    );
    expect(
      (await logs.send(new DescribeMetricFiltersCommand({ logGroupName: 'vault_audit_log' }))).metricFilters,
    ).toEqual([]);
    expect(
      (
        await rejection(
          logs.send(
            new DeleteMetricFilterCommand({ logGroupName: 'vault_audit_log', filterName: 'root-auth-list' }),
          ),
        )
      ).name,
    ).toBe('ResourceNotFoundException');
  });

  it('refuses invalid patterns and transformations with InvalidParameterException', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    const put = (filterPattern: string, transformation: Record<string, unknown>) =>
      rejection(
        logs.send(
          new PutMetricFilterCommand({
            logGroupName: 'g',
            filterName: 'f',
            filterPattern,
            metricTransformations: [
              { metricName: 'M', metricNamespace: 'N', metricValue: '1', ...transformation },
            ],
          }),
        ),
      );
    expect((await put('{ $.a = ', {})).name).toBe('InvalidParameterException');
    expect((await put('{ $.a = 1 }', { defaultValue: 0, dimensions: { a: '$.a' } })).name).toBe(
      'InvalidParameterException',
    );
    expect((await put('{ $.a = 1 }', { metricName: 'a:b' })).message).toMatch(
      /at 'metricTransformations.1.member.metricName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    expect(
      (
        await rejection(
          logs.send(
            new PutMetricFilterCommand({
              logGroupName: 'nope',
              filterName: 'f',
              filterPattern: '',
              metricTransformations: [{ metricName: 'M', metricNamespace: 'N', metricValue: '1' }],
            }),
          ),
        )
      ).name,
    ).toBe('ResourceNotFoundException');
  });

  it('limits a group to 100 filters with LimitExceededException', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    for (let i = 0; i < 100; i++) {
      await logs.send(
        new PutMetricFilterCommand({
          logGroupName: 'g',
          filterName: `f${i}`,
          filterPattern: `"term${i}"`,
          metricTransformations: [{ metricName: `M${i}`, metricNamespace: 'N', metricValue: '1' }],
        }),
      );
    }
    const error = await rejection(
      logs.send(
        new PutMetricFilterCommand({
          logGroupName: 'g',
          filterName: 'one-too-many',
          filterPattern: '',
          metricTransformations: [{ metricName: 'M', metricNamespace: 'N', metricValue: '1' }],
        }),
      ),
    );
    expect(error.name).toBe('LimitExceededException');
  });

  it('TestMetricFilter reports 1-based matches with extracted values', async () => {
    const messages = [
      '{"type":"response","auth":{"display_name":"root"},"request":{"path":"sys/auth"}}',
      '{"type":"request","auth":{"display_name":"root"},"request":{"path":"sys/auth"}}',
      'not json',
    ];
    const { matches } = await logs.send(
      new TestMetricFilterCommand({ filterPattern: pattern, logEventMessages: messages }),
    );
    expect(matches).toEqual([
      {
        eventNumber: 1,
        eventMessage: messages[0],
        extractedValues: {
          '$.auth.display_name': 'root',
          '$.request.path': 'sys/auth',
          '$.type': 'response',
        },
      },
    ]);
    expect(
      (
        await rejection(
          logs.send(new TestMetricFilterCommand({ filterPattern: '{ $.a = ', logEventMessages: ['x'] })),
        )
      ).name,
    ).toBe('InvalidParameterException');
  });
});

describe('tags', () => {
  it('tags by ARN and by name, and lists them both ways', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g', tags: { a: '1' } }));
    const arn = 'arn:aws:logs:us-east-1:000000000000:log-group:g';
    await logs.send(new TagResourceCommand({ resourceArn: arn, tags: { b: '2' } }));
    await logs.send(new TagLogGroupCommand({ logGroupName: 'g', tags: { c: '3' } }));
    expect((await logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({
      a: '1',
      b: '2',
      c: '3',
    });
    await logs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['a'] }));
    await logs.send(new UntagLogGroupCommand({ logGroupName: 'g', tags: ['b'] }));
    expect((await logs.send(new ListTagsLogGroupCommand({ logGroupName: 'g' }))).tags).toEqual({ c: '3' });
    expect(
      (
        await rejection(
          logs.send(
            new ListTagsForResourceCommand({
              resourceArn: 'arn:aws:logs:us-east-1:000000000000:log-group:nope',
            }),
          ),
        )
      ).name,
    ).toBe('ResourceNotFoundException');
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    expect((await rejection(logs.send(new TagResourceCommand({ resourceArn: arn, tags: many })))).name).toBe(
      'TooManyTagsException',
    );
  });
});

describe('accounts and regions', () => {
  it('keeps state per account (12-digit access key) and per region', async () => {
    const { CloudWatchLogsClient } = await import('@aws-sdk/client-cloudwatch-logs');
    const other = new CloudWatchLogsClient({
      endpoint: lab.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' },
    });
    try {
      await logs.send(new CreateLogGroupCommand({ logGroupName: 'shared-name' }));
      await other.send(new CreateLogGroupCommand({ logGroupName: 'shared-name' }));
      const { logGroups } = await other.send(new DescribeLogGroupsCommand({}));
      expect(logGroups!.map((g) => g.arn)).toEqual([
        'arn:aws:logs:eu-west-1:123456789012:log-group:shared-name:*',
      ]);
    } finally {
      other.destroy();
    }
  });
});
