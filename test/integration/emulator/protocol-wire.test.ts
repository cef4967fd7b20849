import { gzipSync } from 'node:zlib';
import {
  CloudWatchClient,
  GetMetricStatisticsCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../../harness/aws/clients.ts';
import { authHeader, rawRequest, startTestEmulator } from '../../support/emulator.ts';
import type { TestEmulator } from '../../support/emulator.ts';

// Wire details on one port: gzip bodies, GET query requests, response content types and request ids.
let lab: TestEmulator;
beforeAll(async () => {
  lab = await startTestEmulator();
});
afterAll(async () => lab.stop());

const logsHeaders = (op: string) => ({
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': `Logs_20140328.${op}`,
  authorization: authHeader('logs'),
});

describe('the wire', () => {
  it('accepts gzip-compressed request bodies', async () => {
    const response = await rawRequest(lab.endpoint, {
      headers: { ...logsHeaders('CreateLogGroup'), 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ logGroupName: 'zipped' })),
    });
    expect(response.status).toBe(200);
    const list = await rawRequest(lab.endpoint, { headers: logsHeaders('DescribeLogGroups'), body: '{}' });
    expect(list.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(list.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      (JSON.parse(list.text) as { logGroups: { logGroupName: string }[] }).logGroups.map(
        (g) => g.logGroupName,
      ),
    ).toContain('zipped');
  });

  it('takes the SDK gzip-compressed PutMetricData (>= 10 KiB) and reads it back', async () => {
    const cloudwatch = new CloudWatchClient({
      endpoint: lab.endpoint,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
    });
    try {
      const now = Math.floor(lab.clock.now() / 60_000) * 60_000;
      const MetricData = Array.from({ length: 200 }, (_, i) => ({
        MetricName: 'Big',
        Dimensions: [{ Name: 'Index', Value: String(i % 2) }],
        Timestamp: new Date(now),
        Value: 1,
      }));
      await cloudwatch.send(new PutMetricDataCommand({ Namespace: 'Wire', MetricData }));
      const stats = await cloudwatch.send(
        new GetMetricStatisticsCommand({
          Namespace: 'Wire',
          MetricName: 'Big',
          Dimensions: [{ Name: 'Index', Value: '0' }],
          StartTime: new Date(now),
          EndTime: new Date(now + 60_000),
          Period: 60,
          Statistics: ['SampleCount'],
        }),
      );
      expect(stats.Datapoints!.map((d) => d.SampleCount)).toEqual([100]);
    } finally {
      cloudwatch.destroy();
    }
  });

  it('serves awsQuery as GET with parameters in the URL', async () => {
    const response = await rawRequest(lab.endpoint, {
      method: 'GET',
      path: '/?Action=ListTopics&Version=2010-03-31',
      headers: { authorization: authHeader('sns') },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/xml');
    expect(response.text).toMatch(
      /<ListTopicsResponse xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"><ListTopicsResult>/,
    );
  });

  it('answers JSON 1.0 with JSON 1.0 and query with XML for the same CloudWatch operation', async () => {
    const json = await rawRequest(lab.endpoint, {
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms',
        authorization: authHeader('monitoring'),
      },
      body: '{}',
    });
    expect(json.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    const xml = await rawRequest(lab.endpoint, {
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        authorization: authHeader('monitoring'),
      },
      body: 'Action=DescribeAlarms&Version=2010-08-01',
    });
    expect(xml.headers.get('content-type')).toBe('text/xml');
    expect(xml.text).toContain('<DescribeAlarmsResult>');
    expect(xml.text).toContain('<ResponseMetadata><RequestId>');
  });

  it('routes a signature without credential scope by X-Amz-Target and form Version', async () => {
    const noScope = 'AWS4-HMAC-SHA256 SignedHeaders=host, Signature=0000';
    const logs = await rawRequest(lab.endpoint, {
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Logs_20140328.DescribeLogGroups',
        authorization: noScope,
      },
      body: '{}',
    });
    expect(logs.status).toBe(200);
    const sqs = await rawRequest(lab.endpoint, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: noScope },
      body: 'Action=ListQueues&Version=2012-11-05',
    });
    expect(sqs.status).toBe(200);
    expect(sqs.text).toContain('<ListQueuesResult');
  });

  it('refuses a broken gzip body without crashing', async () => {
    const response = await rawRequest(lab.endpoint, {
      headers: { ...logsHeaders('DescribeLogGroups'), 'content-encoding': 'gzip' },
      body: 'not gzip at all',
    });
    expect(response.status).toBe(400);
    expect((JSON.parse(response.text) as { __type: string }).__type).toBe('SerializationException');
    expect(
      (await rawRequest(lab.endpoint, { headers: logsHeaders('DescribeLogGroups'), body: '{}' })).status,
    ).toBe(200);
  });
});
