import { describe, expect, it } from 'vitest';
import { cloudwatchModel, logsModel } from '../../../../harness/emulator/models/index.ts';
import { formatValidationMessage, validateInput } from '../../../../harness/emulator/protocol/validate.ts';
import { defaultValidationError } from '../../../../harness/emulator/protocol/validation-errors.ts';

const check = (
  model: Parameters<typeof validateInput>[0],
  operation: string,
  input: unknown,
): string | undefined => {
  const violations = validateInput(model, model.operations[operation]!.input!, input);
  return violations.length === 0 ? undefined : formatValidationMessage(violations);
};

describe("model constraints with Coral's messages", () => {
  it('reports a pattern violation (the trailing-space log group)', () => {
    expect(check(logsModel, 'CreateLogGroup', { logGroupName: 'vault_audit_log ' })).toBe(
      "1 validation error detected: Value 'vault_audit_log ' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
    );
    expect(check(logsModel, 'CreateLogGroup', { logGroupName: 'vault_audit_log' })).toBeUndefined();
  });

  it('reports missing members as null and counts several violations', () => {
    expect(check(logsModel, 'CreateLogStream', {})).toBe(
      "2 validation errors detected: Value null at 'logGroupName' failed to satisfy constraint: Member must not be null; Value null at 'logStreamName' failed to satisfy constraint: Member must not be null",
    );
  });

  it('reports length and value ranges, both bounds', () => {
    expect(check(logsModel, 'DescribeLogGroups', { limit: 0 })).toBe(
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect(check(logsModel, 'GetLogEvents', { logStreamName: 's', limit: 10001 })).toBe(
      "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
    );
    expect(check(logsModel, 'CreateLogGroup', { logGroupName: 'a'.repeat(513) })).toMatch(
      /Member must have length less than or equal to 512$/,
    );
  });

  it('names nested members with .N.member paths (1-based)', () => {
    expect(
      check(logsModel, 'PutLogEvents', {
        logGroupName: 'g',
        logStreamName: 's',
        logEvents: [
          { timestamp: 1, message: 'ok' },
          { timestamp: -1, message: '' },
        ],
      }),
    ).toBe(
      "2 validation errors detected: Value '-1' at 'logEvents.2.member.timestamp' failed to satisfy constraint: Member must have value greater than or equal to 0; Value '' at 'logEvents.2.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('checks map keys and values', () => {
    const message = check(logsModel, 'TagLogGroup', {
      logGroupName: 'g',
      tags: { '': 'v', ['k'.repeat(129)]: 'v' },
    });
    expect(message).toMatch(
      /at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: \[Member must have length greater than or equal to 1, /,
    );
    expect(message).toContain('Member must have length less than or equal to 128');
  });

  it('uses lowerCamelCase member names for CloudWatch and lists enum values', () => {
    expect(
      check(cloudwatchModel, 'SetAlarmState', { AlarmName: 'a', StateValue: 'INVALID', StateReason: 'x' }),
    ).toBe(
      "1 validation error detected: Value 'INVALID' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [OK, ALARM, INSUFFICIENT_DATA]",
    );
  });

  it('cuts very long values so messages stay readable', () => {
    const message = check(logsModel, 'TestMetricFilter', {
      filterPattern: '',
      logEventMessages: Array.from({ length: 51 }, () => 'x'.repeat(100)),
    })!;
    expect(message.length).toBeLessThan(1300);
    expect(message).toMatch(
      /\.\.\.' at 'logEventMessages' failed to satisfy constraint: Member must have length less than or equal to 50$/,
    );
  });

  it("maps violations to each service's error code", () => {
    const violations = validateInput(logsModel, 'CreateLogGroupRequest', {});
    expect(defaultValidationError('logs', violations)).toMatchObject({
      code: 'InvalidParameterException',
      httpStatus: 400,
    });
    expect(defaultValidationError('cloudwatch', violations)).toMatchObject({
      code: 'ValidationException',
      queryCode: 'ValidationError',
      jsonType: 'com.amazon.coral.validate#ValidationException',
    });
    const sqs = defaultValidationError('sqs', [
      {
        path: 'messageBody',
        value: undefined,
        kind: 'required',
        constraint: 'Member must not be null',
        member: 'MessageBody',
      },
    ]);
    expect(sqs).toMatchObject({
      queryCode: 'MissingParameter',
      message: 'The request must contain the parameter MessageBody.',
    });
  });
});
