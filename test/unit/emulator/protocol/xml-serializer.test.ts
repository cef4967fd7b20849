import { describe, expect, it } from 'vitest';
import { cloudwatchModel, snsModel, sqsModel } from '../../../../harness/emulator/models/index.ts';
import { AwsServiceError } from '../../../../harness/emulator/protocol/errors.ts';
import {
  serializeQueryError,
  serializeQueryResponse,
} from '../../../../harness/emulator/protocol/query/query-protocol.ts';
import {
  escapeXml,
  serializeXmlMembers,
} from '../../../../harness/emulator/protocol/query/xml-serializer.ts';

const members = (model: Parameters<typeof serializeXmlMembers>[0], operation: string, output: unknown) =>
  serializeXmlMembers(model, model.operations[operation]!.output, output);

describe('awsQuery XML output', () => {
  it('writes member lists, empty lists, Java-style doubles and ISO timestamps', () => {
    expect(
      members(cloudwatchModel, 'DescribeAlarms', {
        MetricAlarms: [
          {
            AlarmName: 'a',
            OKActions: [],
            AlarmActions: ['arn:1', 'arn:2'],
            Threshold: 1,
            EvaluationPeriods: 2,
            ActionsEnabled: true,
            StateUpdatedTimestamp: new Date('2023-11-14T22:13:20.123Z'),
            AlarmConfigurationUpdatedTimestamp: new Date('2023-11-14T22:13:20.000Z'),
          },
        ],
        CompositeAlarms: [],
      }),
    ).toBe(
      '<CompositeAlarms/><MetricAlarms><member><AlarmName>a</AlarmName><AlarmConfigurationUpdatedTimestamp>2023-11-14T22:13:20Z</AlarmConfigurationUpdatedTimestamp>' +
        '<ActionsEnabled>true</ActionsEnabled><OKActions/><AlarmActions><member>arn:1</member><member>arn:2</member></AlarmActions>' +
        '<StateUpdatedTimestamp>2023-11-14T22:13:20.123Z</StateUpdatedTimestamp><EvaluationPeriods>2</EvaluationPeriods><Threshold>1.0</Threshold></member></MetricAlarms>',
    );
  });

  it('writes entry maps and escapes &, <, >, " and \\r', () => {
    expect(members(snsModel, 'GetTopicAttributes', { Attributes: { DisplayName: 'a&b<c>"d"\r\n' } })).toBe(
      '<Attributes><entry><key>DisplayName</key><value>a&amp;b&lt;c&gt;&quot;d&quot;&#xD;\n</value></entry></Attributes>',
    );
    expect(escapeXml('\r\n')).toBe('&#xD;\n');
  });

  it('writes SQS flattened lists and maps as repeated elements', () => {
    expect(
      members(sqsModel, 'ReceiveMessage', {
        Messages: [
          {
            MessageId: 'm',
            Body: 'hi',
            Attributes: { SentTimestamp: '1700000000000' },
            MessageAttributes: { a: { DataType: 'String', StringValue: 'b' } },
          },
        ],
      }),
    ).toBe(
      '<Message><MessageId>m</MessageId><Body>hi</Body><Attribute><Name>SentTimestamp</Name><Value>1700000000000</Value></Attribute>' +
        '<MessageAttribute><Name>a</Name><Value><StringValue>b</StringValue><DataType>String</DataType></Value></MessageAttribute></Message>',
    );
    expect(members(sqsModel, 'ListQueues', { QueueUrls: ['u1', 'u2'] })).toBe(
      '<QueueUrl>u1</QueueUrl><QueueUrl>u2</QueueUrl>',
    );
  });

  it('always writes <OpResult> for operations with output and only metadata for those without', () => {
    const withOutput = serializeQueryResponse(
      snsModel,
      'ListTopics',
      'ListTopicsResponse',
      'ListTopicsResult',
      {},
      'rid',
    );
    expect(withOutput.status).toBe(200);
    expect(withOutput.headers['content-type']).toBe('text/xml');
    expect(withOutput.body).toContain(
      '<ListTopicsResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ListTopicsResult></ListTopicsResult><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></ListTopicsResponse>',
    );
    const noOutput = serializeQueryResponse(snsModel, 'DeleteTopic', undefined, undefined, undefined, 'rid');
    expect(noOutput.body).toContain(
      '<DeleteTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ResponseMetadata>',
    );
    expect(noOutput.body).not.toContain('DeleteTopicResult');
  });

  it('writes ErrorResponse with the query code, never with a 2xx status', () => {
    const sqs = serializeQueryError(
      new AwsServiceError('QueueDoesNotExist', 'The specified queue does not exist.', {
        queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
        queryMessage: 'The specified queue does not exist for this wsdl version.',
      }),
      sqsModel,
      'rid',
    );
    expect(sqs.status).toBe(400);
    expect(sqs.body).toContain(
      '<Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>The specified queue does not exist for this wsdl version.</Message><Detail/></Error><RequestId>rid</RequestId>',
    );
    const cw = serializeQueryError(
      new AwsServiceError('ResourceNotFound', '', { httpStatus: 404, omitMessage: true }),
      cloudwatchModel,
      'rid',
    );
    expect(cw.status).toBe(404);
    expect(cw.body).toContain('<Error><Type>Sender</Type><Code>ResourceNotFound</Code></Error>');
    const server = serializeQueryError(
      new AwsServiceError('InternalError', 'boom', { httpStatus: 500 }),
      snsModel,
      'rid',
    );
    expect(server.body).toContain('<Type>Receiver</Type>');
  });
});
