/**
 * SNS errors with AWS's messages (aws-protocols.md §4.3/§4.5), built from the model's error shapes so
 * the query code and status are the model's: `InvalidParameter` (400) with "Invalid parameter: …"
 * texts, `NotFound` (404), `ParameterValueInvalid` for message-attribute problems (shape
 * InvalidParameterValueException), `ResourceNotFound` (404) for the tag APIs.
 */
import { snsModel } from '../models/sns.ts';
import { errorFactory, type AwsServiceError } from '../protocol/errors.ts';

const error = errorFactory(snsModel);

export function invalidParameter(detail: string): AwsServiceError {
  return error('InvalidParameterException', `Invalid parameter: ${detail}`);
}

export function notFound(message: string): AwsServiceError {
  return error('NotFoundException', message);
}

export function topicNotFound(): AwsServiceError {
  return notFound('Topic does not exist');
}

export function subscriptionNotFound(): AwsServiceError {
  return notFound('Subscription does not exist');
}

export function parameterValueInvalid(message: string): AwsServiceError {
  return error('InvalidParameterValueException', message);
}

export function resourceNotFound(message: string): AwsServiceError {
  return error('ResourceNotFoundException', message);
}

/** `Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1`. */
export function invalidArn(member: string, arn: string): AwsServiceError {
  const elements = arn.split(':').length;
  return invalidParameter(`${member} Reason: An ARN must have at least 6 elements, not ${elements}`);
}
