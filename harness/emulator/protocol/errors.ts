import type { ServiceModel } from '../models/types.ts';

/**
 * Errors an operation handler (or the protocol layer) throws and the protocol layer renders:
 * JSON `__type` + `message` (+ `x-amzn-query-error` for query-compatible services), or an XML
 * `ErrorResponse`. Handlers never build HTTP responses themselves.
 *
 * - `code`: the shape name, which the SDK v3 turns into the exception class (`err.name`) and JSON
 *   puts in `__type` (`ResourceNotFoundException`, `QueueDoesNotExist`).
 * - `queryCode`: the awsQuery error code (`AWS.SimpleQueueService.NonExistentQueue`, `NotFound`): the
 *   `<Code>` of XML errors, the first half of `x-amzn-query-error`, what the CLI prints. Defaults to `code`.
 * - `httpStatus`: the modelled status (awsQueryError trait); JSON Logs errors are always 400/500.
 */
export interface AwsServiceErrorOptions {
  readonly queryCode?: string;
  readonly httpStatus?: number;
  readonly senderFault?: boolean;
  /** Full JSON `__type` when it is not `<namespace>#<code>` (e.g. `com.amazon.coral.validate#ValidationException`). */
  readonly jsonType?: string;
  /** Message for awsQuery when AWS words it differently there (SQS "… for this wsdl version."). */
  readonly queryMessage?: string;
  /** AWS sends no message at all for some errors (CloudWatch `ResourceNotFound`). */
  readonly omitMessage?: boolean;
  readonly cause?: unknown;
}

export class AwsServiceError extends Error {
  readonly code: string;
  readonly queryCode: string;
  readonly httpStatus: number;
  readonly senderFault: boolean;
  readonly jsonType: string | undefined;
  readonly queryMessage: string | undefined;
  readonly omitMessage: boolean;

  constructor(code: string, message: string, options: AwsServiceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = code;
    this.code = code;
    this.queryCode = options.queryCode ?? code;
    this.senderFault = options.senderFault ?? (options.httpStatus === undefined || options.httpStatus < 500);
    this.httpStatus = options.httpStatus ?? (this.senderFault ? 400 : 500);
    this.jsonType = options.jsonType;
    this.queryMessage = options.queryMessage;
    this.omitMessage = options.omitMessage ?? false;
  }
}

/**
 * Framework errors: raised by the protocol layer before an operation runs (smithy's closed set). They
 * render like service errors so every client parses them.
 */
export class FrameworkError extends AwsServiceError {
  readonly frameworkError = true;
}

/** Unparseable body or a member of the wrong type (400). */
export class SerializationException extends FrameworkError {
  constructor(message: string) {
    super('SerializationException', message, { httpStatus: 400 });
  }
}

/** JSON: an `X-Amz-Target` naming no operation of the service (400, as AWS's JSON services answer). */
export class UnknownOperationException extends FrameworkError {
  constructor(message: string) {
    super('UnknownOperationException', message, { httpStatus: 400 });
  }
}

/** awsQuery: an `Action` naming no operation of the service (400 `InvalidAction`). */
export class InvalidActionError extends FrameworkError {
  constructor(message: string) {
    super('InvalidAction', message, { httpStatus: 400 });
  }
}

/** awsQuery: a form without `Action`. */
export class MissingActionError extends FrameworkError {
  constructor() {
    super('MissingAction', 'Missing Action', { httpStatus: 400 });
  }
}

export class UnsupportedMediaTypeException extends FrameworkError {
  constructor(message: string) {
    super('UnsupportedMediaTypeException', message, { httpStatus: 415 });
  }
}

/** A real operation of the service that the emulator does not implement (501, like LocalStack). */
export class NotImplementedError extends FrameworkError {
  constructor(message: string) {
    super('InternalFailure', message, { httpStatus: 501, senderFault: false });
  }
}

/**
 * A request with no SigV4 `Authorization` header and no presigned `X-Amz-Signature`: AWS refuses it
 * before routing, 403 `MissingAuthenticationToken` (Sender) in awsQuery, and in awsJson coral's
 * `MissingAuthenticationTokenException` with status 400. No browser form can add the header, so this
 * also keeps cross-site pages out of the AWS API.
 */
export class MissingAuthenticationTokenError extends FrameworkError {
  constructor(protocol: 'json' | 'query') {
    super('MissingAuthenticationTokenException', 'Request is missing Authentication Token', {
      queryCode: 'MissingAuthenticationToken',
      httpStatus: protocol === 'query' ? 403 : 400,
      jsonType: 'com.amazon.coral.service#MissingAuthenticationTokenException',
    });
  }
}

/** Refused by the lab's own guard (foreign Host, cross-origin): not an AWS answer, so its reason says why. */
export class LabRequestRefusedError extends FrameworkError {
  constructor(reason: string) {
    super('AccessDeniedException', reason, { queryCode: 'AccessDenied', httpStatus: 403 });
  }
}

/** Anything unclassified: a bug in the emulator, logged with its stack. */
export class InternalFailure extends FrameworkError {
  constructor(
    message = 'An internal error occurred in the emulator (see its debug log, DEBUG=lab:emulator*).',
  ) {
    super('InternalFailure', message, { httpStatus: 500, senderFault: false });
  }
}

export type ServiceErrorFactory = (
  code: string,
  message: string,
  options?: AwsServiceErrorOptions,
) => AwsServiceError;

/**
 * Builds errors from a service model's error shapes, so the query code, status and fault come from
 * the model (`errorFor(model)('QueueDoesNotExist', 'The specified queue does not exist.')`).
 * Unmodelled codes (SQS `InvalidParameterValue`) work too: pass their options explicitly.
 */
export function errorFactory(model: ServiceModel): ServiceErrorFactory {
  return (code, message, options = {}) => {
    const shape = model.shapes[code];
    const trait = shape?.type === 'structure' ? shape.error : undefined;
    return new AwsServiceError(code, message, {
      ...(trait?.code !== undefined ? { queryCode: trait.code } : {}),
      ...(trait?.httpStatusCode !== undefined ? { httpStatus: trait.httpStatusCode } : {}),
      ...(trait?.senderFault !== undefined ? { senderFault: trait.senderFault } : {}),
      ...(shape?.type === 'structure' && shape.fault === true && trait?.httpStatusCode === undefined
        ? { httpStatus: 500, senderFault: false }
        : {}),
      ...options,
    });
  };
}
