import type { ServiceModel } from '../../models/types.ts';
import type { AwsServiceError } from '../errors.ts';
import { SerializationException } from '../errors.ts';
import type { LabResponse } from '../http.ts';
import { decodeJsonInput } from './json-input.ts';
import { encodeJsonOutput } from './json-output.ts';

/**
 * awsJson 1.0 / 1.1 (https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html), as the SDK v3
 * (all four services' JSON paths) and the CLI (Logs) speak it:
 *
 * - every request is `POST /` with `Content-Type: application/x-amz-json-1.0|1.1` and
 *   `X-Amz-Target: <targetPrefix>.<Operation>`; the body is a JSON object (`{}` without input);
 * - the response has the request's content type and `x-amzn-RequestId`; unset members are omitted;
 *   timestamps are epoch seconds;
 * - errors are `{"__type": ..., "message": ...}`. JSON 1.1 (Logs) writes the bare shape name and
 *   answers every modelled client error with 400; JSON 1.0 writes `<namespace>#<Shape>`. Query-compatible
 *   services (CloudWatch, SQS) add `x-amzn-query-error: <QueryCode>;Sender|Receiver` and use the
 *   modelled status when the client sent `x-amzn-query-mode: true` (the SDK v3 always does), else 400
 *   (aws-protocols.md §4.1, LocalStack `QueryCompatibleProtocolMixin`).
 */
export type JsonVersion = '1.0' | '1.1';

export function contentTypeFor(version: JsonVersion): string {
  return `application/x-amz-json-${version}`;
}

export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SerializationException(
      `The request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export function decodeJsonRequest(
  model: ServiceModel,
  inputShape: string | undefined,
  body: Buffer,
): unknown {
  return decodeJsonInput(model, inputShape, parseJsonBody(body));
}

export function serializeJsonResponse(
  model: ServiceModel,
  outputShape: string | undefined,
  output: unknown,
  version: JsonVersion,
  requestId: string,
): LabResponse {
  return {
    status: 200,
    headers: { 'content-type': contentTypeFor(version), 'x-amzn-requestid': requestId },
    body: JSON.stringify(encodeJsonOutput(model, outputShape, output)),
  };
}

export interface JsonErrorOptions {
  readonly version: JsonVersion;
  readonly requestId: string;
  /** The service is awsQueryCompatible (CloudWatch, SQS). */
  readonly queryCompatible: boolean;
  /** The request carried `x-amzn-query-mode: true`. */
  readonly queryMode: boolean;
  readonly errorNamespace?: string;
}

export function serializeJsonError(error: AwsServiceError, options: JsonErrorOptions): LabResponse {
  const frameworkError = (error as { frameworkError?: boolean }).frameworkError === true;
  const type =
    error.jsonType ??
    (options.version === '1.0' && options.errorNamespace !== undefined && !frameworkError
      ? `${options.errorNamespace}#${error.code}`
      : error.code);
  const body: Record<string, string> = { __type: type };
  if (!error.omitMessage) body['message'] = error.message;
  const headers: Record<string, string> = {
    'content-type': contentTypeFor(options.version),
    'x-amzn-requestid': options.requestId,
  };
  let status: number;
  if (options.queryCompatible) {
    headers['x-amzn-query-error'] = `${error.queryCode};${error.senderFault ? 'Sender' : 'Receiver'}`;
    status = options.queryMode || !error.senderFault ? error.httpStatus : 400;
  } else {
    status = error.httpStatus;
  }
  return { status, headers, body: JSON.stringify(body) };
}
