import { describe, expect, it } from 'vitest';
import {
  FilterPolicyError,
  matchesFilterPolicy,
  validateFilterPolicy,
} from '../../../../harness/emulator/sns/filter-policy.ts';

const attrs = {
  severity: { DataType: 'String', StringValue: 'critical' },
  count: { DataType: 'Number', StringValue: '12' },
  tags: { DataType: 'String.Array', StringValue: '["vault","audit"]' },
};
const matches = (policy: object): boolean =>
  matchesFilterPolicy(JSON.stringify(policy), 'MessageAttributes', 'body', attrs);

describe('SNS filter policies', () => {
  it.each([
    [{ severity: ['critical'] }, true],
    [{ severity: ['warning', 'critical'] }, true],
    [{ severity: ['warning'] }, false],
    [{ severity: [{ prefix: 'crit' }] }, true],
    [{ severity: [{ suffix: 'cal' }] }, true],
    [{ severity: [{ 'equals-ignore-case': 'CRITICAL' }] }, true],
    [{ severity: [{ 'anything-but': ['warning'] }] }, true],
    [{ severity: [{ 'anything-but': { prefix: 'cri' } }] }, false],
    [{ count: [{ numeric: ['>', 10, '<=', 12] }] }, true],
    [{ count: [{ numeric: ['=', 11] }] }, false],
    [{ count: [12] }, true],
    [{ missing: [{ exists: false }] }, true],
    [{ severity: [{ exists: true }], missing: [{ exists: true }] }, false],
    [{ tags: ['audit'] }, true],
    [{ $or: [{ severity: ['warning'] }, { count: [{ numeric: ['>', 1] }] }] }, true],
  ])('%j → %s', (policy, want) => {
    expect(matches(policy)).toBe(want);
  });

  it('matches nested body properties with the MessageBody scope', () => {
    const body = JSON.stringify({ alarm: { state: 'ALARM', name: 'vault-root' } });
    expect(
      matchesFilterPolicy(JSON.stringify({ alarm: { state: ['ALARM'] } }), 'MessageBody', body, undefined),
    ).toBe(true);
    expect(
      matchesFilterPolicy(JSON.stringify({ alarm: { state: ['OK'] } }), 'MessageBody', body, undefined),
    ).toBe(false);
    expect(
      matchesFilterPolicy(
        JSON.stringify({ alarm: { state: ['ALARM'] } }),
        'MessageBody',
        'not json',
        undefined,
      ),
    ).toBe(false);
  });

  it('refuses unknown operators and malformed policies', () => {
    expect(() => validateFilterPolicy('{"a":[{"wildcard":"x*"}]}')).toThrow(FilterPolicyError);
    expect(() => validateFilterPolicy('{"a":[{"wildcard":"x*"}]}')).toThrow(
      'Unrecognized match type wildcard',
    );
    expect(() => validateFilterPolicy('[1]')).toThrow(/JSON object/);
    expect(() => validateFilterPolicy('{"a":[{"numeric":[">","x"]}]}')).toThrow(/numeric/);
    expect(() => validateFilterPolicy('{')).toThrow(/parse/);
    expect(() => validateFilterPolicy('{"a":["x",{"prefix":"y"}],"b":{"c":[1]}}')).not.toThrow();
  });
});
