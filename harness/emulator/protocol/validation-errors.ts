import { AwsServiceError } from './errors.ts';
import type { Violation } from './validate.ts';
import { formatValidationMessage } from './validate.ts';

/**
 * The error each service answers constraint violations with, by default (a service definition may
 * override it). The message is Coral's "N validation error(s) detected: …" format in every case; the
 * code differs (aws-protocols.md §4.3, §4.5):
 *
 * - Logs: `InvalidParameterException` (400);
 * - CloudWatch and SNS: `ValidationError` (query code) / `ValidationException` (SDK class), JSON
 *   `__type` `com.amazon.coral.validate#ValidationException`;
 * - SQS: a missing member is `MissingParameter` ("The request must contain the parameter X."), other
 *   violations `InvalidParameterValue`.
 */
export function defaultValidationError(service: string, violations: readonly Violation[]): AwsServiceError {
  const message = formatValidationMessage(violations);
  switch (service) {
    case 'logs':
      return new AwsServiceError('InvalidParameterException', message, { httpStatus: 400 });
    case 'sqs': {
      const missing = violations.find((v) => v.kind === 'required');
      if (missing) {
        return new AwsServiceError(
          'MissingRequiredParameterException',
          `The request must contain the parameter ${missing.member}.`,
          {
            queryCode: 'MissingParameter',
            jsonType: 'com.amazon.coral.service#MissingRequiredParameterException',
          },
        );
      }
      return new AwsServiceError('InvalidParameterValueException', message, {
        queryCode: 'InvalidParameterValue',
        jsonType: 'com.amazon.coral.service#InvalidParameterValueException',
      });
    }
    default:
      return new AwsServiceError('ValidationException', message, {
        queryCode: 'ValidationError',
        jsonType: 'com.amazon.coral.validate#ValidationException',
      });
  }
}
