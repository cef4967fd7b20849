import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { LogGroupClass } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsConnection } from '../../aws/clients.ts';
import { clientConfig } from '../../aws/clients.ts';

const gzip = promisify(gzipCallback);

/**
 * The six CloudWatch Logs calls the shipper makes: the narrow interface its sender depends on (as
 * the agent's pusher depends on its five-method `cloudWatchLogsService`), so unit tests fake this
 * and not the SDK. Errors are thrown as the SDK throws them (`name`, `$metadata.httpStatusCode`).
 */
export interface LogsApi {
  putLogEvents(input: PutLogEventsInput, signal?: AbortSignal): Promise<PutLogEventsOutput>;
  createLogGroup(
    input: { logGroupName: string; logGroupClass?: string },
    signal?: AbortSignal,
  ): Promise<void>;
  createLogStream(
    input: { logGroupName: string; logStreamName: string },
    signal?: AbortSignal,
  ): Promise<void>;
  putRetentionPolicy(
    input: { logGroupName: string; retentionInDays: number },
    signal?: AbortSignal,
  ): Promise<void>;
  describeLogGroups(
    input: { logGroupNamePrefix: string; nextToken?: string },
    signal?: AbortSignal,
  ): Promise<{ logGroups: { logGroupName?: string; retentionInDays?: number }[]; nextToken?: string }>;
  getLogEvents(input: GetLogEventsInput, signal?: AbortSignal): Promise<GetLogEventsOutput>;
}

export interface InputEvent {
  readonly timestamp: number;
  readonly message: string;
}

export interface PutLogEventsInput {
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly logEvents: readonly InputEvent[];
}

export interface RejectedInfo {
  readonly tooNewLogEventStartIndex?: number;
  readonly tooOldLogEventEndIndex?: number;
  readonly expiredLogEventEndIndex?: number;
}

export interface PutLogEventsOutput {
  readonly rejectedLogEventsInfo?: RejectedInfo;
}

export interface GetLogEventsInput {
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly startFromHead?: boolean;
  readonly nextToken?: string;
  readonly limit?: number;
}

export interface GetLogEventsOutput {
  readonly events: readonly { timestamp?: number; message?: string }[];
  readonly nextForwardToken?: string;
}

export interface SdkLogsApiOptions {
  /** gzip PutLogEvents bodies (as the agent does) when that makes them smaller. Default true. */
  readonly gzip?: boolean;
  /** Bodies smaller than this are sent as they are. */
  readonly gzipMinBytes?: number;
}

/**
 * A client for the shipper: the SDK retries nothing (maxAttempts 1), because the shipper's own
 * retry policy owns backoff and jitter on the injected Clock, and must decide after an ambiguous
 * failure whether a batch already landed before sending it again.
 */
export function createShipperLogsClient(connection: AwsConnection): CloudWatchLogsClient {
  return new CloudWatchLogsClient({ ...clientConfig(connection), maxAttempts: 1 });
}

export function createSdkLogsApi(client: CloudWatchLogsClient, options: SdkLogsApiOptions = {}): LogsApi {
  const compress = options.gzip ?? true;
  const minBytes = options.gzipMinBytes ?? 1024;
  const call = <T>(command: unknown, signal?: AbortSignal) =>
    client.send(command as never, signal ? { abortSignal: signal } : {}) as Promise<T>;
  return {
    async putLogEvents(input, signal) {
      const command = new PutLogEventsCommand({
        logGroupName: input.logGroupName,
        logStreamName: input.logStreamName,
        logEvents: input.logEvents as { timestamp: number; message: string }[],
      });
      if (compress) addGzip(command, minBytes);
      const output = await call<{ rejectedLogEventsInfo?: RejectedInfo }>(command, signal);
      return output.rejectedLogEventsInfo ? { rejectedLogEventsInfo: output.rejectedLogEventsInfo } : {};
    },
    async createLogGroup(input, signal) {
      await call(
        new CreateLogGroupCommand({
          logGroupName: input.logGroupName,
          ...(input.logGroupClass ? { logGroupClass: input.logGroupClass as LogGroupClass } : {}),
        }),
        signal,
      );
    },
    async createLogStream(input, signal) {
      await call(new CreateLogStreamCommand(input), signal);
    },
    async putRetentionPolicy(input, signal) {
      await call(new PutRetentionPolicyCommand(input), signal);
    },
    async describeLogGroups(input, signal) {
      const out = await call<{
        logGroups?: { logGroupName?: string; retentionInDays?: number }[];
        nextToken?: string;
      }>(new DescribeLogGroupsCommand(input), signal);
      return { logGroups: out.logGroups ?? [], ...(out.nextToken ? { nextToken: out.nextToken } : {}) };
    },
    async getLogEvents(input, signal) {
      const out = await call<GetLogEventsOutput>(new GetLogEventsCommand(input), signal);
      return {
        events: out.events ?? [],
        ...(out.nextForwardToken ? { nextForwardToken: out.nextForwardToken } : {}),
      };
    },
  };
}

interface BuildArgs {
  request: { body?: unknown; headers: Record<string, string> };
}

/**
 * Compresses the serialized JSON body before Content-Length is computed and before SigV4 signs the
 * payload (both later in the stack), as the agent's `handlers/compress.go` does.
 */
function addGzip(command: PutLogEventsCommand, minBytes: number): void {
  command.middlewareStack.add(
    (next) => async (args) => {
      const request = (args as unknown as BuildArgs).request;
      // The JSON serializer hands over a string or (SDK ≥ 3.9xx) a Uint8Array subclass.
      const body =
        typeof request.body === 'string'
          ? Buffer.from(request.body)
          : request.body instanceof Uint8Array
            ? Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength)
            : undefined;
      if (body !== undefined && body.length >= minBytes) {
        const compressed = await gzip(body);
        if (compressed.length < body.length) {
          request.body = compressed;
          request.headers = { ...request.headers, 'content-encoding': 'gzip' };
          delete request.headers['content-length'];
          delete request.headers['Content-Length'];
        }
      }
      return next(args);
    },
    { step: 'build', priority: 'high', name: 'labShipperGzipBody', override: true },
  );
}
