/**
 * SQS errors as AWS returns them (aws-protocols.md §4.3-4.5), built from the model's error shapes so
 * the query code (what the CLI prints and `x-amzn-query-error` carries), the JSON `__type`
 * (`com.amazonaws.sqs#<shape>`) and the HTTP status are the model's; AWS's messages are here. The
 * non-existent-queue message differs between protocols ("… for this wsdl version." in query).
 * The two errors the model does not declare (InvalidParameterValue, MissingParameter) carry Coral's
 * `__type` explicitly.
 */
import { sqsModel } from '../models/sqs.ts';
import { AwsServiceError, errorFactory } from '../protocol/errors.ts';

const error = errorFactory(sqsModel);
const CORAL = 'com.amazon.coral.service';

export function queueDoesNotExist(): AwsServiceError {
  return error('QueueDoesNotExist', 'The specified queue does not exist.', {
    queryMessage: 'The specified queue does not exist for this wsdl version.',
  });
}

/** Unmodelled in the SDK: callers see `name` "InvalidParameterValue" (from x-amzn-query-error). */
export function invalidParameterValue(message: string): AwsServiceError {
  return new AwsServiceError('InvalidParameterValueException', message, {
    queryCode: 'InvalidParameterValue',
    jsonType: `${CORAL}#InvalidParameterValueException`,
    httpStatus: 400,
  });
}

export function missingParameter(name: string): AwsServiceError {
  return new AwsServiceError(
    'MissingRequiredParameterException',
    `The request must contain the parameter ${name}.`,
    {
      queryCode: 'MissingParameter',
      jsonType: `${CORAL}#MissingRequiredParameterException`,
      httpStatus: 400,
    },
  );
}

export function queueNameExists(attribute: string): AwsServiceError {
  return error(
    'QueueNameExists',
    `A queue already exists with the same name and a different value for attribute ${attribute}`,
  );
}

export function queueDeletedRecently(): AwsServiceError {
  return error(
    'QueueDeletedRecently',
    'You must wait 60 seconds after deleting a queue before you can create another queue with the same name.',
  );
}

export function invalidAttributeName(name: string): AwsServiceError {
  return error('InvalidAttributeName', `Unknown Attribute ${name}.`);
}

export function invalidAttributeValue(name: string, reason?: string): AwsServiceError {
  return error(
    'InvalidAttributeValue',
    reason === undefined
      ? `Invalid value for the parameter ${name}.`
      : `Invalid value for the parameter ${name}. Reason: ${reason}`,
  );
}

export function purgeQueueInProgress(queueName: string): AwsServiceError {
  return error(
    'PurgeQueueInProgress',
    `Only one PurgeQueue operation on ${queueName} is allowed every 60 seconds.`,
  );
}

export function receiptHandleIsInvalid(handle: string): AwsServiceError {
  // 404 as the SDK's model says; the CLI 2.9 model gives this shape no status.
  return error(
    'ReceiptHandleIsInvalid',
    `The input receipt handle "${handle}" is not a valid receipt handle.`,
    { httpStatus: 404 },
  );
}

export function messageNotInflight(): AwsServiceError {
  return error(
    'MessageNotInflight',
    'Message does not exist or is not available for visibility timeout change.',
  );
}

export function invalidMessageContents(): AwsServiceError {
  return error(
    'InvalidMessageContents',
    'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
  );
}

export function batchError(
  code:
    | 'TooManyEntriesInBatchRequest'
    | 'EmptyBatchRequest'
    | 'BatchEntryIdsNotDistinct'
    | 'InvalidBatchEntryId'
    | 'BatchRequestTooLong',
  message: string,
): AwsServiceError {
  return error(code, message);
}
