import { logsModel } from '../models/logs.ts';
import { errorFactory, type AwsServiceError } from '../protocol/errors.ts';

/**
 * CloudWatch Logs errors with the texts AWS returns (aws-protocols.md §4.5, cloudwatch-agent.md §4.4),
 * built from the model's error shapes like every service's: every Logs client error is HTTP 400 with
 * the bare shape name as `__type`.
 */
const error = errorFactory(logsModel);

export function invalidParameter(message: string): AwsServiceError {
  return error('InvalidParameterException', message);
}

export function groupNotFound(): AwsServiceError {
  return error('ResourceNotFoundException', 'The specified log group does not exist.');
}

export function streamNotFound(): AwsServiceError {
  return error('ResourceNotFoundException', 'The specified log stream does not exist.');
}

export function filterNotFound(): AwsServiceError {
  return error('ResourceNotFoundException', 'The specified metric filter does not exist.');
}

export function resourceNotFound(message: string): AwsServiceError {
  return error('ResourceNotFoundException', message);
}

export function groupExists(): AwsServiceError {
  return error('ResourceAlreadyExistsException', 'The specified log group already exists');
}

export function streamExists(): AwsServiceError {
  return error('ResourceAlreadyExistsException', 'The specified log stream already exists');
}

export function limitExceeded(message = 'Resource limit exceeded.'): AwsServiceError {
  return error('LimitExceededException', message);
}

export function validationException(message: string): AwsServiceError {
  return error('ValidationException', message);
}

export function invalidNextToken(): AwsServiceError {
  return invalidParameter('The specified nextToken is invalid.');
}

export function tooManyTags(max: number): AwsServiceError {
  return error('TooManyTagsException', `A resource can have no more than ${max} tags.`);
}
