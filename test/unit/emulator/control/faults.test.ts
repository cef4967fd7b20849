import { describe, expect, it } from 'vitest';
import { FaultInjector, parseFaultSpec } from '../../../../harness/emulator/control/faults.ts';

describe('fault injection', () => {
  it('fails exactly the next N calls of one operation, then stops', () => {
    const faults = new FaultInjector();
    faults.add({
      service: 'logs',
      operation: 'PutLogEvents',
      error: 'ServiceUnavailableException',
      count: 2,
    });
    expect(faults.take('logs', 'CreateLogGroup')).toBeUndefined();
    expect(faults.take('logs', 'PutLogEvents')).toMatchObject({
      code: 'ServiceUnavailableException',
      httpStatus: 500,
      senderFault: false,
    });
    expect(faults.take('logs', 'PutLogEvents')?.message).toMatch(/Injected fault 2 of 2/);
    expect(faults.take('logs', 'PutLogEvents')).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it('turns a bare status into an AWS error of that status', () => {
    const faults = new FaultInjector();
    faults.add({ service: 'sqs', operation: 'SendMessage', status: 503, count: 1 });
    faults.add({ service: 'sqs', operation: 'ReceiveMessage', status: 429, count: 1 });
    expect(faults.take('sqs', 'SendMessage')).toMatchObject({
      code: 'InternalFailure',
      httpStatus: 503,
      senderFault: false,
    });
    expect(faults.take('sqs', 'ReceiveMessage')).toMatchObject({ httpStatus: 429, senderFault: true });
  });

  it('validates the request body', () => {
    expect(
      parseFaultSpec({ service: 'logs', operation: 'PutLogEvents', error: 'ThrottlingException' }, ['logs']),
    ).toEqual({
      service: 'logs',
      operation: 'PutLogEvents',
      error: 'ThrottlingException',
      count: 1,
    });
    expect(parseFaultSpec([], ['logs'])).toBe('expected a JSON object');
    expect(parseFaultSpec({ service: 'logs', operation: 'X', status: 200 }, ['logs'])).toMatch(/status/);
    expect(parseFaultSpec({ service: 'logs', operation: 'X', error: 'E', count: 0 }, ['logs'])).toMatch(
      /count/,
    );
  });
});
