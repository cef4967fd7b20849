import { describe, expect, it } from 'vitest';
import {
  AlarmRuleSyntaxError,
  evaluateAlarmRule,
  parseAlarmRule,
  referencedName,
  ruleReferences,
} from '../../../../harness/emulator/cloudwatch/composite-rule.ts';

const states: Record<string, string> = {
  a: 'ALARM',
  b: 'OK',
  c: 'INSUFFICIENT_DATA',
  'name with spaces': 'ALARM',
};
const evaluate = (rule: string): boolean =>
  evaluateAlarmRule(parseAlarmRule(rule), (ref) => states[referencedName(ref)]);

describe('composite alarm rules', () => {
  it.each([
    ['ALARM(a)', true],
    ['OK(a)', false],
    ['INSUFFICIENT_DATA(c)', true],
    ['ALARM("a") AND OK(b)', true],
    ['ALARM(a) AND ALARM(b)', false],
    ['ALARM(b) OR ALARM(a)', true],
    ['NOT ALARM(b)', true],
    ['NOT NOT ALARM(a)', true],
    ['ALARM(b) OR ALARM(a) AND OK(b)', true],
    ['(ALARM(b) OR ALARM(a)) AND INSUFFICIENT_DATA(b)', false],
    ['TRUE', true],
    ['FALSE OR TRUE AND NOT FALSE', true],
    ['ALARM(arn:aws:cloudwatch:us-east-1:000000000000:alarm:a)', true],
    ['ALARM("name with spaces")', true],
    ['ALARM(missing)', false],
  ])('%s → %s', (rule, want) => {
    expect(evaluate(rule)).toBe(want);
  });

  it('lists references without duplicates, in order', () => {
    expect(ruleReferences(parseAlarmRule('ALARM(a) OR (OK(b) AND ALARM("a")) OR NOT OK(c)'))).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it.each([
    ['ALARM(a) AND', 'Unexpected end'],
    ['ALARM(a', "Expected ')'"],
    ['alarm(a)', "Unexpected 'alarm(a)'"],
    ['ALARM()', 'Empty alarm name'],
    ['ALARM(a) XOR OK(b)', "Unexpected 'XOR OK(b)'"],
    ['ALARM("a)', 'Unterminated quoted alarm name'],
  ])('rejects %s with a positioned error', (rule, message) => {
    let error: unknown;
    try {
      parseAlarmRule(rule);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AlarmRuleSyntaxError);
    expect((error as AlarmRuleSyntaxError).code).toBe('LAB_ALARM_RULE_SYNTAX');
    expect((error as Error).message).toContain(message);
    expect((error as AlarmRuleSyntaxError).position).toBeGreaterThanOrEqual(0);
  });
});
