// GENERATED FILE, do not edit.
// Source: /usr/lib/python3/dist-packages/awscli/botocore/data/sqs/2012-11-05/service-2.json (Debian awscli 2.9.19, vendored botocore),
// the operations the emulator implements, plus the newer SDK v3 members of aws-protocols.md Appendix C
// (shapes named Lab*) and the SDK v3 awsJson settings of §1.
// Regenerate: node bin/run-ts.js scripts/generate-aws-models.ts
import type { ServiceModel } from './types.ts';

/** The operations the emulator implements: the service's handler table has exactly these. */
export type SqsOperation =
  | 'CreateQueue'
  | 'GetQueueUrl'
  | 'ListQueues'
  | 'GetQueueAttributes'
  | 'SetQueueAttributes'
  | 'SendMessage'
  | 'SendMessageBatch'
  | 'ReceiveMessage'
  | 'DeleteMessage'
  | 'DeleteMessageBatch'
  | 'ChangeMessageVisibility'
  | 'ChangeMessageVisibilityBatch'
  | 'PurgeQueue'
  | 'DeleteQueue'
  | 'TagQueue'
  | 'UntagQueue'
  | 'ListQueueTags';

export const sqsModel: ServiceModel<SqsOperation> = {
  name: 'sqs',
  signingName: 'sqs',
  serviceId: 'SQS',
  apiVersion: '2012-11-05',
  json: {
    version: '1.0',
    targetPrefix: 'AmazonSQS',
    queryCompatible: true,
    errorNamespace: 'com.amazonaws.sqs',
  },
  query: { version: '2012-11-05', xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/' },
  operations: {
    CreateQueue: {
      input: 'CreateQueueRequest',
      output: 'CreateQueueResult',
      resultWrapper: 'CreateQueueResult',
      errors: ['QueueDeletedRecently', 'QueueNameExists'],
    },
    GetQueueUrl: {
      input: 'GetQueueUrlRequest',
      output: 'GetQueueUrlResult',
      resultWrapper: 'GetQueueUrlResult',
      errors: ['QueueDoesNotExist'],
    },
    ListQueues: {
      input: 'ListQueuesRequest',
      output: 'ListQueuesResult',
      resultWrapper: 'ListQueuesResult',
      errors: [],
    },
    GetQueueAttributes: {
      input: 'GetQueueAttributesRequest',
      output: 'GetQueueAttributesResult',
      resultWrapper: 'GetQueueAttributesResult',
      errors: ['InvalidAttributeName'],
    },
    SetQueueAttributes: { input: 'SetQueueAttributesRequest', errors: ['InvalidAttributeName'] },
    SendMessage: {
      input: 'SendMessageRequest',
      output: 'SendMessageResult',
      resultWrapper: 'SendMessageResult',
      errors: ['InvalidMessageContents', 'UnsupportedOperation'],
    },
    SendMessageBatch: {
      input: 'SendMessageBatchRequest',
      output: 'SendMessageBatchResult',
      resultWrapper: 'SendMessageBatchResult',
      errors: [
        'TooManyEntriesInBatchRequest',
        'EmptyBatchRequest',
        'BatchEntryIdsNotDistinct',
        'BatchRequestTooLong',
        'InvalidBatchEntryId',
        'UnsupportedOperation',
      ],
    },
    ReceiveMessage: {
      input: 'ReceiveMessageRequest',
      output: 'ReceiveMessageResult',
      resultWrapper: 'ReceiveMessageResult',
      errors: ['OverLimit'],
    },
    DeleteMessage: { input: 'DeleteMessageRequest', errors: ['InvalidIdFormat', 'ReceiptHandleIsInvalid'] },
    DeleteMessageBatch: {
      input: 'DeleteMessageBatchRequest',
      output: 'DeleteMessageBatchResult',
      resultWrapper: 'DeleteMessageBatchResult',
      errors: [
        'TooManyEntriesInBatchRequest',
        'EmptyBatchRequest',
        'BatchEntryIdsNotDistinct',
        'InvalidBatchEntryId',
      ],
    },
    ChangeMessageVisibility: {
      input: 'ChangeMessageVisibilityRequest',
      errors: ['MessageNotInflight', 'ReceiptHandleIsInvalid'],
    },
    ChangeMessageVisibilityBatch: {
      input: 'ChangeMessageVisibilityBatchRequest',
      output: 'ChangeMessageVisibilityBatchResult',
      resultWrapper: 'ChangeMessageVisibilityBatchResult',
      errors: [
        'TooManyEntriesInBatchRequest',
        'EmptyBatchRequest',
        'BatchEntryIdsNotDistinct',
        'InvalidBatchEntryId',
      ],
    },
    PurgeQueue: { input: 'PurgeQueueRequest', errors: ['QueueDoesNotExist', 'PurgeQueueInProgress'] },
    DeleteQueue: { input: 'DeleteQueueRequest', errors: [] },
    TagQueue: { input: 'TagQueueRequest', errors: [] },
    UntagQueue: { input: 'UntagQueueRequest', errors: [] },
    ListQueueTags: {
      input: 'ListQueueTagsRequest',
      output: 'ListQueueTagsResult',
      resultWrapper: 'ListQueueTagsResult',
      errors: [],
    },
  },
  otherOperations: ['AddPermission', 'ListDeadLetterSourceQueues', 'RemovePermission'],
  shapes: {
    AttributeNameList: {
      type: 'list',
      member: { shape: 'QueueAttributeName', locationName: 'AttributeName' },
      flattened: true,
    },
    BatchEntryIdsNotDistinct: {
      type: 'structure',
      members: {},
      error: {
        code: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
        httpStatusCode: 400,
        senderFault: true,
      },
      exception: true,
    },
    BatchRequestTooLong: {
      type: 'structure',
      members: {},
      error: { code: 'AWS.SimpleQueueService.BatchRequestTooLong', httpStatusCode: 400, senderFault: true },
      exception: true,
    },
    BatchResultErrorEntry: {
      type: 'structure',
      members: {
        Id: { shape: 'String' },
        SenderFault: { shape: 'Boolean' },
        Code: { shape: 'String' },
        Message: { shape: 'String' },
      },
      required: ['Id', 'SenderFault', 'Code'],
    },
    BatchResultErrorEntryList: {
      type: 'list',
      member: { shape: 'BatchResultErrorEntry', locationName: 'BatchResultErrorEntry' },
      flattened: true,
    },
    Binary: { type: 'blob' },
    BinaryList: { type: 'list', member: { shape: 'Binary', locationName: 'BinaryListValue' } },
    Boolean: { type: 'boolean' },
    BoxedInteger: { type: 'integer' },
    ChangeMessageVisibilityBatchRequest: {
      type: 'structure',
      members: {
        QueueUrl: { shape: 'String' },
        Entries: { shape: 'ChangeMessageVisibilityBatchRequestEntryList' },
      },
      required: ['QueueUrl', 'Entries'],
    },
    ChangeMessageVisibilityBatchRequestEntry: {
      type: 'structure',
      members: {
        Id: { shape: 'String' },
        ReceiptHandle: { shape: 'String' },
        VisibilityTimeout: { shape: 'Integer' },
      },
      required: ['Id', 'ReceiptHandle'],
    },
    ChangeMessageVisibilityBatchRequestEntryList: {
      type: 'list',
      member: {
        shape: 'ChangeMessageVisibilityBatchRequestEntry',
        locationName: 'ChangeMessageVisibilityBatchRequestEntry',
      },
      flattened: true,
    },
    ChangeMessageVisibilityBatchResult: {
      type: 'structure',
      members: {
        Successful: { shape: 'ChangeMessageVisibilityBatchResultEntryList' },
        Failed: { shape: 'BatchResultErrorEntryList' },
      },
      required: ['Successful', 'Failed'],
    },
    ChangeMessageVisibilityBatchResultEntry: {
      type: 'structure',
      members: { Id: { shape: 'String' } },
      required: ['Id'],
    },
    ChangeMessageVisibilityBatchResultEntryList: {
      type: 'list',
      member: {
        shape: 'ChangeMessageVisibilityBatchResultEntry',
        locationName: 'ChangeMessageVisibilityBatchResultEntry',
      },
      flattened: true,
    },
    ChangeMessageVisibilityRequest: {
      type: 'structure',
      members: {
        QueueUrl: { shape: 'String' },
        ReceiptHandle: { shape: 'String' },
        VisibilityTimeout: { shape: 'Integer' },
      },
      required: ['QueueUrl', 'ReceiptHandle', 'VisibilityTimeout'],
    },
    CreateQueueRequest: {
      type: 'structure',
      members: {
        QueueName: { shape: 'String' },
        Attributes: { shape: 'QueueAttributeMap', locationName: 'Attribute' },
        tags: { shape: 'TagMap', locationName: 'Tag' },
      },
      required: ['QueueName'],
    },
    CreateQueueResult: { type: 'structure', members: { QueueUrl: { shape: 'String' } } },
    DeleteMessageBatchRequest: {
      type: 'structure',
      members: { QueueUrl: { shape: 'String' }, Entries: { shape: 'DeleteMessageBatchRequestEntryList' } },
      required: ['QueueUrl', 'Entries'],
    },
    DeleteMessageBatchRequestEntry: {
      type: 'structure',
      members: { Id: { shape: 'String' }, ReceiptHandle: { shape: 'String' } },
      required: ['Id', 'ReceiptHandle'],
    },
    DeleteMessageBatchRequestEntryList: {
      type: 'list',
      member: { shape: 'DeleteMessageBatchRequestEntry', locationName: 'DeleteMessageBatchRequestEntry' },
      flattened: true,
    },
    DeleteMessageBatchResult: {
      type: 'structure',
      members: {
        Successful: { shape: 'DeleteMessageBatchResultEntryList' },
        Failed: { shape: 'BatchResultErrorEntryList' },
      },
      required: ['Successful', 'Failed'],
    },
    DeleteMessageBatchResultEntry: {
      type: 'structure',
      members: { Id: { shape: 'String' } },
      required: ['Id'],
    },
    DeleteMessageBatchResultEntryList: {
      type: 'list',
      member: { shape: 'DeleteMessageBatchResultEntry', locationName: 'DeleteMessageBatchResultEntry' },
      flattened: true,
    },
    DeleteMessageRequest: {
      type: 'structure',
      members: { QueueUrl: { shape: 'String' }, ReceiptHandle: { shape: 'String' } },
      required: ['QueueUrl', 'ReceiptHandle'],
    },
    DeleteQueueRequest: {
      type: 'structure',
      members: { QueueUrl: { shape: 'String' } },
      required: ['QueueUrl'],
    },
    EmptyBatchRequest: {
      type: 'structure',
      members: {},
      error: { code: 'AWS.SimpleQueueService.EmptyBatchRequest', httpStatusCode: 400, senderFault: true },
      exception: true,
    },
    GetQueueAttributesRequest: {
      type: 'structure',
      members: { QueueUrl: { shape: 'String' }, AttributeNames: { shape: 'AttributeNameList' } },
      required: ['QueueUrl'],
    },
    GetQueueAttributesResult: {
      type: 'structure',
      members: { Attributes: { shape: 'QueueAttributeMap', locationName: 'Attribute' } },
    },
    GetQueueUrlRequest: {
      type: 'structure',
      members: { QueueName: { shape: 'String' }, QueueOwnerAWSAccountId: { shape: 'String' } },
      required: ['QueueName'],
    },
    GetQueueUrlResult: { type: 'structure', members: { QueueUrl: { shape: 'String' } } },
    Integer: { type: 'integer' },
    InvalidAttributeName: { type: 'structure', members: {}, exception: true },
    InvalidBatchEntryId: {
      type: 'structure',
      members: {},
      error: { code: 'AWS.SimpleQueueService.InvalidBatchEntryId', httpStatusCode: 400, senderFault: true },
      exception: true,
    },
    InvalidIdFormat: { type: 'structure', members: {}, exception: true },
    InvalidMessageContents: { type: 'structure', members: {}, exception: true },
    LabMessageSystemAttributeNames: {
      type: 'list',
      member: { shape: 'LabString', locationName: 'MessageSystemAttributeName' },
      flattened: true,
    },
    LabString: { type: 'string' },
    ListQueuesRequest: {
      type: 'structure',
      members: {
        QueueNamePrefix: { shape: 'String' },
        NextToken: { shape: 'Token' },
        MaxResults: { shape: 'BoxedInteger' },
      },
    },
    ListQueuesResult: {
      type: 'structure',
      members: { QueueUrls: { shape: 'QueueUrlList' }, NextToken: { shape: 'Token' } },
    },
    ListQueueTagsRequest: {
      type: 'structure',
      members: { QueueUrl: { shape: 'String' } },
      required: ['QueueUrl'],
    },
    ListQueueTagsResult: { type: 'structure', members: { Tags: { shape: 'TagMap', locationName: 'Tag' } } },
    Message: {
      type: 'structure',
      members: {
        MessageId: { shape: 'String' },
        ReceiptHandle: { shape: 'String' },
        MD5OfBody: { shape: 'String' },
        Body: { shape: 'String' },
        Attributes: { shape: 'MessageSystemAttributeMap', locationName: 'Attribute' },
        MD5OfMessageAttributes: { shape: 'String' },
        MessageAttributes: { shape: 'MessageBodyAttributeMap', locationName: 'MessageAttribute' },
      },
    },
    MessageAttributeName: { type: 'string' },
    MessageAttributeNameList: {
      type: 'list',
      member: { shape: 'MessageAttributeName', locationName: 'MessageAttributeName' },
      flattened: true,
    },
    MessageAttributeValue: {
      type: 'structure',
      members: {
        StringValue: { shape: 'String' },
        BinaryValue: { shape: 'Binary' },
        StringListValues: { shape: 'StringList', locationName: 'StringListValue', flattened: true },
        BinaryListValues: { shape: 'BinaryList', locationName: 'BinaryListValue', flattened: true },
        DataType: { shape: 'String' },
      },
      required: ['DataType'],
    },
    MessageBodyAttributeMap: {
      type: 'map',
      key: { shape: 'String', locationName: 'Name' },
      value: { shape: 'MessageAttributeValue', locationName: 'Value' },
      flattened: true,
    },
    MessageBodySystemAttributeMap: {
      type: 'map',
      key: { shape: 'MessageSystemAttributeNameForSends', locationName: 'Name' },
      value: { shape: 'MessageSystemAttributeValue', locationName: 'Value' },
      flattened: true,
    },
    MessageList: { type: 'list', member: { shape: 'Message', locationName: 'Message' }, flattened: true },
    MessageNotInflight: {
      type: 'structure',
      members: {},
      error: { code: 'AWS.SimpleQueueService.MessageNotInflight', httpStatusCode: 400, senderFault: true },
      exception: true,
    },
    MessageSystemAttributeMap: {
      type: 'map',
      key: { shape: 'MessageSystemAttributeName', locationName: 'Name' },
      value: { shape: 'String', locationName: 'Value' },
      flattened: true,
    },
    MessageSystemAttributeName: {
      type: 'string',
      enum: [
        'SenderId',
        'SentTimestamp',
        'ApproximateReceiveCount',
        'ApproximateFirstReceiveTimestamp',
        'SequenceNumber',
        'MessageDeduplicationId',
        'MessageGroupId',
        'AWSTraceHeader',
      ],
    },
    MessageSystemAttributeNameForSends: { type: 'string', enum: ['AWSTraceHeader'] },
    MessageSystemAttributeValue: {
      type: 'structure',
      members: {
        StringValue: { shape: 'String' },
        BinaryValue: { shape: 'Binary' },
        StringListValues: { shape: 'StringList', locationName: 'StringListValue', flattened: true },
        BinaryListValues: { shape: 'BinaryList', locationName: 'BinaryListValue', flattened: true },
        DataType: { shape: 'String' },
      },
      required: ['DataType'],
    },
    OverLimit: {
      type: 'structure',
      members: {},
      error: { code: 'OverLimit', httpStatusCode: 403, senderFault: true },
      exception: true,
    },
    PurgeQueueInProgress: {
      type: 'structure',
      members: {},
      error: { code: 'AWS.SimpleQueueService.PurgeQueueInProgress', httpStatusCode: 403, senderFault: true },
      exception: true,
    },
    PurgeQueueRequest: {
      type: 'structure',
      members: { QueueUrl: { shape: 'String' } },
      required: ['QueueUrl'],
    },
    QueueAttributeMap: {
      type: 'map',
      key: { shape: 'QueueAttributeName', locationName: 'Name' },
      value: { shape: 'String', locationName: 'Value' },
      flattened: true,
    },
    QueueAttributeName: {
      type: 'string',
      enum: [
        'All',
        'Policy',
        'VisibilityTimeout',
        'MaximumMessageSize',
        'MessageRetentionPeriod',
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'CreatedTimestamp',
        'LastModifiedTimestamp',
        'QueueArn',
        'ApproximateNumberOfMessagesDelayed',
        'DelaySeconds',
        'ReceiveMessageWaitTimeSeconds',
        'RedrivePolicy',
        'FifoQueue',
        'ContentBasedDeduplication',
        'KmsMasterKeyId',
        'KmsDataKeyReusePeriodSeconds',
        'DeduplicationScope',
        'FifoThroughputLimit',
        'RedriveAllowPolicy',
        'SqsManagedSseEnabled',
      ],
    },
    QueueDeletedRecently: {
      type: 'structure',
      members: {},
      error: { code: 'AWS.SimpleQueueService.QueueDeletedRecently', httpStatusCode: 400, senderFault: true },
      exception: true,
    },
    QueueDoesNotExist: {
      type: 'structure',
      members: {},
      error: { code: 'AWS.SimpleQueueService.NonExistentQueue', httpStatusCode: 400, senderFault: true },
      exception: true,
    },
    QueueNameExists: {
      type: 'structure',
      members: {},
      error: { code: 'QueueAlreadyExists', httpStatusCode: 400, senderFault: true },
      exception: true,
    },
    QueueUrlList: { type: 'list', member: { shape: 'String', locationName: 'QueueUrl' }, flattened: true },
    ReceiptHandleIsInvalid: { type: 'structure', members: {}, exception: true },
    ReceiveMessageRequest: {
      type: 'structure',
      members: {
        QueueUrl: { shape: 'String' },
        AttributeNames: { shape: 'AttributeNameList' },
        MessageAttributeNames: { shape: 'MessageAttributeNameList' },
        MaxNumberOfMessages: { shape: 'Integer' },
        VisibilityTimeout: { shape: 'Integer' },
        WaitTimeSeconds: { shape: 'Integer' },
        ReceiveRequestAttemptId: { shape: 'String' },
        MessageSystemAttributeNames: { shape: 'LabMessageSystemAttributeNames' },
      },
      required: ['QueueUrl'],
    },
    ReceiveMessageResult: { type: 'structure', members: { Messages: { shape: 'MessageList' } } },
    SendMessageBatchRequest: {
      type: 'structure',
      members: { QueueUrl: { shape: 'String' }, Entries: { shape: 'SendMessageBatchRequestEntryList' } },
      required: ['QueueUrl', 'Entries'],
    },
    SendMessageBatchRequestEntry: {
      type: 'structure',
      members: {
        Id: { shape: 'String' },
        MessageBody: { shape: 'String' },
        DelaySeconds: { shape: 'Integer' },
        MessageAttributes: { shape: 'MessageBodyAttributeMap', locationName: 'MessageAttribute' },
        MessageSystemAttributes: {
          shape: 'MessageBodySystemAttributeMap',
          locationName: 'MessageSystemAttribute',
        },
        MessageDeduplicationId: { shape: 'String' },
        MessageGroupId: { shape: 'String' },
      },
      required: ['Id', 'MessageBody'],
    },
    SendMessageBatchRequestEntryList: {
      type: 'list',
      member: { shape: 'SendMessageBatchRequestEntry', locationName: 'SendMessageBatchRequestEntry' },
      flattened: true,
    },
    SendMessageBatchResult: {
      type: 'structure',
      members: {
        Successful: { shape: 'SendMessageBatchResultEntryList' },
        Failed: { shape: 'BatchResultErrorEntryList' },
      },
      required: ['Successful', 'Failed'],
    },
    SendMessageBatchResultEntry: {
      type: 'structure',
      members: {
        Id: { shape: 'String' },
        MessageId: { shape: 'String' },
        MD5OfMessageBody: { shape: 'String' },
        MD5OfMessageAttributes: { shape: 'String' },
        MD5OfMessageSystemAttributes: { shape: 'String' },
        SequenceNumber: { shape: 'String' },
      },
      required: ['Id', 'MessageId', 'MD5OfMessageBody'],
    },
    SendMessageBatchResultEntryList: {
      type: 'list',
      member: { shape: 'SendMessageBatchResultEntry', locationName: 'SendMessageBatchResultEntry' },
      flattened: true,
    },
    SendMessageRequest: {
      type: 'structure',
      members: {
        QueueUrl: { shape: 'String' },
        MessageBody: { shape: 'String' },
        DelaySeconds: { shape: 'Integer' },
        MessageAttributes: { shape: 'MessageBodyAttributeMap', locationName: 'MessageAttribute' },
        MessageSystemAttributes: {
          shape: 'MessageBodySystemAttributeMap',
          locationName: 'MessageSystemAttribute',
        },
        MessageDeduplicationId: { shape: 'String' },
        MessageGroupId: { shape: 'String' },
      },
      required: ['QueueUrl', 'MessageBody'],
    },
    SendMessageResult: {
      type: 'structure',
      members: {
        MD5OfMessageBody: { shape: 'String' },
        MD5OfMessageAttributes: { shape: 'String' },
        MD5OfMessageSystemAttributes: { shape: 'String' },
        MessageId: { shape: 'String' },
        SequenceNumber: { shape: 'String' },
      },
    },
    SetQueueAttributesRequest: {
      type: 'structure',
      members: {
        QueueUrl: { shape: 'String' },
        Attributes: { shape: 'QueueAttributeMap', locationName: 'Attribute' },
      },
      required: ['QueueUrl', 'Attributes'],
    },
    String: { type: 'string' },
    StringList: { type: 'list', member: { shape: 'String', locationName: 'StringListValue' } },
    TagKey: { type: 'string' },
    TagKeyList: { type: 'list', member: { shape: 'TagKey', locationName: 'TagKey' }, flattened: true },
    TagMap: {
      type: 'map',
      key: { shape: 'TagKey', locationName: 'Key' },
      value: { shape: 'TagValue', locationName: 'Value' },
      flattened: true,
    },
    TagQueueRequest: {
      type: 'structure',
      members: { QueueUrl: { shape: 'String' }, Tags: { shape: 'TagMap' } },
      required: ['QueueUrl', 'Tags'],
    },
    TagValue: { type: 'string' },
    Token: { type: 'string' },
    TooManyEntriesInBatchRequest: {
      type: 'structure',
      members: {},
      error: {
        code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
        httpStatusCode: 400,
        senderFault: true,
      },
      exception: true,
    },
    UnsupportedOperation: {
      type: 'structure',
      members: {},
      error: { code: 'AWS.SimpleQueueService.UnsupportedOperation', httpStatusCode: 400, senderFault: true },
      exception: true,
    },
    UntagQueueRequest: {
      type: 'structure',
      members: { QueueUrl: { shape: 'String' }, TagKeys: { shape: 'TagKeyList' } },
      required: ['QueueUrl', 'TagKeys'],
    },
  },
};
