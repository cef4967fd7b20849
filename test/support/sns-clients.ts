/**
 * SDK v3 clients for the CloudWatch, SNS and SQS services of an emulator endpoint (test utility).
 * One attempt per call, so an error test sees the first answer and not a retried one.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS } from '../../harness/aws/clients.ts';

export interface AlarmClients {
  readonly cloudwatch: CloudWatchClient;
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
  destroy(): void;
}

export function alarmClients(endpoint: string, region = 'us-east-1'): AlarmClients {
  const config = { endpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 };
  const clients = {
    cloudwatch: new CloudWatchClient(config),
    sns: new SNSClient(config),
    sqs: new SQSClient(config),
  };
  return {
    ...clients,
    destroy() {
      clients.cloudwatch.destroy();
      clients.sns.destroy();
      clients.sqs.destroy();
    },
  };
}
