/**
 * SNS errors with AWS's codes and messages (aws-protocols.md §4.3/§4.5): `InvalidParameter` (400)
 * with "Invalid parameter: …" texts, `NotFound` (404), `ParameterValueInvalid` for message-attribute
 * problems (shape InvalidParameterValueException).
 */
import { AwsServiceError } from '../protocol/errors.ts';

export function invalidParameter(detail: string): AwsServiceError {
  return new AwsServiceError('InvalidParameterException', `Invalid parameter: ${detail}`, {
    queryCode: 'InvalidParameter',
    httpStatus: 400,
  });
}

export function notFound(message: string): AwsServiceError {
  return new AwsServiceError('NotFoundException', message, { queryCode: 'NotFound', httpStatus: 404 });
}

export function topicNotFound(): AwsServiceError {
  return notFound('Topic does not exist');
}

export function subscriptionNotFound(): AwsServiceError {
  return notFound('Subscription does not exist');
}

export function parameterValueInvalid(message: string): AwsServiceError {
  return new AwsServiceError('InvalidParameterValueException', message, {
    queryCode: 'ParameterValueInvalid',
    httpStatus: 400,
  });
}

export function resourceNotFound(message: string): AwsServiceError {
  return new AwsServiceError('ResourceNotFoundException', message, {
    queryCode: 'ResourceNotFound',
    httpStatus: 404,
  });
}

/** `Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1`. */
export function invalidArn(member: string, arn: string): AwsServiceError {
  const elements = arn.split(':').length;
  return invalidParameter(`${member} Reason: An ARN must have at least 6 elements, not ${elements}`);
}
