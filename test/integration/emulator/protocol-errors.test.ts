import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutMetricFilterCommand,
  PutRetentionPolicyCommand,
  StartQueryCommand,
  TagResourceCommand,
  TestMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient, DescribeAlarmsCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../../harness/aws/clients.ts';
import { authHeader, rawRequest, startTestEmulator } from '../../support/emulator.ts';
import type { TestEmulator } from '../../support/emulator.ts';
import { awsCliUnavailable, runAwsCli } from '../../support/emulator-aws-cli.ts';

/**
 * Bad requests get AWS's error for them. Each row is one invalid input; where a client can send it,
 * the row checks the SDK v3 exception name (and HTTP status) and the CLI 2.9.19's error code; inputs
 * no client sends (bad JSON, wrong types, unknown operations, bad forms) are checked on the wire:
 * status, JSON `__type` / XML `<Code>`, and `x-amzn-query-error`.
 */
interface Clients {
  logs: CloudWatchLogsClient;
  cloudwatch: CloudWatchClient;
  sns: SNSClient;
  sqs: SQSClient;
}

interface Row {
  readonly name: string;
  /** The call through the SDK, with the expected `err.name` and status. */
  readonly sdk?: {
    send: (c: Clients) => Promise<unknown>;
    error: string;
    status?: number;
    message?: string | RegExp;
  };
  /** The same input through the CLI, with the expected `(Code)`. */
  readonly cli?: { args: string[] | (() => string[]); code: string };
  /** Requests no client sends. */
  readonly raw?: {
    request: { headers: Record<string, string>; body: string; path?: string; method?: string };
    status: number;
    type?: string;
    queryCode?: string;
    xmlCode?: string;
  };
}

const long = (n: number) => 'a'.repeat(n);
const logsJson = (op: string) => ({
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': `Logs_20140328.${op}`,
  authorization: authHeader('logs'),
});
const form = (service: string) => ({
  'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
  authorization: authHeader(service),
});
let eventsFile = '';

const ROWS: Row[] = [
  {
    name: 'log group name with a trailing space',
    sdk: {
      send: (c) => c.logs.send(new CreateLogGroupCommand({ logGroupName: 'vault_audit_log ' })),
      error: 'InvalidParameterException',
      status: 400,
    },
    cli: {
      args: ['logs', 'create-log-group', '--log-group-name', 'vault_audit_log '],
      code: 'InvalidParameterException',
    },
  },
  {
    name: 'log group name with a colon',
    sdk: {
      send: (c) => c.logs.send(new CreateLogGroupCommand({ logGroupName: 'a:b' })),
      error: 'InvalidParameterException',
    },
    cli: { args: ['logs', 'create-log-group', '--log-group-name', 'a:b'], code: 'InvalidParameterException' },
  },
  {
    name: 'log group name of 513 characters',
    sdk: {
      send: (c) => c.logs.send(new CreateLogGroupCommand({ logGroupName: long(513) })),
      error: 'InvalidParameterException',
      message: /Member must have length less than or equal to 512/,
    },
    cli: {
      args: ['logs', 'create-log-group', '--log-group-name', long(513)],
      code: 'InvalidParameterException',
    },
  },
  {
    name: 'log group name reserved for AWS (aws/ prefix)',
    sdk: {
      send: (c) => c.logs.send(new CreateLogGroupCommand({ logGroupName: 'aws/x' })),
      error: 'InvalidParameterException',
    },
    cli: {
      args: ['logs', 'create-log-group', '--log-group-name', 'aws/x'],
      code: 'InvalidParameterException',
    },
  },
  {
    name: 'log stream name with *',
    sdk: {
      send: (c) => c.logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 'a*b' })),
      error: 'InvalidParameterException',
    },
    cli: {
      args: ['logs', 'create-log-stream', '--log-group-name', 'g', '--log-stream-name', 'a*b'],
      code: 'InvalidParameterException',
    },
  },
  {
    name: 'metric filter name with a colon',
    sdk: {
      send: (c) =>
        c.logs.send(
          new PutMetricFilterCommand({
            logGroupName: 'g',
            filterName: 'a:b',
            filterPattern: '',
            metricTransformations: [{ metricName: 'M', metricNamespace: 'N', metricValue: '1' }],
          }),
        ),
      error: 'InvalidParameterException',
    },
    cli: {
      args: [
        'logs',
        'put-metric-filter',
        '--log-group-name',
        'g',
        '--filter-name',
        'a:b',
        '--filter-pattern',
        '',
        '--metric-transformations',
        'metricName=M,metricNamespace=N,metricValue=1',
      ],
      code: 'InvalidParameterException',
    },
  },
  {
    name: 'metric name with $',
    sdk: {
      send: (c) =>
        c.logs.send(
          new PutMetricFilterCommand({
            logGroupName: 'g',
            filterName: 'f',
            filterPattern: '',
            metricTransformations: [{ metricName: 'M$', metricNamespace: 'N', metricValue: '1' }],
          }),
        ),
      error: 'InvalidParameterException',
    },
    cli: {
      args: [
        'logs',
        'put-metric-filter',
        '--log-group-name',
        'g',
        '--filter-name',
        'f',
        '--filter-pattern',
        '',
        '--metric-transformations',
        'metricName=M$,metricNamespace=N,metricValue=1',
      ],
      code: 'InvalidParameterException',
    },
  },
  {
    name: 'metric filter with defaultValue and dimensions',
    sdk: {
      send: (c) =>
        c.logs.send(
          new PutMetricFilterCommand({
            logGroupName: 'g',
            filterName: 'f',
            filterPattern: '{ $.a = 1 }',
            metricTransformations: [
              {
                metricName: 'M',
                metricNamespace: 'N',
                metricValue: '1',
                defaultValue: 0,
                dimensions: { A: '$.a' },
              },
            ],
          }),
        ),
      error: 'InvalidParameterException',
    },
  },
  {
    name: 'metric filter with an invalid pattern',
    sdk: {
      send: (c) =>
        c.logs.send(
          new PutMetricFilterCommand({
            logGroupName: 'g',
            filterName: 'f',
            filterPattern: '{ $.a = ',
            metricTransformations: [{ metricName: 'M', metricNamespace: 'N', metricValue: '1' }],
          }),
        ),
      error: 'InvalidParameterException',
    },
    cli: {
      args: [
        'logs',
        'put-metric-filter',
        '--log-group-name',
        'g',
        '--filter-name',
        'f',
        '--filter-pattern',
        '{ $.a = ',
        '--metric-transformations',
        'metricName=M,metricNamespace=N,metricValue=1',
      ],
      code: 'InvalidParameterException',
    },
  },
  {
    name: 'test-metric-filter with an invalid pattern',
    sdk: {
      send: (c) =>
        c.logs.send(new TestMetricFilterCommand({ filterPattern: '[a, b', logEventMessages: ['x'] })),
      error: 'InvalidParameterException',
    },
    cli: {
      args: ['logs', 'test-metric-filter', '--filter-pattern', '[a, b', '--log-event-messages', 'x'],
      code: 'InvalidParameterException',
    },
  },
  {
    name: 'describe-log-groups limit above 50',
    sdk: {
      send: (c) => c.logs.send(new DescribeLogGroupsCommand({ limit: 51 })),
      error: 'InvalidParameterException',
      message: /at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50/,
    },
    cli: { args: ['logs', 'describe-log-groups', '--limit', '51'], code: 'InvalidParameterException' },
  },
  {
    name: 'get-log-events limit above 10,000',
    sdk: {
      send: (c) =>
        c.logs.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', limit: 10_001 })),
      error: 'InvalidParameterException',
    },
    cli: {
      args: ['logs', 'get-log-events', '--log-group-name', 'g', '--log-stream-name', 's', '--limit', '10001'],
      code: 'InvalidParameterException',
    },
  },
  {
    name: 'describe-log-streams with an orderBy outside the enum',
    sdk: {
      send: (c) => c.logs.send(new DescribeLogStreamsCommand({ logGroupName: 'g', orderBy: 'Foo' as never })),
      error: 'InvalidParameterException',
      message: /Member must satisfy enum value set: \[LogStreamName, LastEventTime\]/,
    },
    cli: {
      args: ['logs', 'describe-log-streams', '--log-group-name', 'g', '--order-by', 'Foo'],
      code: 'InvalidParameterException',
    },
  },
  {
    name: 'describe-log-streams ordered by LastEventTime with a prefix',
    sdk: {
      send: (c) =>
        c.logs.send(
          new DescribeLogStreamsCommand({
            logGroupName: 'g',
            orderBy: 'LastEventTime',
            logStreamNamePrefix: 's',
          }),
        ),
      error: 'InvalidParameterException',
    },
    cli: {
      args: [
        'logs',
        'describe-log-streams',
        '--log-group-name',
        'g',
        '--order-by',
        'LastEventTime',
        '--log-stream-name-prefix',
        's',
      ],
      code: 'InvalidParameterException',
    },
  },
  {
    name: 'describe-log-groups with prefix and pattern',
    sdk: {
      send: (c) =>
        c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'a', logGroupNamePattern: 'b' })),
      error: 'InvalidParameterException',
    },
    cli: {
      args: ['logs', 'describe-log-groups', '--log-group-name-prefix', 'a', '--log-group-name-pattern', 'b'],
      code: 'InvalidParameterException',
    },
  },
  {
    name: 'retention of 2 days',
    sdk: {
      send: (c) => c.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'g', retentionInDays: 2 })),
      error: 'InvalidParameterException',
    },
    cli: {
      args: ['logs', 'put-retention-policy', '--log-group-name', 'g', '--retention-in-days', '2'],
      code: 'InvalidParameterException',
    },
  },
  {
    name: 'events out of chronological order',
    sdk: {
      send: (c) =>
        c.logs.send(
          new PutLogEventsCommand({
            logGroupName: 'g',
            logStreamName: 's',
            logEvents: [
              { timestamp: Date.UTC(2026, 0, 15, 10), message: 'b' },
              { timestamp: Date.UTC(2026, 0, 15, 9), message: 'a' },
            ],
          }),
        ),
      error: 'InvalidParameterException',
      message: 'Log events in a single PutLogEvents request must be in chronological order.',
    },
    cli: {
      args: () => [
        'logs',
        'put-log-events',
        '--log-group-name',
        'g',
        '--log-stream-name',
        's',
        '--log-events',
        `file://${eventsFile}`,
      ],
      code: 'InvalidParameterException',
    },
  },
  {
    name: 'an empty log event message',
    sdk: {
      send: (c) =>
        c.logs.send(
          new PutLogEventsCommand({
            logGroupName: 'g',
            logStreamName: 's',
            logEvents: [{ timestamp: 1, message: '' }],
          }),
        ),
      error: 'InvalidParameterException',
    },
  },
  {
    name: 'no log events',
    sdk: {
      send: (c) =>
        c.logs.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName: 's', logEvents: [] })),
      error: 'InvalidParameterException',
    },
  },
  {
    name: 'a batch over 1,048,576 bytes',
    sdk: {
      send: (c) =>
        c.logs.send(
          new PutLogEventsCommand({
            logGroupName: 'g',
            logStreamName: 's',
            logEvents: Array.from({ length: 5 }, () => ({
              timestamp: Date.UTC(2026, 0, 15, 10),
              message: long(262_118),
            })),
          }),
        ),
      error: 'InvalidParameterException',
      message: 'Upload too large: 1310720 bytes exceeds limit of 1048576',
    },
  },
  {
    name: 'a missing required member (logGroupName)',
    sdk: {
      send: (c) => c.logs.send(new CreateLogGroupCommand({} as never)),
      error: 'InvalidParameterException',
      message:
        "1 validation error detected: Value null at 'logGroupName' failed to satisfy constraint: Member must not be null",
    },
  },
  {
    name: 'both logGroupName and logGroupIdentifier',
    sdk: {
      send: (c) =>
        c.logs.send(
          new GetLogEventsCommand({ logGroupName: 'g', logGroupIdentifier: 'g', logStreamName: 's' }),
        ),
      error: 'ValidationException',
      message: 'LogGroup name and LogGroup ARN are mutually exclusive parameters.',
    },
  },
  {
    name: 'a missing log group',
    sdk: {
      send: (c) => c.logs.send(new DeleteLogGroupCommand({ logGroupName: 'missing' })),
      error: 'ResourceNotFoundException',
      status: 400,
    },
    cli: {
      args: ['logs', 'delete-log-group', '--log-group-name', 'missing'],
      code: 'ResourceNotFoundException',
    },
  },
  {
    name: 'an existing log group',
    sdk: {
      send: (c) => c.logs.send(new CreateLogGroupCommand({ logGroupName: 'g' })),
      error: 'ResourceAlreadyExistsException',
    },
    cli: {
      args: ['logs', 'create-log-group', '--log-group-name', 'g'],
      code: 'ResourceAlreadyExistsException',
    },
  },
  {
    name: 'an invalid nextToken',
    sdk: {
      send: (c) => c.logs.send(new FilterLogEventsCommand({ logGroupName: 'g', nextToken: '!!!' })),
      error: 'InvalidParameterException',
      message: 'The specified nextToken is invalid.',
    },
    cli: {
      args: [
        'logs',
        'filter-log-events',
        '--log-group-name',
        'g',
        '--starting-token',
        '!!!',
        '--max-items',
        '5',
      ],
      code: 'InvalidParameterException',
    },
  },
  {
    name: 'tagging something that is not a log group ARN',
    sdk: {
      send: (c) =>
        c.logs.send(
          new TagResourceCommand({ resourceArn: 'arn:aws:sns:us-east-1:000000000000:t', tags: { a: 'b' } }),
        ),
      error: 'InvalidParameterException',
    },
    cli: {
      args: [
        'logs',
        'tag-resource',
        '--resource-arn',
        'arn:aws:sns:us-east-1:000000000000:t',
        '--tags',
        'a=b',
      ],
      code: 'InvalidParameterException',
    },
  },
  {
    name: 'an operation the emulator does not implement (StartQuery)',
    sdk: {
      send: (c) =>
        c.logs.send(
          new StartQueryCommand({
            logGroupName: 'g',
            startTime: 1,
            endTime: 2,
            queryString: 'fields @message',
          }),
        ),
      error: 'InternalFailure',
      status: 501,
    },
    cli: {
      args: [
        'logs',
        'start-query',
        '--log-group-name',
        'g',
        '--start-time',
        '1',
        '--end-time',
        '2',
        '--query-string',
        'x',
      ],
      code: 'InternalFailure',
    },
  },
  {
    name: 'CloudWatch SetAlarmState on a missing alarm',
    sdk: {
      send: (c) =>
        c.cloudwatch.send(
          new SetAlarmStateCommand({ AlarmName: 'missing', StateValue: 'ALARM', StateReason: 'x' }),
        ),
      error: 'ResourceNotFound',
      status: 404,
    },
    cli: {
      args: [
        'cloudwatch',
        'set-alarm-state',
        '--alarm-name',
        'missing',
        '--state-value',
        'ALARM',
        '--state-reason',
        'x',
      ],
      code: 'ResourceNotFound',
    },
  },
  {
    name: 'CloudWatch StateValue outside the enum',
    sdk: {
      send: (c) =>
        c.cloudwatch.send(
          new SetAlarmStateCommand({ AlarmName: 'a', StateValue: 'BROKEN' as never, StateReason: 'x' }),
        ),
      error: 'ValidationException',
      message:
        "1 validation error detected: Value 'BROKEN' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [OK, ALARM, INSUFFICIENT_DATA]",
    },
    cli: {
      args: [
        'cloudwatch',
        'set-alarm-state',
        '--alarm-name',
        'a',
        '--state-value',
        'BROKEN',
        '--state-reason',
        'x',
      ],
      code: 'ValidationError',
    },
  },
  {
    name: 'CloudWatch DescribeAlarms MaxRecords above 100',
    sdk: {
      send: (c) => c.cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 101 })),
      error: 'ValidationException',
      status: 400,
    },
    cli: { args: ['cloudwatch', 'describe-alarms', '--max-records', '101'], code: 'ValidationError' },
  },
  {
    name: 'SNS GetTopicAttributes on a missing topic',
    sdk: {
      send: (c) =>
        c.sns.send(new GetTopicAttributesCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:missing' })),
      error: 'NotFoundException',
      status: 404,
    },
    cli: {
      args: ['sns', 'get-topic-attributes', '--topic-arn', 'arn:aws:sns:us-east-1:000000000000:missing'],
      code: 'NotFound',
    },
  },
  {
    name: 'SQS GetQueueUrl on a missing queue',
    sdk: {
      send: (c) => c.sqs.send(new GetQueueUrlCommand({ QueueName: 'missing' })),
      error: 'QueueDoesNotExist',
      status: 400,
    },
    cli: {
      args: ['sqs', 'get-queue-url', '--queue-name', 'missing'],
      code: 'AWS.SimpleQueueService.NonExistentQueue',
    },
  },
  {
    name: 'JSON: unknown operation',
    raw: {
      request: { headers: logsJson('DescribeEverything'), body: '{}' },
      status: 400,
      type: 'UnknownOperationException',
    },
  },
  {
    name: 'JSON: a body that is not JSON',
    raw: {
      request: { headers: logsJson('DescribeLogGroups'), body: '{"limit": ' },
      status: 400,
      type: 'SerializationException',
    },
  },
  {
    name: 'JSON: a string where a number belongs',
    raw: {
      request: { headers: logsJson('DescribeLogGroups'), body: '{"limit": "ten"}' },
      status: 400,
      type: 'SerializationException',
    },
  },
  {
    name: 'JSON: an object where a list belongs',
    raw: {
      request: {
        headers: logsJson('PutLogEvents'),
        body: '{"logGroupName":"g","logStreamName":"s","logEvents":{"timestamp":1}}',
      },
      status: 400,
      type: 'SerializationException',
    },
  },
  {
    name: 'JSON: an unsupported media type',
    raw: {
      request: { headers: { ...logsJson('DescribeLogGroups'), 'content-type': 'text/plain' }, body: '{}' },
      status: 415,
      type: 'UnsupportedMediaTypeException',
    },
  },
  {
    name: 'JSON 1.0 query-compatible: unknown CloudWatch operation in query mode',
    raw: {
      request: {
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'GraniteServiceVersion20100801.Nope',
          'x-amzn-query-mode': 'true',
          authorization: authHeader('monitoring'),
        },
        body: '{}',
      },
      status: 400,
      type: 'UnknownOperationException',
      queryCode: 'UnknownOperationException;Sender',
    },
  },
  {
    name: 'query: unknown Action',
    raw: {
      request: { headers: form('sns'), body: 'Action=PublishEverything&Version=2010-03-31' },
      status: 400,
      xmlCode: 'InvalidAction',
    },
  },
  {
    name: 'query: no Action',
    raw: {
      request: { headers: form('sns'), body: 'Version=2010-03-31&TopicArn=x' },
      status: 400,
      xmlCode: 'MissingAction',
    },
  },
  {
    name: 'query: a malformed form body',
    raw: {
      request: {
        headers: form('monitoring'),
        body: 'Action=DescribeAlarms&Version=2010-08-01&AlarmNamePrefix=%ZZ',
      },
      status: 400,
      xmlCode: 'MalformedQueryString',
    },
  },
  {
    name: 'query: a word where an integer belongs',
    raw: {
      request: {
        headers: form('monitoring'),
        body: 'Action=DescribeAlarms&Version=2010-08-01&MaxRecords=many',
      },
      status: 400,
      xmlCode: 'SerializationException',
    },
  },
  {
    name: 'smithy-rpc-v2-cbor is refused',
    raw: {
      request: {
        headers: {
          'smithy-protocol': 'rpc-v2-cbor',
          'content-type': 'application/cbor',
          authorization: authHeader('monitoring'),
        },
        body: '',
      },
      status: 415,
    },
  },
];

const cliSkip = awsCliUnavailable();
let lab: TestEmulator;
let clients: Clients;
let dir: string;

beforeAll(async () => {
  lab = await startTestEmulator();
  const config = {
    endpoint: lab.endpoint,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  };
  clients = {
    logs: lab.logs,
    cloudwatch: new CloudWatchClient(config),
    sns: new SNSClient(config),
    sqs: new SQSClient(config),
  };
  await lab.logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
  await lab.logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
  dir = mkdtempSync(join(tmpdir(), 'lab-errors-'));
  eventsFile = join(dir, 'out-of-order.json');
  writeFileSync(
    eventsFile,
    JSON.stringify([
      { timestamp: Date.UTC(2026, 0, 15, 10), message: 'b' },
      { timestamp: Date.UTC(2026, 0, 15, 9), message: 'a' },
    ]),
  );
});
afterAll(async () => {
  clients.cloudwatch.destroy();
  clients.sns.destroy();
  clients.sqs.destroy();
  await lab.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('invalid inputs get AWS errors', () => {
  it('covers at least 30 invalid inputs', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(ROWS.filter((r) => r.sdk).map((r) => [r.name, r] as const))('SDK v3: %s', async (_name, row) => {
    const { send, error, status, message } = row.sdk!;
    let caught: { name: string; message: string; $metadata?: { httpStatusCode?: number } } | undefined;
    try {
      await send(clients);
    } catch (e) {
      caught = e as typeof caught;
    }
    expect(caught, 'the call must fail').toBeDefined();
    expect(caught!.name).toBe(error);
    if (status !== undefined) expect(caught!.$metadata?.httpStatusCode).toBe(status);
    if (typeof message === 'string') expect(caught!.message).toBe(message);
    else if (message) expect(caught!.message).toMatch(message);
  });

  it.skipIf(cliSkip !== undefined).each(ROWS.filter((r) => r.cli).map((r) => [r.name, r] as const))(
    'CLI 2.9.19: %s',
    async (_name, row) => {
      const args = typeof row.cli!.args === 'function' ? row.cli!.args() : row.cli!.args;
      const result = await runAwsCli(lab.endpoint, args);
      expect(result.errorCode, result.stderr).toBe(row.cli!.code);
      expect(result.exitCode).toBe(254);
    },
  );

  it.each(ROWS.filter((r) => r.raw).map((r) => [r.name, r] as const))('wire: %s', async (_name, row) => {
    const raw = row.raw!;
    const response = await rawRequest(lab.endpoint, { ...raw.request });
    expect(response.status).toBe(raw.status);
    if (raw.type !== undefined)
      expect((JSON.parse(response.text) as { __type: string }).__type).toBe(raw.type);
    if (raw.queryCode !== undefined) expect(response.headers.get('x-amzn-query-error')).toBe(raw.queryCode);
    if (raw.xmlCode !== undefined) {
      expect(response.headers.get('content-type')).toBe('text/xml');
      expect(response.text).toContain(`<Error><Type>Sender</Type><Code>${raw.xmlCode}</Code>`);
    }
  });
});
