// GENERATED FILE, do not edit.
// Source: /usr/lib/python3/dist-packages/awscli/botocore/data/logs/2014-03-28/service-2.json (Debian awscli 2.9.19, vendored botocore),
// the operations the emulator implements, plus the newer SDK v3 members of aws-protocols.md Appendix C
// (shapes named Lab*) and the SDK v3 awsJson settings of §1.
// Regenerate: node bin/run-ts.js scripts/generate-aws-models.ts
import { STANDARD_UNITS } from '../../filter-pattern/standard-unit.ts';
import type { ServiceModel } from './types.ts';

/** The operations the emulator implements: the service's handler table has exactly these. */
export type LogsOperation =
  | 'CreateLogGroup'
  | 'DeleteLogGroup'
  | 'DescribeLogGroups'
  | 'CreateLogStream'
  | 'DeleteLogStream'
  | 'DescribeLogStreams'
  | 'PutLogEvents'
  | 'GetLogEvents'
  | 'FilterLogEvents'
  | 'PutMetricFilter'
  | 'DescribeMetricFilters'
  | 'DeleteMetricFilter'
  | 'TestMetricFilter'
  | 'PutRetentionPolicy'
  | 'DeleteRetentionPolicy'
  | 'TagResource'
  | 'UntagResource'
  | 'ListTagsForResource'
  | 'TagLogGroup'
  | 'UntagLogGroup'
  | 'ListTagsLogGroup';

export const logsModel: ServiceModel<LogsOperation> = {
  name: 'logs',
  signingName: 'logs',
  serviceId: 'CloudWatch Logs',
  apiVersion: '2014-03-28',
  json: { version: '1.1', targetPrefix: 'Logs_20140328', queryCompatible: false },
  operations: {
    CreateLogGroup: {
      input: 'CreateLogGroupRequest',
      errors: [
        'InvalidParameterException',
        'ResourceAlreadyExistsException',
        'LimitExceededException',
        'OperationAbortedException',
        'ServiceUnavailableException',
      ],
    },
    DeleteLogGroup: {
      input: 'DeleteLogGroupRequest',
      errors: [
        'InvalidParameterException',
        'ResourceNotFoundException',
        'OperationAbortedException',
        'ServiceUnavailableException',
      ],
    },
    DescribeLogGroups: {
      input: 'DescribeLogGroupsRequest',
      output: 'DescribeLogGroupsResponse',
      errors: ['InvalidParameterException', 'ServiceUnavailableException'],
    },
    CreateLogStream: {
      input: 'CreateLogStreamRequest',
      errors: [
        'InvalidParameterException',
        'ResourceAlreadyExistsException',
        'ResourceNotFoundException',
        'ServiceUnavailableException',
      ],
    },
    DeleteLogStream: {
      input: 'DeleteLogStreamRequest',
      errors: [
        'InvalidParameterException',
        'ResourceNotFoundException',
        'OperationAbortedException',
        'ServiceUnavailableException',
      ],
    },
    DescribeLogStreams: {
      input: 'DescribeLogStreamsRequest',
      output: 'DescribeLogStreamsResponse',
      errors: ['InvalidParameterException', 'ResourceNotFoundException', 'ServiceUnavailableException'],
    },
    PutLogEvents: {
      input: 'PutLogEventsRequest',
      output: 'PutLogEventsResponse',
      errors: [
        'InvalidParameterException',
        'InvalidSequenceTokenException',
        'DataAlreadyAcceptedException',
        'ResourceNotFoundException',
        'ServiceUnavailableException',
        'UnrecognizedClientException',
      ],
    },
    GetLogEvents: {
      input: 'GetLogEventsRequest',
      output: 'GetLogEventsResponse',
      errors: ['InvalidParameterException', 'ResourceNotFoundException', 'ServiceUnavailableException'],
    },
    FilterLogEvents: {
      input: 'FilterLogEventsRequest',
      output: 'FilterLogEventsResponse',
      errors: ['InvalidParameterException', 'ResourceNotFoundException', 'ServiceUnavailableException'],
    },
    PutMetricFilter: {
      input: 'PutMetricFilterRequest',
      errors: [
        'InvalidParameterException',
        'ResourceNotFoundException',
        'OperationAbortedException',
        'LimitExceededException',
        'ServiceUnavailableException',
      ],
    },
    DescribeMetricFilters: {
      input: 'DescribeMetricFiltersRequest',
      output: 'DescribeMetricFiltersResponse',
      errors: ['InvalidParameterException', 'ResourceNotFoundException', 'ServiceUnavailableException'],
    },
    DeleteMetricFilter: {
      input: 'DeleteMetricFilterRequest',
      errors: [
        'InvalidParameterException',
        'ResourceNotFoundException',
        'OperationAbortedException',
        'ServiceUnavailableException',
      ],
    },
    TestMetricFilter: {
      input: 'TestMetricFilterRequest',
      output: 'TestMetricFilterResponse',
      errors: ['InvalidParameterException', 'ServiceUnavailableException'],
    },
    PutRetentionPolicy: {
      input: 'PutRetentionPolicyRequest',
      errors: [
        'InvalidParameterException',
        'ResourceNotFoundException',
        'OperationAbortedException',
        'ServiceUnavailableException',
      ],
    },
    DeleteRetentionPolicy: {
      input: 'DeleteRetentionPolicyRequest',
      errors: [
        'InvalidParameterException',
        'ResourceNotFoundException',
        'OperationAbortedException',
        'ServiceUnavailableException',
      ],
    },
    TagResource: {
      input: 'TagResourceRequest',
      errors: [
        'InvalidParameterException',
        'ResourceNotFoundException',
        'ServiceUnavailableException',
        'TooManyTagsException',
      ],
    },
    UntagResource: {
      input: 'UntagResourceRequest',
      errors: ['InvalidParameterException', 'ResourceNotFoundException', 'ServiceUnavailableException'],
    },
    ListTagsForResource: {
      input: 'ListTagsForResourceRequest',
      output: 'ListTagsForResourceResponse',
      errors: ['InvalidParameterException', 'ResourceNotFoundException', 'ServiceUnavailableException'],
    },
    TagLogGroup: {
      input: 'TagLogGroupRequest',
      errors: ['ResourceNotFoundException', 'InvalidParameterException'],
    },
    UntagLogGroup: { input: 'UntagLogGroupRequest', errors: ['ResourceNotFoundException'] },
    ListTagsLogGroup: {
      input: 'ListTagsLogGroupRequest',
      output: 'ListTagsLogGroupResponse',
      errors: ['ResourceNotFoundException', 'ServiceUnavailableException'],
    },
  },
  otherOperations: [
    'AssociateKmsKey',
    'CancelExportTask',
    'CreateExportTask',
    'DeleteDataProtectionPolicy',
    'DeleteDestination',
    'DeleteQueryDefinition',
    'DeleteResourcePolicy',
    'DeleteSubscriptionFilter',
    'DescribeDestinations',
    'DescribeExportTasks',
    'DescribeQueries',
    'DescribeQueryDefinitions',
    'DescribeResourcePolicies',
    'DescribeSubscriptionFilters',
    'DisassociateKmsKey',
    'GetDataProtectionPolicy',
    'GetLogGroupFields',
    'GetLogRecord',
    'GetQueryResults',
    'PutDataProtectionPolicy',
    'PutDestination',
    'PutDestinationPolicy',
    'PutQueryDefinition',
    'PutResourcePolicy',
    'PutSubscriptionFilter',
    'StartQuery',
    'StopQuery',
  ],
  shapes: {
    AccountId: { type: 'string', min: 12, max: 12, pattern: '^\\d{12}$' },
    AccountIds: { type: 'list', member: { shape: 'AccountId' }, min: 0, max: 20 },
    AmazonResourceName: { type: 'string', min: 1, max: 1011, pattern: '[\\w+=/:,.@-]*' },
    Arn: { type: 'string' },
    CreateLogGroupRequest: {
      type: 'structure',
      members: {
        logGroupName: { shape: 'LogGroupName' },
        kmsKeyId: { shape: 'KmsKeyId' },
        tags: { shape: 'Tags' },
        logGroupClass: { shape: 'LabLogGroupClass' },
        deletionProtectionEnabled: { shape: 'LabBoolean' },
      },
      required: ['logGroupName'],
    },
    CreateLogStreamRequest: {
      type: 'structure',
      members: { logGroupName: { shape: 'LogGroupName' }, logStreamName: { shape: 'LogStreamName' } },
      required: ['logGroupName', 'logStreamName'],
    },
    DataAlreadyAcceptedException: {
      type: 'structure',
      members: { expectedSequenceToken: { shape: 'SequenceToken' } },
      exception: true,
    },
    DataProtectionStatus: { type: 'string', enum: ['ACTIVATED', 'DELETED', 'ARCHIVED', 'DISABLED'] },
    Days: { type: 'integer' },
    DefaultValue: { type: 'double' },
    DeleteLogGroupRequest: {
      type: 'structure',
      members: { logGroupName: { shape: 'LogGroupName' } },
      required: ['logGroupName'],
    },
    DeleteLogStreamRequest: {
      type: 'structure',
      members: { logGroupName: { shape: 'LogGroupName' }, logStreamName: { shape: 'LogStreamName' } },
      required: ['logGroupName', 'logStreamName'],
    },
    DeleteMetricFilterRequest: {
      type: 'structure',
      members: { logGroupName: { shape: 'LogGroupName' }, filterName: { shape: 'FilterName' } },
      required: ['logGroupName', 'filterName'],
    },
    DeleteRetentionPolicyRequest: {
      type: 'structure',
      members: { logGroupName: { shape: 'LogGroupName' } },
      required: ['logGroupName'],
    },
    Descending: { type: 'boolean' },
    DescribeLimit: { type: 'integer', min: 1, max: 50 },
    DescribeLogGroupsRequest: {
      type: 'structure',
      members: {
        accountIdentifiers: { shape: 'AccountIds' },
        logGroupNamePrefix: { shape: 'LogGroupName' },
        logGroupNamePattern: { shape: 'LogGroupNamePattern' },
        nextToken: { shape: 'NextToken' },
        limit: { shape: 'DescribeLimit' },
        includeLinkedAccounts: { shape: 'IncludeLinkedAccounts' },
        logGroupClass: { shape: 'LabLogGroupClass' },
        logGroupIdentifiers: { shape: 'LabLogGroupIdentifiers' },
      },
    },
    DescribeLogGroupsResponse: {
      type: 'structure',
      members: { logGroups: { shape: 'LogGroups' }, nextToken: { shape: 'NextToken' } },
    },
    DescribeLogStreamsRequest: {
      type: 'structure',
      members: {
        logGroupName: { shape: 'LogGroupName' },
        logGroupIdentifier: { shape: 'LogGroupIdentifier' },
        logStreamNamePrefix: { shape: 'LogStreamName' },
        orderBy: { shape: 'OrderBy' },
        descending: { shape: 'Descending' },
        nextToken: { shape: 'NextToken' },
        limit: { shape: 'DescribeLimit' },
      },
    },
    DescribeLogStreamsResponse: {
      type: 'structure',
      members: { logStreams: { shape: 'LogStreams' }, nextToken: { shape: 'NextToken' } },
    },
    DescribeMetricFiltersRequest: {
      type: 'structure',
      members: {
        logGroupName: { shape: 'LogGroupName' },
        filterNamePrefix: { shape: 'FilterName' },
        nextToken: { shape: 'NextToken' },
        limit: { shape: 'DescribeLimit' },
        metricName: { shape: 'MetricName' },
        metricNamespace: { shape: 'MetricNamespace' },
      },
    },
    DescribeMetricFiltersResponse: {
      type: 'structure',
      members: { metricFilters: { shape: 'MetricFilters' }, nextToken: { shape: 'NextToken' } },
    },
    Dimensions: { type: 'map', key: { shape: 'DimensionsKey' }, value: { shape: 'DimensionsValue' } },
    DimensionsKey: { type: 'string', max: 255 },
    DimensionsValue: { type: 'string', max: 255 },
    EventId: { type: 'string' },
    EventMessage: { type: 'string', min: 1 },
    EventNumber: { type: 'long' },
    EventsLimit: { type: 'integer', min: 1, max: 10000 },
    ExtractedValues: { type: 'map', key: { shape: 'Token' }, value: { shape: 'Value' } },
    FilterCount: { type: 'integer' },
    FilteredLogEvent: {
      type: 'structure',
      members: {
        logStreamName: { shape: 'LogStreamName' },
        timestamp: { shape: 'Timestamp' },
        message: { shape: 'EventMessage' },
        ingestionTime: { shape: 'Timestamp' },
        eventId: { shape: 'EventId' },
      },
    },
    FilteredLogEvents: { type: 'list', member: { shape: 'FilteredLogEvent' } },
    FilterLogEventsRequest: {
      type: 'structure',
      members: {
        logGroupName: { shape: 'LogGroupName' },
        logGroupIdentifier: { shape: 'LogGroupIdentifier' },
        logStreamNames: { shape: 'InputLogStreamNames' },
        logStreamNamePrefix: { shape: 'LogStreamName' },
        startTime: { shape: 'Timestamp' },
        endTime: { shape: 'Timestamp' },
        filterPattern: { shape: 'FilterPattern' },
        nextToken: { shape: 'NextToken' },
        limit: { shape: 'EventsLimit' },
        interleaved: { shape: 'Interleaved' },
        unmask: { shape: 'Unmask' },
        startFromHead: { shape: 'LabBoolean' },
      },
    },
    FilterLogEventsResponse: {
      type: 'structure',
      members: {
        events: { shape: 'FilteredLogEvents' },
        searchedLogStreams: { shape: 'SearchedLogStreams' },
        nextToken: { shape: 'NextToken' },
      },
    },
    FilterName: { type: 'string', min: 1, max: 512, pattern: '[^:*]*' },
    FilterPattern: { type: 'string', min: 0, max: 1024 },
    GetLogEventsRequest: {
      type: 'structure',
      members: {
        logGroupName: { shape: 'LogGroupName' },
        logGroupIdentifier: { shape: 'LogGroupIdentifier' },
        logStreamName: { shape: 'LogStreamName' },
        startTime: { shape: 'Timestamp' },
        endTime: { shape: 'Timestamp' },
        nextToken: { shape: 'NextToken' },
        limit: { shape: 'EventsLimit' },
        startFromHead: { shape: 'StartFromHead' },
        unmask: { shape: 'Unmask' },
      },
      required: ['logStreamName'],
    },
    GetLogEventsResponse: {
      type: 'structure',
      members: {
        events: { shape: 'OutputLogEvents' },
        nextForwardToken: { shape: 'NextToken' },
        nextBackwardToken: { shape: 'NextToken' },
      },
    },
    IncludeLinkedAccounts: { type: 'boolean' },
    InputLogEvent: {
      type: 'structure',
      members: { timestamp: { shape: 'Timestamp' }, message: { shape: 'EventMessage' } },
      required: ['timestamp', 'message'],
    },
    InputLogEvents: { type: 'list', member: { shape: 'InputLogEvent' }, min: 1, max: 10000 },
    InputLogStreamNames: { type: 'list', member: { shape: 'LogStreamName' }, min: 1, max: 100 },
    Interleaved: { type: 'boolean' },
    InvalidParameterException: { type: 'structure', members: {}, exception: true },
    InvalidSequenceTokenException: {
      type: 'structure',
      members: { expectedSequenceToken: { shape: 'SequenceToken' } },
      exception: true,
    },
    KmsKeyId: { type: 'string', max: 256 },
    LabBoolean: { type: 'boolean' },
    LabDocument: { type: 'document' },
    LabLogGroupClass: { type: 'string', enum: ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'] },
    LabLogGroupIdentifiers: { type: 'list', member: { shape: 'LogGroupIdentifier' }, min: 1, max: 50 },
    LabString: { type: 'string' },
    LabStringList: { type: 'list', member: { shape: 'LabString' } },
    LimitExceededException: { type: 'structure', members: {}, exception: true },
    ListTagsForResourceRequest: {
      type: 'structure',
      members: { resourceArn: { shape: 'AmazonResourceName' } },
      required: ['resourceArn'],
    },
    ListTagsForResourceResponse: { type: 'structure', members: { tags: { shape: 'Tags' } } },
    ListTagsLogGroupRequest: {
      type: 'structure',
      members: { logGroupName: { shape: 'LogGroupName' } },
      required: ['logGroupName'],
    },
    ListTagsLogGroupResponse: { type: 'structure', members: { tags: { shape: 'Tags' } } },
    LogEventIndex: { type: 'integer' },
    LogGroup: {
      type: 'structure',
      members: {
        logGroupName: { shape: 'LogGroupName' },
        creationTime: { shape: 'Timestamp' },
        retentionInDays: { shape: 'Days' },
        metricFilterCount: { shape: 'FilterCount' },
        arn: { shape: 'Arn' },
        storedBytes: { shape: 'StoredBytes' },
        kmsKeyId: { shape: 'KmsKeyId' },
        dataProtectionStatus: { shape: 'DataProtectionStatus' },
        logGroupClass: { shape: 'LabLogGroupClass' },
        logGroupArn: { shape: 'LabString' },
        deletionProtectionEnabled: { shape: 'LabBoolean' },
        inheritedProperties: { shape: 'LabDocument' },
        bearerTokenAuthenticationEnabled: { shape: 'LabBoolean' },
        retentionPolicyName: { shape: 'LabString' },
      },
    },
    LogGroupIdentifier: { type: 'string', min: 1, max: 2048, pattern: '[\\w#+=/:,.@-]*' },
    LogGroupName: { type: 'string', min: 1, max: 512, pattern: '[\\.\\-_/#A-Za-z0-9]+' },
    LogGroupNamePattern: { type: 'string', min: 0, max: 512, pattern: '[\\.\\-_/#A-Za-z0-9]*' },
    LogGroups: { type: 'list', member: { shape: 'LogGroup' } },
    LogStream: {
      type: 'structure',
      members: {
        logStreamName: { shape: 'LogStreamName' },
        creationTime: { shape: 'Timestamp' },
        firstEventTimestamp: { shape: 'Timestamp' },
        lastEventTimestamp: { shape: 'Timestamp' },
        lastIngestionTime: { shape: 'Timestamp' },
        uploadSequenceToken: { shape: 'SequenceToken' },
        arn: { shape: 'Arn' },
        storedBytes: { shape: 'StoredBytes' },
      },
    },
    LogStreamName: { type: 'string', min: 1, max: 512, pattern: '[^:*]*' },
    LogStreams: { type: 'list', member: { shape: 'LogStream' } },
    LogStreamSearchedCompletely: { type: 'boolean' },
    Message: { type: 'string' },
    MetricFilter: {
      type: 'structure',
      members: {
        filterName: { shape: 'FilterName' },
        filterPattern: { shape: 'FilterPattern' },
        metricTransformations: { shape: 'MetricTransformations' },
        creationTime: { shape: 'Timestamp' },
        logGroupName: { shape: 'LogGroupName' },
        applyOnTransformedLogs: { shape: 'LabBoolean' },
        fieldSelectionCriteria: { shape: 'LabString' },
        emitSystemFieldDimensions: { shape: 'LabStringList' },
      },
    },
    MetricFilterMatches: { type: 'list', member: { shape: 'MetricFilterMatchRecord' } },
    MetricFilterMatchRecord: {
      type: 'structure',
      members: {
        eventNumber: { shape: 'EventNumber' },
        eventMessage: { shape: 'EventMessage' },
        extractedValues: { shape: 'ExtractedValues' },
      },
    },
    MetricFilters: { type: 'list', member: { shape: 'MetricFilter' } },
    MetricName: { type: 'string', max: 255, pattern: '[^:*$]*' },
    MetricNamespace: { type: 'string', max: 255, pattern: '[^:*$]*' },
    MetricTransformation: {
      type: 'structure',
      members: {
        metricName: { shape: 'MetricName' },
        metricNamespace: { shape: 'MetricNamespace' },
        metricValue: { shape: 'MetricValue' },
        defaultValue: { shape: 'DefaultValue' },
        dimensions: { shape: 'Dimensions' },
        unit: { shape: 'StandardUnit' },
      },
      required: ['metricName', 'metricNamespace', 'metricValue'],
    },
    MetricTransformations: { type: 'list', member: { shape: 'MetricTransformation' }, min: 1, max: 1 },
    MetricValue: { type: 'string', max: 100 },
    NextToken: { type: 'string', min: 1 },
    OperationAbortedException: { type: 'structure', members: {}, exception: true },
    OrderBy: { type: 'string', enum: ['LogStreamName', 'LastEventTime'] },
    OutputLogEvent: {
      type: 'structure',
      members: {
        timestamp: { shape: 'Timestamp' },
        message: { shape: 'EventMessage' },
        ingestionTime: { shape: 'Timestamp' },
      },
    },
    OutputLogEvents: { type: 'list', member: { shape: 'OutputLogEvent' } },
    PutLogEventsRequest: {
      type: 'structure',
      members: {
        logGroupName: { shape: 'LogGroupName' },
        logStreamName: { shape: 'LogStreamName' },
        logEvents: { shape: 'InputLogEvents' },
        sequenceToken: { shape: 'SequenceToken' },
        entity: { shape: 'LabDocument' },
      },
      required: ['logGroupName', 'logStreamName', 'logEvents'],
    },
    PutLogEventsResponse: {
      type: 'structure',
      members: {
        nextSequenceToken: { shape: 'SequenceToken' },
        rejectedLogEventsInfo: { shape: 'RejectedLogEventsInfo' },
        rejectedEntityInfo: { shape: 'LabDocument' },
      },
    },
    PutMetricFilterRequest: {
      type: 'structure',
      members: {
        logGroupName: { shape: 'LogGroupName' },
        filterName: { shape: 'FilterName' },
        filterPattern: { shape: 'FilterPattern' },
        metricTransformations: { shape: 'MetricTransformations' },
        applyOnTransformedLogs: { shape: 'LabBoolean' },
        fieldSelectionCriteria: { shape: 'LabString' },
        emitSystemFieldDimensions: { shape: 'LabStringList' },
      },
      required: ['logGroupName', 'filterName', 'filterPattern', 'metricTransformations'],
    },
    PutRetentionPolicyRequest: {
      type: 'structure',
      members: { logGroupName: { shape: 'LogGroupName' }, retentionInDays: { shape: 'Days' } },
      required: ['logGroupName', 'retentionInDays'],
    },
    RejectedLogEventsInfo: {
      type: 'structure',
      members: {
        tooNewLogEventStartIndex: { shape: 'LogEventIndex' },
        tooOldLogEventEndIndex: { shape: 'LogEventIndex' },
        expiredLogEventEndIndex: { shape: 'LogEventIndex' },
      },
    },
    ResourceAlreadyExistsException: { type: 'structure', members: {}, exception: true },
    ResourceNotFoundException: { type: 'structure', members: {}, exception: true },
    SearchedLogStream: {
      type: 'structure',
      members: {
        logStreamName: { shape: 'LogStreamName' },
        searchedCompletely: { shape: 'LogStreamSearchedCompletely' },
      },
    },
    SearchedLogStreams: { type: 'list', member: { shape: 'SearchedLogStream' } },
    SequenceToken: { type: 'string', min: 1 },
    ServiceUnavailableException: { type: 'structure', members: {}, exception: true, fault: true },
    StandardUnit: { type: 'string', enum: STANDARD_UNITS },
    StartFromHead: { type: 'boolean' },
    StoredBytes: { type: 'long', min: 0 },
    TagKey: { type: 'string', min: 1, max: 128, pattern: '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+)$' },
    TagKeyList: { type: 'list', member: { shape: 'TagKey' }, min: 0, max: 50 },
    TagList: { type: 'list', member: { shape: 'TagKey' }, min: 1 },
    TagLogGroupRequest: {
      type: 'structure',
      members: { logGroupName: { shape: 'LogGroupName' }, tags: { shape: 'Tags' } },
      required: ['logGroupName', 'tags'],
    },
    TagResourceRequest: {
      type: 'structure',
      members: { resourceArn: { shape: 'AmazonResourceName' }, tags: { shape: 'Tags' } },
      required: ['resourceArn', 'tags'],
    },
    Tags: { type: 'map', key: { shape: 'TagKey' }, value: { shape: 'TagValue' }, min: 1, max: 50 },
    TagValue: { type: 'string', max: 256, pattern: '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$' },
    TestEventMessages: { type: 'list', member: { shape: 'EventMessage' }, min: 1, max: 50 },
    TestMetricFilterRequest: {
      type: 'structure',
      members: {
        filterPattern: { shape: 'FilterPattern' },
        logEventMessages: { shape: 'TestEventMessages' },
      },
      required: ['filterPattern', 'logEventMessages'],
    },
    TestMetricFilterResponse: { type: 'structure', members: { matches: { shape: 'MetricFilterMatches' } } },
    Timestamp: { type: 'long', min: 0 },
    Token: { type: 'string' },
    TooManyTagsException: {
      type: 'structure',
      members: { message: { shape: 'Message' }, resourceName: { shape: 'AmazonResourceName' } },
      exception: true,
    },
    Unmask: { type: 'boolean' },
    UnrecognizedClientException: { type: 'structure', members: {}, exception: true },
    UntagLogGroupRequest: {
      type: 'structure',
      members: { logGroupName: { shape: 'LogGroupName' }, tags: { shape: 'TagList' } },
      required: ['logGroupName', 'tags'],
    },
    UntagResourceRequest: {
      type: 'structure',
      members: { resourceArn: { shape: 'AmazonResourceName' }, tagKeys: { shape: 'TagKeyList' } },
      required: ['resourceArn', 'tagKeys'],
    },
    Value: { type: 'string' },
  },
};
