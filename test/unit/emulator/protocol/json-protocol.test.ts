import { describe, expect, it } from 'vitest';
import { cloudwatchModel, logsModel, sqsModel } from '../../../../harness/emulator/models/index.ts';
import { AwsServiceError, SerializationException } from '../../../../harness/emulator/protocol/errors.ts';
import { decodeJsonInput } from '../../../../harness/emulator/protocol/json/json-input.ts';
import { encodeJsonOutput } from '../../../../harness/emulator/protocol/json/json-output.ts';
import {
  parseJsonBody,
  serializeJsonError,
} from '../../../../harness/emulator/protocol/json/json-protocol.ts';

describe('awsJson input', () => {
  it('turns epoch seconds (or ISO strings) into Dates and base64 into bytes', () => {
    const input = decodeJsonInput(cloudwatchModel, 'GetMetricStatisticsInput', {
      Namespace: 'NS',
      MetricName: 'M',
      StartTime: 1700000000.5,
      EndTime: '2023-11-14T23:13:20Z',
      Period: 60,
      Statistics: ['Sum'],
    });
    expect(input).toMatchObject({
      StartTime: new Date(1700000000500),
      EndTime: new Date('2023-11-14T23:13:20Z'),
    });
    const send = decodeJsonInput(sqsModel, 'SendMessageRequest', {
      QueueUrl: 'u',
      MessageBody: 'b',
      MessageAttributes: { bin: { DataType: 'Binary', BinaryValue: 'aGk=' } },
    }) as { MessageAttributes: { bin: { BinaryValue: Uint8Array } } };
    expect(Buffer.from(send.MessageAttributes.bin.BinaryValue).toString()).toBe('hi');
  });

  it('accepts AWS non-finite double strings, drops nulls and unknown members', () => {
    expect(
      decodeJsonInput(cloudwatchModel, 'PutMetricDataInput', {
        Namespace: 'NS',
        MetricData: [{ MetricName: 'M', Value: 'NaN', Unit: null, Bogus: 1 }],
        EntityMetricData: [{ Entity: {} }],
      }),
    ).toEqual({
      Namespace: 'NS',
      MetricData: [{ MetricName: 'M', Value: Number.NaN }],
      EntityMetricData: [{ Entity: {} }],
    });
  });

  it('keeps a map key named __proto__ as an entry of the map', () => {
    const input = decodeJsonInput(
      sqsModel,
      'CreateQueueRequest',
      JSON.parse('{"QueueName":"q","Attributes":{"__proto__":"x"}}'),
    ) as { Attributes: Record<string, string> };
    expect(Object.keys(input.Attributes)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(input.Attributes)).toBe(Object.prototype);
  });

  it('writes a map key named __proto__ as an entry of the map', () => {
    const tags = Object.fromEntries([['__proto__', 'x']]);
    const out = encodeJsonOutput(logsModel, 'ListTagsLogGroupResponse', { tags });
    expect(JSON.stringify(out)).toBe('{"tags":{"__proto__":"x"}}');
  });

  it('refuses wrong types with a SerializationException that names the member', () => {
    expect(() => decodeJsonInput(logsModel, 'DescribeLogGroupsRequest', { limit: 'ten' })).toThrow(
      SerializationException,
    );
    expect(() => decodeJsonInput(logsModel, 'DescribeLogGroupsRequest', { limit: 1.5 })).toThrow(
      /an integer at 'limit'/,
    );
    expect(() =>
      decodeJsonInput(logsModel, 'PutLogEventsRequest', { logEvents: [{ timestamp: 1, message: 5 }] }),
    ).toThrow(/a string at 'logEvents\[0\]\.message'/);
    expect(() => decodeJsonInput(logsModel, 'DescribeLogGroupsRequest', [])).toThrow(/an object/);
    expect(() => parseJsonBody(Buffer.from('{"a":'))).toThrow(SerializationException);
    expect(parseJsonBody(Buffer.from(''))).toEqual({});
  });
});

describe('awsJson output', () => {
  it('writes Dates as epoch seconds, omits unset members and passes unknown ones through', () => {
    expect(
      encodeJsonOutput(cloudwatchModel, 'DescribeAlarmsOutput', {
        MetricAlarms: [
          {
            AlarmName: 'a',
            StateUpdatedTimestamp: new Date(1700000000123),
            Threshold: Number.POSITIVE_INFINITY,
            Unit: undefined,
          },
        ],
        Extra: { kept: true },
      }),
    ).toEqual({
      MetricAlarms: [{ AlarmName: 'a', StateUpdatedTimestamp: 1700000000.123, Threshold: 'Infinity' }],
      Extra: { kept: true },
    });
    expect(encodeJsonOutput(logsModel, undefined, undefined)).toEqual({});
  });
});

describe('awsJson errors', () => {
  const options = { requestId: 'rid', queryCompatible: false, queryMode: false } as const;

  it('JSON 1.1 (Logs): bare __type, lower-case message, 400', () => {
    const response = serializeJsonError(
      new AwsServiceError('ResourceNotFoundException', 'The specified log group does not exist.'),
      {
        ...options,
        version: '1.1',
      },
    );
    expect(response.status).toBe(400);
    expect(response.headers).toMatchObject({
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': 'rid',
    });
    expect(JSON.parse(response.body as string)).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
  });

  it('JSON 1.0 query-compatible (CloudWatch): namespaced __type, x-amzn-query-error, modelled status only in query mode', () => {
    const error = new AwsServiceError('ResourceNotFound', '', { httpStatus: 404, omitMessage: true });
    const base = {
      version: '1.0',
      requestId: 'rid',
      queryCompatible: true,
      errorNamespace: 'com.amazonaws.cloudwatch.v2010_08_01',
    } as const;
    const queryMode = serializeJsonError(error, { ...base, queryMode: true });
    expect(queryMode.status).toBe(404);
    expect(queryMode.headers['x-amzn-query-error']).toBe('ResourceNotFound;Sender');
    expect(JSON.parse(queryMode.body as string)).toEqual({
      __type: 'com.amazonaws.cloudwatch.v2010_08_01#ResourceNotFound',
    });
    expect(serializeJsonError(error, { ...base, queryMode: false }).status).toBe(400);
    const validation = serializeJsonError(
      new AwsServiceError('ValidationException', 'm', {
        queryCode: 'ValidationError',
        jsonType: 'com.amazon.coral.validate#ValidationException',
      }),
      { ...base, queryMode: true },
    );
    expect(JSON.parse(validation.body as string).__type).toBe(
      'com.amazon.coral.validate#ValidationException',
    );
    expect(validation.headers['x-amzn-query-error']).toBe('ValidationError;Sender');
  });

  it('server faults keep their 5xx status and say Receiver', () => {
    const response = serializeJsonError(
      new AwsServiceError('ServiceUnavailableException', 'x', { httpStatus: 503 }),
      {
        ...options,
        version: '1.0',
        queryCompatible: true,
      },
    );
    expect(response.status).toBe(503);
    expect(response.headers['x-amzn-query-error']).toBe('ServiceUnavailableException;Receiver');
  });
});
