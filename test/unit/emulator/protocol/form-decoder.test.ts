import { describe, expect, it } from 'vitest';
import { cloudwatchModel, snsModel, sqsModel } from '../../../../harness/emulator/models/index.ts';
import { decodeQueryInput } from '../../../../harness/emulator/protocol/query/form-decoder.ts';
import { SerializationException } from '../../../../harness/emulator/protocol/errors.ts';

const decode = (model: Parameters<typeof decodeQueryInput>[0], operation: string, body: string) =>
  decodeQueryInput(model, model.operations[operation]!.input, new URLSearchParams(body));

describe('awsQuery form decoding into the model tree', () => {
  it('decodes CloudWatch member lists, nested structures, doubles and ISO timestamps', () => {
    const input = decode(
      cloudwatchModel,
      'PutMetricData',
      'Action=PutMetricData&Version=2010-08-01&Namespace=NS&MetricData.member.1.MetricName=M' +
        '&MetricData.member.1.Timestamp=2023-11-14T22:13:20Z&MetricData.member.1.Unit=Count&MetricData.member.1.Value=1.5' +
        '&MetricData.member.1.Dimensions.member.1.Name=A&MetricData.member.1.Dimensions.member.1.Value=1' +
        '&MetricData.member.1.Dimensions.member.2.Name=B&MetricData.member.1.Dimensions.member.2.Value=2' +
        '&MetricData.member.1.Values.member.1=1&MetricData.member.1.Values.member.2=2e3',
    );
    expect(input).toEqual({
      Namespace: 'NS',
      MetricData: [
        {
          MetricName: 'M',
          Timestamp: new Date('2023-11-14T22:13:20Z'),
          Unit: 'Count',
          Value: 1.5,
          Values: [1, 2000],
          Dimensions: [
            { Name: 'A', Value: '1' },
            { Name: 'B', Value: '2' },
          ],
        },
      ],
    });
  });

  it('decodes integers, booleans and an explicitly empty list', () => {
    expect(
      decode(
        cloudwatchModel,
        'PutMetricAlarm',
        'AlarmName=a&EvaluationPeriods=3&ActionsEnabled=false&Threshold=1.0&ComparisonOperator=GreaterThanThreshold&AlarmActions=',
      ),
    ).toEqual({
      AlarmName: 'a',
      EvaluationPeriods: 3,
      ActionsEnabled: false,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [],
    });
    expect(decode(cloudwatchModel, 'EnableAlarmActions', 'AlarmNames=')).toEqual({ AlarmNames: [] });
  });

  it('decodes SNS entry maps, MessageAttributes with Name/Value, Tags and both space encodings', () => {
    expect(
      decode(
        snsModel,
        'CreateTopic',
        'Name=t&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=a+b%20c&Tags.member.1.Key=k&Tags.member.1.Value=v',
      ),
    ).toEqual({ Name: 't', Attributes: { DisplayName: 'a b c' }, Tags: [{ Key: 'k', Value: 'v' }] });
    expect(
      decode(
        snsModel,
        'Publish',
        'TopicArn=arn&Message=hi&MessageAttributes.entry.1.Name=a&MessageAttributes.entry.1.Value.DataType=String' +
          '&MessageAttributes.entry.1.Value.StringValue=b&MessageAttributes.entry.2.Name=bin' +
          '&MessageAttributes.entry.2.Value.DataType=Binary&MessageAttributes.entry.2.Value.BinaryValue=aGk%3D',
      ),
    ).toEqual({
      TopicArn: 'arn',
      Message: 'hi',
      MessageAttributes: {
        a: { DataType: 'String', StringValue: 'b' },
        bin: { DataType: 'Binary', BinaryValue: Buffer.from('hi') },
      },
    });
  });

  it('keeps a map key named __proto__ as an entry of the map', () => {
    const input = decode(
      snsModel,
      'CreateTopic',
      'Action=CreateTopic&Name=a&Attributes.entry.1.key=__proto__&Attributes.entry.1.value=x',
    ) as { Attributes: Record<string, string> };
    expect(Object.keys(input.Attributes)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(input.Attributes)).toBe(Object.prototype);
  });

  it('decodes SQS flattened lists and maps with their custom names', () => {
    expect(
      decode(
        sqsModel,
        'CreateQueue',
        'QueueName=q&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=10&Tag.1.Key=k&Tag.1.Value=v',
      ),
    ).toEqual({ QueueName: 'q', Attributes: { VisibilityTimeout: '10' }, tags: { k: 'v' } });
    expect(
      decode(
        sqsModel,
        'ReceiveMessage',
        'QueueUrl=u&AttributeName.1=All&MessageAttributeName.1=All&MessageSystemAttributeName.1=SentTimestamp&MaxNumberOfMessages=10',
      ),
    ).toEqual({
      QueueUrl: 'u',
      AttributeNames: ['All'],
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['SentTimestamp'],
      MaxNumberOfMessages: 10,
    });
    expect(
      decode(
        sqsModel,
        'SendMessage',
        'QueueUrl=u&MessageBody=hi&MessageAttribute.1.Name=a&MessageAttribute.1.Value.DataType=String' +
          '&MessageAttribute.1.Value.StringValue=b&MessageAttribute.2.Name=l&MessageAttribute.2.Value.DataType=String' +
          '&MessageAttribute.2.Value.StringListValue.1=x&MessageAttribute.2.Value.StringListValue.2=y',
      ),
    ).toEqual({
      QueueUrl: 'u',
      MessageBody: 'hi',
      MessageAttributes: {
        a: { DataType: 'String', StringValue: 'b' },
        l: { DataType: 'String', StringListValues: ['x', 'y'] },
      },
    });
    expect(
      decode(
        sqsModel,
        'SendMessageBatch',
        'QueueUrl=u&SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=x&SendMessageBatchRequestEntry.2.Id=b&SendMessageBatchRequestEntry.2.MessageBody=y',
      ),
    ).toEqual({
      QueueUrl: 'u',
      Entries: [
        { Id: 'a', MessageBody: 'x' },
        { Id: 'b', MessageBody: 'y' },
      ],
    });
  });

  it('keeps newer SDK members as free-form documents', () => {
    expect(
      decode(cloudwatchModel, 'PutMetricAlarm', 'AlarmName=a&EvaluationCriteria.PromQLCriteria.Query=up'),
    ).toEqual({
      AlarmName: 'a',
      EvaluationCriteria: { PromQLCriteria: { Query: 'up' } },
    });
  });

  it('refuses values of the wrong type with a SerializationException naming the parameter', () => {
    expect(() => decode(cloudwatchModel, 'DescribeAlarms', 'MaxRecords=ten')).toThrow(SerializationException);
    expect(() => decode(cloudwatchModel, 'DescribeAlarms', 'MaxRecords=ten')).toThrow(/MaxRecords/);
    expect(() => decode(cloudwatchModel, 'PutMetricAlarm', 'ActionsEnabled=yes')).toThrow(/boolean/);
    expect(() => decode(cloudwatchModel, 'GetMetricStatistics', 'StartTime=yesterday')).toThrow(/timestamp/);
  });
});
