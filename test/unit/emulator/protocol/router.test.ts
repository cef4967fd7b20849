import { describe, expect, it } from 'vitest';
import { cloudwatchModel, logsModel, snsModel, sqsModel } from '../../../../harness/emulator/models/index.ts';
import { accountIdForAccessKey } from '../../../../harness/emulator/protocol/accounts.ts';
import type { LabRequest } from '../../../../harness/emulator/protocol/http.ts';
import { Router } from '../../../../harness/emulator/protocol/router.ts';
import { parseCredentialScope } from '../../../../harness/emulator/protocol/sigv4.ts';

const router = new Router([logsModel, cloudwatchModel, snsModel, sqsModel]);
const auth = (service: string, region = 'eu-west-1') =>
  `AWS4-HMAC-SHA256 Credential=test/20260115/${region}/${service}/aws4_request, SignedHeaders=host, Signature=abc`;

function request(init: Omit<Partial<LabRequest>, 'body'> & { body?: string | Buffer }): LabRequest {
  return {
    method: init.method ?? 'POST',
    path: init.path ?? '/',
    query: init.query ?? new URLSearchParams(),
    headers: init.headers ?? {},
    body: Buffer.isBuffer(init.body) ? init.body : Buffer.from(init.body ?? ''),
    origin: 'http://127.0.0.1:4566',
  };
}

describe('routing a request to service, protocol and operation', () => {
  it('uses the SigV4 credential scope first', () => {
    const route = router.route(
      request({
        headers: { authorization: auth('monitoring'), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=DescribeAlarms&Version=2010-08-01',
      }),
    );
    expect([route.model.name, route.protocol, route.operation, route.scope?.region]).toEqual([
      'cloudwatch',
      'query',
      'DescribeAlarms',
      'eu-west-1',
    ]);
    const json = router.route(
      request({
        headers: {
          authorization: auth('monitoring'),
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms',
          'x-amzn-query-mode': 'true',
        },
        body: '{}',
      }),
    );
    expect([json.model.name, json.protocol, json.queryMode]).toEqual(['cloudwatch', 'json1.0', true]);
  });

  it('falls back to X-Amz-Target, then the form Version, then an SQS queue path', () => {
    expect(
      router.route(
        request({
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'Logs_20140328.DescribeLogGroups',
          },
        }),
      ).model.name,
    ).toBe('logs');
    expect(
      router.route(
        request({
          headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ListQueues' },
        }),
      ).model.name,
    ).toBe('sqs');
    expect(
      router.route(
        request({
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'Action=ListTopics&Version=2010-03-31',
        }),
      ).model.name,
    ).toBe('sns');
    const byPath = router.route(
      request({
        path: '/000000000000/my-queue',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=ReceiveMessage',
      }),
    );
    expect([byPath.model.name, byPath.operation]).toEqual(['sqs', 'ReceiveMessage']);
    expect(byPath.params?.get('QueueUrl')).toBe('http://127.0.0.1:4566/000000000000/my-queue');
    const get = router.route(
      request({ method: 'GET', query: new URLSearchParams('Action=ListTopics&Version=2010-03-31') }),
    );
    expect([get.model.name, get.protocol]).toEqual(['sns', 'query']);
  });

  it('refuses what it cannot route with the framework error AWS uses', () => {
    expect(() =>
      router.route(
        request({
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.Nope' },
        }),
      ),
    ).toThrow(expect.objectContaining({ code: 'UnknownOperationException', httpStatus: 400 }));
    expect(() =>
      router.route(
        request({
          headers: { authorization: auth('sqs'), 'content-type': 'application/x-www-form-urlencoded' },
          body: 'Action=Nope',
        }),
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'InvalidAction',
        message: 'The action Nope is not valid for this web service.',
      }),
    );
    expect(() =>
      router.route(
        request({
          headers: { authorization: auth('sns'), 'content-type': 'application/x-www-form-urlencoded' },
          body: 'Action=Nope',
        }),
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'InvalidAction',
        message: 'Could not find operation Nope for version 2010-03-31',
      }),
    );
    expect(() =>
      router.route(
        request({
          headers: { authorization: auth('sns'), 'content-type': 'application/x-www-form-urlencoded' },
          body: 'TopicArn=x',
        }),
      ),
    ).toThrow(expect.objectContaining({ code: 'MissingAction' }));
    expect(() =>
      router.route(
        request({
          headers: {
            authorization: auth('logs'),
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'Logs_20140328.StartQuery',
          },
        }),
      ),
    ).toThrow(expect.objectContaining({ code: 'InternalFailure', httpStatus: 501 }));
    expect(() =>
      router.route(
        request({
          headers: { authorization: auth('logs'), 'content-type': 'application/x-www-form-urlencoded' },
          body: 'Action=DescribeLogGroups',
        }),
      ),
    ).toThrow(expect.objectContaining({ code: 'UnsupportedMediaTypeException', httpStatus: 415 }));
    expect(() => router.route(request({ headers: { authorization: auth('s3') } }))).toThrow(
      /no service signed as 's3'/,
    );
    expect(() => router.route(request({}))).toThrow(/Cannot tell which AWS service/);
  });

  it('guesses protocol and service for rendering errors without throwing', () => {
    expect(
      router.preroute(
        request({
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.X' },
        }),
      ),
    ).toMatchObject({
      protocol: 'json1.1',
      model: { name: 'logs' },
    });
    expect(router.preroute(request({ body: 'garbage' }))).toMatchObject({
      protocol: 'query',
      model: undefined,
    });
  });
});

describe('credential scope and account', () => {
  it('reads the scope from the Authorization header or a presigned URL', () => {
    expect(parseCredentialScope(auth('logs', 'us-west-2'))).toEqual({
      accessKeyId: 'test',
      date: '20260115',
      region: 'us-west-2',
      service: 'logs',
    });
    expect(
      parseCredentialScope(
        undefined,
        new URLSearchParams('X-Amz-Credential=AKID%2F20260115%2Fus-east-1%2Fsqs%2Faws4_request'),
      ),
    ).toMatchObject({
      accessKeyId: 'AKID',
      service: 'sqs',
    });
    expect(parseCredentialScope('Bearer token')).toBeUndefined();
    expect(parseCredentialScope('AWS4-HMAC-SHA256 Credential=test/x/aws4_request')).toBeUndefined();
  });

  it('maps access key test to 000000000000 and a 12-digit key to itself', () => {
    expect(accountIdForAccessKey('test')).toBe('000000000000');
    expect(accountIdForAccessKey(undefined)).toBe('000000000000');
    expect(accountIdForAccessKey('123456789012')).toBe('123456789012');
    expect(accountIdForAccessKey('AKIA' + 'IOSFODNN7EXAMPLE') /* AWS's documented example key */).toBe(
      '000000000000',
    );
  });
});
