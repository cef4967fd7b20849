import { AwsServiceError } from '../protocol/errors.ts';

/**
 * CloudWatch Logs errors with the texts AWS returns (aws-protocols.md §4.5, cloudwatch-agent.md §4.4).
 * Every Logs client error is HTTP 400 with the bare shape name as `__type`.
 */
export function invalidParameter(message: string): AwsServiceError {
  return new AwsServiceError('InvalidParameterException', message);
}

export function groupNotFound(): AwsServiceError {
  return new AwsServiceError('ResourceNotFoundException', 'The specified log group does not exist.');
}

export function streamNotFound(): AwsServiceError {
  return new AwsServiceError('ResourceNotFoundException', 'The specified log stream does not exist.');
}

export function filterNotFound(): AwsServiceError {
  return new AwsServiceError('ResourceNotFoundException', 'The specified metric filter does not exist.');
}

export function resourceNotFound(message: string): AwsServiceError {
  return new AwsServiceError('ResourceNotFoundException', message);
}

export function groupExists(): AwsServiceError {
  return new AwsServiceError('ResourceAlreadyExistsException', 'The specified log group already exists');
}

export function streamExists(): AwsServiceError {
  return new AwsServiceError('ResourceAlreadyExistsException', 'The specified log stream already exists');
}

export function limitExceeded(message = 'Resource limit exceeded.'): AwsServiceError {
  return new AwsServiceError('LimitExceededException', message);
}

export function validationException(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

export function invalidNextToken(): AwsServiceError {
  return invalidParameter('The specified nextToken is invalid.');
}
