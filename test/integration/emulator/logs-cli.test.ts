import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from '../../support/emulator.ts';
import type { TestEmulator } from '../../support/emulator.ts';
import { awsCliUnavailable, runAwsCli } from '../../support/emulator-aws-cli.ts';

// The same Logs checks through the Debian AWS CLI 2.9.19 (`/usr/bin/aws --endpoint-url`), including
// the article's commands. One emulator for the file; the tests build on each other in order.
const skipReason = awsCliUnavailable();
if (skipReason) console.warn(skipReason);

const ROOT_AUTH_PATTERN =
  '{$.auth.display_name = "root" && $.request.path = "sys/auth" && $.type = "response"}';
const AUTH_LIST_LINES = readFileSync(
  new URL('../../fixtures/vault-1.14.0/auth-list.log', import.meta.url),
  'utf8',
)
  .trim()
  .split('\n');

let lab: TestEmulator;
let dir: string;
const aws = (...args: string[]) => runAwsCli(lab.endpoint, args);

describe.skipIf(skipReason !== undefined)('CloudWatch Logs through the AWS CLI 2.9.19', () => {
  beforeAll(async () => {
    lab = await startTestEmulator();
    dir = mkdtempSync(join(tmpdir(), 'lab-logs-cli-'));
  });
  afterAll(async () => {
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs the article's create-log-group and describe-log-groups", async () => {
    const created = await aws('logs', 'create-log-group', '--log-group-name', 'vault_audit_log');
    expect(created).toMatchObject({ exitCode: 0, stdout: '' });
    const described = await aws('logs', 'describe-log-groups');
    expect(described.exitCode).toBe(0);
    expect(described.json()).toEqual({
      logGroups: [
        {
          logGroupName: 'vault_audit_log',
          creationTime: expect.any(Number),
          metricFilterCount: 0,
          arn: 'arn:aws:logs:us-east-1:000000000000:log-group:vault_audit_log:*',
          storedBytes: 0,
        },
      ],
    });
  });

  it('rejects "vault_audit_log " (trailing space) with InvalidParameterException, exit 254', async () => {
    const result = await aws('logs', 'create-log-group', '--log-group-name', 'vault_audit_log ');
    expect(result.exitCode).toBe(254);
    expect(result.errorCode).toBe('InvalidParameterException');
    expect(result.errorText).toBe(
      "An error occurred (InvalidParameterException) when calling the CreateLogGroup operation: 1 validation error detected: Value 'vault_audit_log ' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
    );
    const duplicate = await aws('logs', 'create-log-group', '--log-group-name', 'vault_audit_log');
    expect(duplicate.errorCode).toBe('ResourceAlreadyExistsException');
  });

  it("runs the article's put-metric-filter and describes it", async () => {
    const put = await aws(
      'logs',
      'put-metric-filter',
      '--log-group-name',
      'vault_audit_log',
      '--filter-name',
      'RootAuthList',
      '--filter-pattern',
      ROOT_AUTH_PATTERN,
      '--metric-transformations',
      'metricName=RootAuthListCount,metricNamespace=VaultMetricNamespace,metricValue=1',
    );
    expect(put.exitCode).toBe(0);
    const described = await aws('logs', 'describe-metric-filters', '--log-group-name', 'vault_audit_log');
    expect(described.json<{ metricFilters: unknown[] }>().metricFilters).toEqual([
      {
        filterName: 'RootAuthList',
        filterPattern: ROOT_AUTH_PATTERN,
        metricTransformations: [
          { metricName: 'RootAuthListCount', metricNamespace: 'VaultMetricNamespace', metricValue: '1' },
        ],
        creationTime: expect.any(Number),
        logGroupName: 'vault_audit_log',
      },
    ]);
  });

  it('test-metric-filter matches the recorded Vault `auth list` response line', async () => {
    const result = await aws(
      'logs',
      'test-metric-filter',
      '--filter-pattern',
      ROOT_AUTH_PATTERN,
      '--log-event-messages',
      ...AUTH_LIST_LINES,
    );
    expect(result.exitCode).toBe(0);
    const { matches } = result.json<{
      matches: { eventNumber: number; extractedValues: Record<string, string> }[];
    }>();
    const responseIndex = AUTH_LIST_LINES.findIndex(
      (line) => (JSON.parse(line) as { type: string }).type === 'response',
    );
    expect(matches).toEqual([
      {
        eventNumber: responseIndex + 1,
        eventMessage: AUTH_LIST_LINES[responseIndex],
        extractedValues: {
          '$.auth.display_name': 'root',
          '$.request.path': 'sys/auth',
          '$.type': 'response',
        },
      },
    ]);
  });

  it('creates a stream, puts events from a file, reads them back and filters them', async () => {
    expect(
      (
        await aws(
          'logs',
          'create-log-stream',
          '--log-group-name',
          'vault_audit_log',
          '--log-stream-name',
          'vault-1',
        )
      ).exitCode,
    ).toBe(0);
    const now = lab.clock.now();
    const events = AUTH_LIST_LINES.map((message, i) => ({ timestamp: now - 1000 + i, message }));
    const file = join(dir, 'events.json');
    writeFileSync(file, JSON.stringify([...events, { timestamp: now + 3 * 3_600_000, message: 'too new' }]));
    const put = await aws(
      'logs',
      'put-log-events',
      '--log-group-name',
      'vault_audit_log',
      '--log-stream-name',
      'vault-1',
      '--log-events',
      `file://${file}`,
    );
    expect(put.exitCode).toBe(0);
    expect(put.json()).toEqual({
      nextSequenceToken: expect.stringMatching(/^\d+$/),
      rejectedLogEventsInfo: { tooNewLogEventStartIndex: events.length },
    });

    const got = await aws(
      'logs',
      'get-log-events',
      '--log-group-name',
      'vault_audit_log',
      '--log-stream-name',
      'vault-1',
      '--start-from-head',
    );
    expect(got.json<{ events: { message: string }[] }>().events.map((e) => e.message)).toEqual(
      AUTH_LIST_LINES,
    );

    const filtered = await aws(
      'logs',
      'filter-log-events',
      '--log-group-name',
      'vault_audit_log',
      '--filter-pattern',
      ROOT_AUTH_PATTERN,
    );
    const found = filtered.json<{ events: { logStreamName: string; message: string }[] }>().events;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      logStreamName: 'vault-1',
      message: AUTH_LIST_LINES.find((l) => l.includes('"response"')),
    });

    // Auto-pagination: one event per page, every page followed to the end (no repeated token).
    const paged = await aws(
      'logs',
      'filter-log-events',
      '--log-group-name',
      'vault_audit_log',
      '--page-size',
      '1',
    );
    expect(paged.exitCode).toBe(0);
    expect(paged.json<{ events: unknown[] }>().events).toHaveLength(AUTH_LIST_LINES.length);

    const streams = await aws(
      'logs',
      'describe-log-streams',
      '--log-group-name',
      'vault_audit_log',
      '--order-by',
      'LastEventTime',
      '--descending',
    );
    expect(
      streams.json<{ logStreams: { logStreamName: string; lastEventTimestamp: number }[] }>().logStreams,
    ).toEqual([
      expect.objectContaining({
        logStreamName: 'vault-1',
        lastEventTimestamp: events[events.length - 1]!.timestamp,
      }),
    ]);
  });

  it('manages retention and tags', async () => {
    expect(
      (
        await aws(
          'logs',
          'put-retention-policy',
          '--log-group-name',
          'vault_audit_log',
          '--retention-in-days',
          '30',
        )
      ).exitCode,
    ).toBe(0);
    const bad = await aws(
      'logs',
      'put-retention-policy',
      '--log-group-name',
      'vault_audit_log',
      '--retention-in-days',
      '2',
    );
    expect(bad.errorCode).toBe('InvalidParameterException');
    expect(
      (await aws('logs', 'describe-log-groups', '--log-group-name-prefix', 'vault')).json<{
        logGroups: { retentionInDays: number }[];
      }>().logGroups[0]!.retentionInDays,
    ).toBe(30);
    expect(
      (await aws('logs', 'delete-retention-policy', '--log-group-name', 'vault_audit_log')).exitCode,
    ).toBe(0);

    const arn = 'arn:aws:logs:us-east-1:000000000000:log-group:vault_audit_log';
    expect(
      (await aws('logs', 'tag-resource', '--resource-arn', arn, '--tags', 'team=security,env=lab')).exitCode,
    ).toBe(0);
    expect(
      (await aws('logs', 'tag-log-group', '--log-group-name', 'vault_audit_log', '--tags', 'owner=me'))
        .exitCode,
    ).toBe(0);
    expect((await aws('logs', 'list-tags-for-resource', '--resource-arn', arn)).json()).toEqual({
      tags: { team: 'security', env: 'lab', owner: 'me' },
    });
    expect((await aws('logs', 'untag-resource', '--resource-arn', arn, '--tag-keys', 'env')).exitCode).toBe(
      0,
    );
    expect(
      (await aws('logs', 'untag-log-group', '--log-group-name', 'vault_audit_log', '--tags', 'owner'))
        .exitCode,
    ).toBe(0);
    expect((await aws('logs', 'list-tags-log-group', '--log-group-name', 'vault_audit_log')).json()).toEqual({
      tags: { team: 'security' },
    });
  });

  it('deletes the filter, the stream and the group, then reports them missing', async () => {
    expect(
      (
        await aws(
          'logs',
          'delete-metric-filter',
          '--log-group-name',
          'vault_audit_log',
          '--filter-name',
          'RootAuthList',
        )
      ).exitCode,
    ).toBe(0);
    expect(
      (
        await aws(
          'logs',
          'delete-log-stream',
          '--log-group-name',
          'vault_audit_log',
          '--log-stream-name',
          'vault-1',
        )
      ).exitCode,
    ).toBe(0);
    expect((await aws('logs', 'delete-log-group', '--log-group-name', 'vault_audit_log')).exitCode).toBe(0);
    const missing = await aws('logs', 'describe-log-streams', '--log-group-name', 'vault_audit_log');
    expect(missing.exitCode).toBe(254);
    expect(missing.errorText).toBe(
      'An error occurred (ResourceNotFoundException) when calling the DescribeLogStreams operation: The specified log group does not exist.',
    );
    expect((await aws('logs', 'describe-log-groups')).json()).toEqual({ logGroups: [] });
  });
});
