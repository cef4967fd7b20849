/**
 * SDK v3 clients of an emulator endpoint for the CloudWatch, SNS and SQS tests (test utility).
 * One attempt per call, so an error test sees the first answer and not a retried one.
 */
import { LOCAL_CREDENTIALS, createAwsClients } from '../../harness/aws/clients.ts';
import type { AwsClients } from '../../harness/aws/clients.ts';

export type AlarmClients = AwsClients;

export function alarmClients(endpoint: string, region = 'us-east-1'): AlarmClients {
  return createAwsClients({ endpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}
