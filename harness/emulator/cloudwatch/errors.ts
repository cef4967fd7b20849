/**
 * CloudWatch errors (aws-protocols.md §4.3/§4.5), built from the model's error traits so the query
 * code and HTTP status are AWS's: `InvalidParameterValue`, `InvalidParameterCombination`,
 * `MissingParameter` (400), `ResourceNotFound` (404, no message at all at AWS), `InvalidNextToken`,
 * `InvalidFormat`, `LimitExceeded`, and Coral's `ValidationError` for constraint violations.
 */
import { cloudwatchModel } from '../models/cloudwatch.ts';
import { AwsServiceError, errorFactory } from '../protocol/errors.ts';

const error = errorFactory(cloudwatchModel);

export function invalidParameterValue(message: string): AwsServiceError {
  return error('InvalidParameterValueException', message);
}

export function invalidParameterCombination(message: string): AwsServiceError {
  return error('InvalidParameterCombinationException', message);
}

export function missingParameter(message: string): AwsServiceError {
  return error('MissingRequiredParameterException', message);
}

/** AWS sends ResourceNotFound without any message (recorded at AWS). */
export function resourceNotFound(): AwsServiceError {
  return error('ResourceNotFound', '', { omitMessage: true });
}

/** Tag APIs use the other not-found shape. */
export function resourceNotFoundException(message: string): AwsServiceError {
  return error('ResourceNotFoundException', message);
}

export function invalidNextToken(): AwsServiceError {
  return error('InvalidNextToken', 'Invalid NextToken');
}

export function invalidFormat(message: string): AwsServiceError {
  return error('InvalidFormatFault', message);
}

export function limitExceeded(message: string): AwsServiceError {
  return error('LimitExceededFault', message);
}

/** Coral validation failure (`ValidationError` in query, `ValidationException` for the SDK). */
export function validationError(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message, {
    queryCode: 'ValidationError',
    jsonType: 'com.amazon.coral.validate#ValidationException',
    httpStatus: 400,
  });
}
