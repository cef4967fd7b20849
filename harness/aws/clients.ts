import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';

// The SDK warns on the first client of every process that its releases after January 2027 need
// Node 22. The lab pins its SDK versions (package-lock.json), so the warning says nothing actionable
// and floods test, script and benchmark output; the SDK's own switch turns it off, unless the user
// set it. Every other warning still prints.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

/**
 * Where AWS calls go. The local emulator and LocalStack are an endpoint plus dummy credentials; the
 * real AWS target leaves endpoint and credentials to the SDK's default chain (env, profile, SSO...).
 */
export interface AwsConnection {
  /** `http://127.0.0.1:PORT` for the emulator or LocalStack; undefined for real AWS. */
  readonly endpoint?: string;
  readonly region: string;
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
  /** SDK retry attempts (the SDK's default is 3). */
  readonly maxAttempts?: number;
}

export interface AwsClients {
  readonly logs: CloudWatchLogsClient;
  readonly cloudwatch: CloudWatchClient;
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
  destroy(): void;
}

/** Credentials the emulator and LocalStack accept: access key `test` maps to account 000000000000. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

export function clientConfig(target: AwsConnection) {
  return {
    region: target.region,
    ...(target.endpoint !== undefined ? { endpoint: target.endpoint } : {}),
    ...(target.credentials !== undefined ? { credentials: target.credentials } : {}),
    ...(target.maxAttempts !== undefined ? { maxAttempts: target.maxAttempts } : {}),
  };
}

export function createAwsClients(target: AwsConnection): AwsClients {
  const config = clientConfig(target);
  const clients = {
    logs: new CloudWatchLogsClient(config),
    cloudwatch: new CloudWatchClient(config),
    sns: new SNSClient(config),
    sqs: new SQSClient(config),
  };
  return {
    ...clients,
    destroy() {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}
