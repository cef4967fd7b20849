/**
 * Where each check's expectation comes from. AWS documentation pages first; messages seen in real AWS
 * responses are cited as "recorded at AWS", with where the recording is published.
 */
const LOGS_GUIDE = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs';
const LOGS_API = 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference';
const CW_GUIDE = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring';
const CW_API = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference';
const SNS_GUIDE = 'https://docs.aws.amazon.com/sns/latest/dg';
const SNS_API = 'https://docs.aws.amazon.com/sns/latest/api';
const SQS_API = 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference';

export const SOURCES = {
  testMetricFilter: `${LOGS_API}/API_TestMetricFilter.html`,
  putMetricFilter: `${LOGS_API}/API_PutMetricFilter.html`,
  filterLogEvents: `${LOGS_API}/API_FilterLogEvents.html`,
  createLogGroup: `${LOGS_API}/API_CreateLogGroup.html`,
  putLogEvents: `${LOGS_API}/API_PutLogEvents.html`,
  metricValues: `${LOGS_GUIDE}/FilterAndPatternSyntaxForMetricFilters.html`,
  monitoringLogData: `${LOGS_GUIDE}/MonitoringLogData.html`,
  missingData: `${CW_GUIDE}/alarms-and-missing-data.html`,
  alarmEvaluation: `${CW_GUIDE}/alarm-evaluation.html`,
  putMetricAlarm: `${CW_API}/API_PutMetricAlarm.html`,
  setAlarmState: `${CW_API}/API_SetAlarmState.html`,
  describeAlarmHistory: `${CW_API}/API_DescribeAlarmHistory.html`,
  putMetricData: `${CW_API}/API_PutMetricData.html`,
  eventBridgeSamples: `${CW_GUIDE}/cloudwatch-and-eventbridge.html`,
  snsJsonFormats: `${SNS_GUIDE}/sns-message-and-json-formats.html`,
  snsVerify: `${SNS_GUIDE}/sns-verify-signature-of-message.html`,
  snsHttpPrepare: `${SNS_GUIDE}/SendMessageToHttp.prepare.html`,
  snsSqs: `${SNS_GUIDE}/sns-sqs-as-subscriber.html`,
  snsPublish: `${SNS_API}/API_Publish.html`,
  snsSubscribe: `${SNS_API}/API_Subscribe.html`,
  snsCreateTopic: `${SNS_API}/API_CreateTopic.html`,
  sqsSendMessageBatch: `${SQS_API}/API_SendMessageBatch.html`,
  sqsGetQueueUrl: `${SQS_API}/API_GetQueueUrl.html`,
  /** Real alarm messages and reasons, recorded at AWS and published in LocalStack's snapshot tests. */
  recordedAlarm:
    'recorded at AWS, date not published (LocalStack AWS-validated snapshot tests/aws/services/cloudwatch/test_cloudwatch.snapshot.json)',
  /** SNS HTTP deliveries captured at AWS (LocalStack snapshot TestSNSSubscriptionHttp). */
  recordedHttpDelivery:
    'recorded at AWS on 2023-10-12 (LocalStack snapshot tests/aws/services/sns/test_sns.snapshot.json, TestSNSSubscriptionHttp)',
  /** A real CloudWatch alarm notification (AWS, 2025-05-14), quoted in alarms-sns.md §3. */
  recordedNotification:
    'recorded at AWS on 2025-05-14 (a real alarm notification, quoted in the lab reference alarms-sns.md, §3)',
  /** The article this lab starts from: its metric filter, alarm and SNS commands. */
  article: 'the seed article (RootAuthListFilter), harness/rules/builtin-pack.ts rule root-auth-list-article',
} as const;
