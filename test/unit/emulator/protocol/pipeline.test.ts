import { describe, expect, it } from 'vitest';
import { OffsetClock } from '../../../../harness/clock.ts';
import { FaultInjector } from '../../../../harness/emulator/control/faults.ts';
import { createEmulatorCore } from '../../../../harness/emulator/core.ts';
import { logsModel, snsModel } from '../../../../harness/emulator/models/index.ts';
import { AwsServiceError } from '../../../../harness/emulator/protocol/errors.ts';
import type { LabRequest } from '../../../../harness/emulator/protocol/http.ts';
import type { ServiceDefinition } from '../../../../harness/emulator/service.ts';
import { StateRegistry } from '../../../../harness/emulator/state/state-registry.ts';
import { createLogger } from '../../../../harness/util/logger.ts';

// The request pipeline in-process, with minimal services on the real models (the protocol layer is
// what is under test here; the real services are tested over HTTP in test/integration/emulator).
const seen: unknown[] = [];
const logs: ServiceDefinition = {
  name: 'logs',
  model: logsModel,
  operations: {
    DescribeLogGroups: (input, context) => {
      seen.push({ input, accountId: context.accountId, region: context.region, protocol: context.protocol });
      return { logGroups: [{ logGroupName: 'g', creationTime: 1 }] };
    },
    CreateLogGroup: () => {
      throw new TypeError('a bug in a handler');
    },
    DeleteLogGroup: () => {
      throw new AwsServiceError('ResourceNotFoundException', 'The specified log group does not exist.');
    },
  },
};
const sns: ServiceDefinition = {
  name: 'sns',
  model: snsModel,
  operations: { ListTopics: () => ({ Topics: [{ TopicArn: 'arn:t' }] }) },
};

function setup() {
  const state = new StateRegistry();
  let dirty = 0;
  state.onDirty(() => dirty++);
  const faults = new FaultInjector();
  const core = createEmulatorCore({
    clock: new OffsetClock(),
    region: 'us-east-1',
    services: [logs, sns],
    state,
    faults,
    logger: createLogger('test'),
    reset: async () => {},
  });
  return { core, faults, dirty: () => dirty };
}

const logsRequest = (operation: string, body = '{}', extra: Record<string, string> = {}): LabRequest => ({
  method: 'POST',
  path: '/',
  query: new URLSearchParams(),
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `Logs_20140328.${operation}`,
    authorization:
      'AWS4-HMAC-SHA256 Credential=123456789012/20260115/eu-west-1/logs/aws4_request, SignedHeaders=host, Signature=x',
    ...extra,
  },
  body: Buffer.from(body),
  origin: 'http://127.0.0.1:1',
});

describe('the request pipeline', () => {
  it('routes, decodes, validates and calls the handler with a typed input and context', async () => {
    const { core, dirty } = setup();
    seen.length = 0;
    const response = await core.handle(logsRequest('DescribeLogGroups', '{"limit": 5, "unknownMember": 1}'));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body as string)).toEqual({
      logGroups: [{ logGroupName: 'g', creationTime: 1 }],
    });
    expect(response.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen).toEqual([
      { input: { limit: 5 }, accountId: '123456789012', region: 'eu-west-1', protocol: 'json1.1' },
    ]);
    // A read changes nothing: no save is scheduled.
    expect(dirty()).toBe(0);
  });

  it('stops invalid input before the handler', async () => {
    const { core } = setup();
    seen.length = 0;
    const response = await core.handle(logsRequest('DescribeLogGroups', '{"limit": 500}'));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body as string).__type).toBe('InvalidParameterException');
    expect(seen).toEqual([]);
  });

  it('renders service errors, and turns anything else into InternalFailure 500', async () => {
    const { core } = setup();
    const missing = await core.handle(logsRequest('DeleteLogGroup', '{"logGroupName":"g"}'));
    expect([missing.status, JSON.parse(missing.body as string)]).toEqual([
      400,
      { __type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' },
    ]);
    const bug = await core.handle(logsRequest('CreateLogGroup', '{"logGroupName":"g"}'));
    expect(bug.status).toBe(500);
    expect(JSON.parse(bug.body as string).__type).toBe('InternalFailure');
  });

  it('answers a modelled operation without a handler with 501', async () => {
    const { core } = setup();
    const response = await core.handle(
      logsRequest(
        'PutLogEvents',
        '{"logGroupName":"g","logStreamName":"s","logEvents":[{"timestamp":1,"message":"m"}]}',
      ),
    );
    expect(response.status).toBe(501);
  });

  it('applies injected faults before decoding, then recovers', async () => {
    const { core, faults } = setup();
    faults.add({ service: 'logs', operation: 'DescribeLogGroups', error: 'ThrottlingException', count: 1 });
    const failed = await core.handle(logsRequest('DescribeLogGroups', 'not even json'));
    expect([failed.status, JSON.parse(failed.body as string).__type]).toEqual([400, 'ThrottlingException']);
    expect((await core.handle(logsRequest('DescribeLogGroups'))).status).toBe(200);
  });

  it('schedules a save after a successful write', async () => {
    const writer: ServiceDefinition = {
      name: 'logs',
      model: logsModel,
      operations: { CreateLogGroup: () => ({}) },
    };
    const state = new StateRegistry();
    let dirty = 0;
    state.onDirty(() => dirty++);
    const core = createEmulatorCore({
      clock: new OffsetClock(),
      region: 'us-east-1',
      services: [writer],
      state,
      faults: new FaultInjector(),
      logger: createLogger('test'),
      reset: async () => {},
    });
    expect((await core.handle(logsRequest('CreateLogGroup', '{"logGroupName":"g"}'))).status).toBe(200);
    expect(dirty).toBe(1);
  });

  it('answers awsQuery with XML, errors included', async () => {
    const { core } = setup();
    const request = (body: string): LabRequest => ({
      method: 'POST',
      path: '/',
      query: new URLSearchParams(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        authorization: 'AWS4-HMAC-SHA256 Credential=test/20260115/us-east-1/sns/aws4_request, Signature=0',
      },
      body: Buffer.from(body),
      origin: 'http://127.0.0.1:1',
    });
    const ok = await core.handle(request('Action=ListTopics&Version=2010-03-31'));
    expect(ok.body).toContain(
      '<ListTopicsResult><Topics><member><TopicArn>arn:t</TopicArn></member></Topics></ListTopicsResult>',
    );
    const unknown = await core.handle(request('Action=Nope&Version=2010-03-31'));
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain(
      '<Code>InvalidAction</Code><Message>Could not find operation Nope for version 2010-03-31</Message>',
    );
  });

  it('serves /_lab/ routes from the same pipeline', async () => {
    const { core } = setup();
    const response = await core.handle({
      ...logsRequest('x'),
      method: 'GET',
      path: '/_lab/health',
      headers: {},
    });
    expect(JSON.parse(response.body as string)).toMatchObject({ status: 'ok', services: ['logs', 'sns'] });
  });
});
