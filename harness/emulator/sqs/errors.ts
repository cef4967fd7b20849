/**
 * SQS errors as AWS returns them (aws-protocols.md §4.3-4.5): the query code (what the CLI prints and
 * `x-amzn-query-error` carries), the JSON `__type`, the HTTP status and AWS's messages. The
 * non-existent-queue message differs between protocols ("… for this wsdl version." in query).
 */
import { AwsServiceError } from '../protocol/errors.ts';

const SQS_NS = 'com.amazonaws.sqs';
const CORAL = 'com.amazon.coral.service';

export function queueDoesNotExist(): AwsServiceError {
  return new AwsServiceError('QueueDoesNotExist', 'The specified queue does not exist.', {
    queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
    queryMessage: 'The specified queue does not exist for this wsdl version.',
    jsonType: `${SQS_NS}#QueueDoesNotExist`,
    httpStatus: 400,
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

function sqsError(code: string, queryCode: string, message: string, httpStatus = 400): AwsServiceError {
  return new AwsServiceError(code, message, { queryCode, jsonType: `${SQS_NS}#${code}`, httpStatus });
}

export function queueNameExists(attribute: string): AwsServiceError {
  return sqsError(
    'QueueNameExists',
    'QueueAlreadyExists',
    `A queue already exists with the same name and a different value for attribute ${attribute}`,
  );
}

export function queueDeletedRecently(): AwsServiceError {
  return sqsError(
    'QueueDeletedRecently',
    'AWS.SimpleQueueService.QueueDeletedRecently',
    'You must wait 60 seconds after deleting a queue before you can create another queue with the same name.',
  );
}

export function invalidAttributeName(name: string): AwsServiceError {
  return sqsError('InvalidAttributeName', 'InvalidAttributeName', `Unknown Attribute ${name}.`);
}

export function invalidAttributeValue(name: string, reason?: string): AwsServiceError {
  return sqsError(
    'InvalidAttributeValue',
    'InvalidAttributeValue',
    reason === undefined
      ? `Invalid value for the parameter ${name}.`
      : `Invalid value for the parameter ${name}. Reason: ${reason}`,
  );
}

export function purgeQueueInProgress(queueName: string): AwsServiceError {
  return sqsError(
    'PurgeQueueInProgress',
    'AWS.SimpleQueueService.PurgeQueueInProgress',
    `Only one PurgeQueue operation on ${queueName} is allowed every 60 seconds.`,
    403,
  );
}

export function receiptHandleIsInvalid(handle: string): AwsServiceError {
  return sqsError(
    'ReceiptHandleIsInvalid',
    'ReceiptHandleIsInvalid',
    `The input receipt handle "${handle}" is not a valid receipt handle.`,
    404,
  );
}

export function messageNotInflight(): AwsServiceError {
  return sqsError(
    'MessageNotInflight',
    'AWS.SimpleQueueService.MessageNotInflight',
    'Message does not exist or is not available for visibility timeout change.',
  );
}

export function invalidMessageContents(): AwsServiceError {
  return sqsError(
    'InvalidMessageContents',
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
  return sqsError(code, `AWS.SimpleQueueService.${code}`, message);
}
