import { request as httpRequest } from 'node:http';
import { PutMetricAlarmCommand, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CreateLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTopicCommand, ListTopicsCommand } from '@aws-sdk/client-sns';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authHeader, startTestEmulator } from '../../support/emulator.ts';
import type { TestEmulator } from '../../support/emulator.ts';
import { alarmClients, type AlarmClients } from '../../support/sns-clients.ts';

// Issue 10 item 2: what a web page the user visits (or a DNS-rebinding one) could do to a running
// lab, over real HTTP with the headers a browser sends. Each attack must be refused and leave state alone.
let lab: TestEmulator;
let aws: AlarmClients;
let topicArn: string;
beforeAll(async () => {
  lab = await startTestEmulator();
  aws = alarmClients(lab.endpoint);
});
afterAll(async () => {
  aws.destroy();
  await lab.stop();
});
beforeEach(async () => {
  expect((await lab.control('POST', '/_lab/reset')).status).toBe(200);
  await lab.logs.send(new CreateLogGroupCommand({ logGroupName: 'vault-audit' }));
  topicArn = (await aws.sns.send(new CreateTopicCommand({ Name: 'vault-alarms' }))).TopicArn!;
  await aws.cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: 'root-token-used',
      Namespace: 'Vault',
      MetricName: 'RootTokenUsed',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [topicArn],
    }),
  );
});

/** node:http, because fetch will not send a Host header of our choosing. */
function send(init: {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}): Promise<{ status: number; text: string }> {
  const url = new URL(lab.endpoint);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method: init.method, path: init.path, headers: init.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

const evil = { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' };
const textPlain = { 'content-type': 'text/plain;charset=UTF-8' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };

async function labIsIntact(): Promise<void> {
  const groups = await lab.logs.send(new DescribeLogGroupsCommand({}));
  expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual(['vault-audit']);
  const alarms = await aws.cloudwatch.send(new DescribeAlarmsCommand({}));
  expect(alarms.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['root-token-used']);
  const topics = await aws.sns.send(new ListTopicsCommand({}));
  expect(topics.Topics?.map((t) => t.TopicArn)).toEqual([topicArn]);
  expect((await aws.sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).toEqual([]);
  expect((await lab.control('GET', '/_lab/faults')).json).toEqual({ faults: [] });
}

describe('a cross-site page cannot drive the lab', () => {
  it.each([
    ['text/plain', textPlain],
    ['a form', form],
  ])('POST /_lab/reset as %s from another origin is refused', async (_, contentType) => {
    const response = await send({
      method: 'POST',
      path: '/_lab/reset',
      headers: { ...evil, ...contentType, host: new URL(lab.endpoint).host },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(response.text).toContain('cross-origin requests are refused (Origin: http://evil.example)');
    await labIsIntact();
  });

  it('POST /_lab/clock and /_lab/faults as text/plain from another origin are refused', async () => {
    const before = ((await lab.control('GET', '/_lab/clock')).json as { now: number }).now;
    const host = new URL(lab.endpoint).host;
    const clock = await send({
      method: 'POST',
      path: '/_lab/clock',
      headers: { ...evil, ...textPlain, host },
      body: '{"advanceSeconds":86400}',
    });
    const faults = await send({
      method: 'POST',
      path: '/_lab/faults',
      headers: { ...evil, ...textPlain, host },
      body: '{"service":"logs","operation":"PutLogEvents","status":500,"count":1000}',
    });
    expect([clock.status, faults.status]).toEqual([403, 403]);
    // The lab clock runs on the wall clock here: it moved milliseconds, not the day the page asked for.
    expect(((await lab.control('GET', '/_lab/clock')).json as { now: number }).now).toBeLessThan(
      before + 3_600_000,
    );
    await labIsIntact();
  });

  it('a same-origin /_lab POST that is not JSON is refused (a browser that sends no Origin)', async () => {
    for (const contentType of [textPlain, form, {}]) {
      const response = await send({
        method: 'POST',
        path: '/_lab/reset',
        headers: { ...contentType, host: new URL(lab.endpoint).host },
        body: '{}',
      });
      expect(response.status).toBe(415);
      expect(JSON.parse(response.text)).toEqual({
        error: expect.stringMatching(/^POST bodies must be sent as Content-Type: application\/json, got /),
      });
    }
    await labIsIntact();
  });

  it.each([
    ['SNS Publish', `Action=Publish&Version=2010-03-31&TopicArn=TOPIC&Message=pwned`],
    ['SNS CreateTopic', 'Action=CreateTopic&Version=2010-03-31&Name=evil'],
    ['SQS CreateQueue', 'Action=CreateQueue&Version=2012-11-05&QueueName=evil'],
  ])('%s as a cross-site form POST is refused', async (_, body) => {
    const response = await send({
      method: 'POST',
      path: '/',
      headers: { ...evil, ...form, host: new URL(lab.endpoint).host },
      body: body.replace('TOPIC', encodeURIComponent(topicArn)),
    });
    expect(response.status).toBe(403);
    await labIsIntact();
    expect(
      ((await lab.control('GET', '/_lab/sns/messages')).json as { messages: unknown[] }).messages,
    ).toEqual([]);
  });

  it.each([
    [
      'SNS Publish',
      `Action=Publish&Version=2010-03-31&TopicArn=TOPIC&Message=pwned`,
      'sns.amazonaws.com/doc/2010-03-31/',
    ],
    [
      'SNS CreateTopic',
      'Action=CreateTopic&Version=2010-03-31&Name=evil',
      'sns.amazonaws.com/doc/2010-03-31/',
    ],
    [
      'SQS CreateQueue',
      'Action=CreateQueue&Version=2012-11-05&QueueName=evil',
      'queue.amazonaws.com/doc/2012-11-05/',
    ],
  ])('%s without a SigV4 signature gets AWS’s MissingAuthenticationToken', async (_, body, namespace) => {
    const response = await send({
      method: 'POST',
      path: '/',
      headers: { ...form, host: new URL(lab.endpoint).host },
      body: body.replace('TOPIC', encodeURIComponent(topicArn)),
    });
    expect(response.status).toBe(403);
    expect(response.text).toMatch(
      new RegExp(
        `^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<ErrorResponse xmlns="http://${namespace.replaceAll('.', '\\.')}"><Error><Type>Sender</Type><Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message>`,
      ),
    );
    await labIsIntact();
  });

  it('an unsigned awsJson request gets coral’s MissingAuthenticationTokenException', async () => {
    const response = await send({
      method: 'POST',
      path: '/',
      headers: {
        host: new URL(lab.endpoint).host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Logs_20140328.DeleteLogGroup',
      },
      body: '{"logGroupName":"vault-audit"}',
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toEqual({
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token',
    });
    await labIsIntact();
  });
});

describe('what tools send still works', () => {
  it('a presigned query URL (X-Amz-Signature, no Authorization header) is served', async () => {
    const query = new URLSearchParams({
      Action: 'ListTopics',
      Version: '2010-03-31',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'test/20260115/us-east-1/sns/aws4_request',
      'X-Amz-Signature': '00',
    });
    const response = await send({
      method: 'GET',
      path: `/?${query}`,
      headers: { host: new URL(lab.endpoint).host },
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain(`<TopicArn>${topicArn}</TopicArn>`);
  });

  it('a same-origin JSON POST to /_lab is served (the lab’s own pages)', async () => {
    const host = new URL(lab.endpoint).host;
    const response = await send({
      method: 'POST',
      path: '/_lab/faults',
      headers: { host, origin: `http://${host}`, 'content-type': 'application/json' },
      body: '{"service":"logs","operation":"PutLogEvents","status":500,"count":1}',
    });
    expect(response.status).toBe(201);
    await lab.control('DELETE', '/_lab/faults');
  });
});

describe('a DNS-rebinding page (Host: evil.example) gets nothing', () => {
  it('GET /_lab/sns/messages (subscription-confirm tokens) is refused', async () => {
    const response = await send({
      method: 'GET',
      path: '/_lab/sns/messages',
      headers: { host: 'evil.example' },
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toEqual({
      error: expect.stringMatching(/^Host 'evil.example' is not allowed/),
    });
  });

  it('a signed DeleteAlarms is refused', async () => {
    const response = await send({
      method: 'POST',
      path: '/',
      headers: { ...form, host: 'evil.example', authorization: authHeader('monitoring') },
      body: 'Action=DeleteAlarms&Version=2010-08-01&AlarmNames.member.1=root-token-used',
    });
    expect(response.status).toBe(403);
    await labIsIntact();
  });

  it('the lab still answers its own names', async () => {
    const port = new URL(lab.endpoint).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const response = await send({ method: 'GET', path: '/_lab/health', headers: { host } });
      expect(response.status).toBe(200);
    }
  });
});
