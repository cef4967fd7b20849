import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/**
 * The Debian AWS CLI 2.9.19 (`/usr/bin/aws`, or `LAB_AWS_CLI`) run against the emulator. Never the
 * `aws` on PATH: a 1.x there speaks JSON to CloudWatch and SQS instead of query. Runs are async (an
 * in-process emulator must keep serving while the CLI waits).
 */
export const AWS_CLI = process.env['LAB_AWS_CLI'] ?? '/usr/bin/aws';

/** Why CLI tests cannot run here, or undefined when they can. */
export function awsCliUnavailable(): string | undefined {
  try {
    accessSync(AWS_CLI, constants.X_OK);
    return undefined;
  } catch {
    return `AWS CLI 2.9 not found at ${AWS_CLI} (apt-get install awscli, or set LAB_AWS_CLI): CLI tests skipped`;
  }
}

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The error code of `An error occurred (<Code>) when calling …`, if any. */
  readonly errorCode: string | undefined;
  /** stderr without the CLI's retry note (` (reached max retries: N)`), trimmed. */
  readonly errorText: string;
  json<T = unknown>(): T;
}

export function runAwsCli(
  endpoint: string,
  args: readonly string[],
  options: { region?: string; accessKeyId?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/tmp',
    AWS_ACCESS_KEY_ID: options.accessKeyId ?? 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: options.region ?? 'us-east-1',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return new Promise((resolve) => {
    execFile(
      AWS_CLI,
      ['--endpoint-url', endpoint, '--output', 'json', ...args],
      { env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        const match = /An error occurred \(([^)]+)\)/.exec(stderr);
        resolve({
          exitCode,
          stdout,
          stderr,
          errorCode: match?.[1],
          errorText: stderr.replace(/ \(reached max retries: \d+\)/, '').trim(),
          json<T>() {
            return JSON.parse(stdout) as T;
          },
        });
      },
    );
  });
}
