import { describe, expect, it } from 'vitest';
import { validateRule } from '../../../harness/rules/validate-rule.ts';

const valid = {
  id: 'kv-delete',
  filter: { pattern: '{ $.type = "response" }', metricName: 'KvDeleteCount' },
};

function issuesOf(raw: unknown): string[] {
  const result = validateRule(raw, { source: 'my-rules.yaml', index: 0 });
  return result.ok ? [] : result.issues.map((i) => `${i.rule} ${i.field}: ${i.message}`);
}

describe('validateRule', () => {
  it('applies the defaults a minimal rule leaves out', () => {
    const result = validateRule(valid, { source: 'my-rules.yaml', index: 0 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rule).toMatchObject({
      id: 'kv-delete',
      source: 'my-rules.yaml',
      topic: 'vault-audit-alarms',
      notify: ['ALARM'],
      filter: { namespace: 'VaultMetricNamespace', value: '1' },
      alarm: {
        statistic: 'Sum',
        period: 60,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        comparison: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        treatMissingData: 'notBreaching',
        description: 'kv-delete',
      },
    });
  });

  it.each([
    [{ ...valid, id: 'Bad Id' }, /Bad Id field 'id'|Bad Id id: expected kebab-case/],
    [{ ...valid, extra: 1 }, /kv-delete extra: unknown field/],
    [{ id: 'x' }, /x filter: expected an object/],
    [{ ...valid, filter: { ...valid.filter, pattern: '' } }, /filter.pattern: expected a non-empty/],
    [
      { ...valid, filter: { ...valid.filter, pattern: 'x'.repeat(1025) } },
      /filter.pattern: is 1025 characters.*1024/,
    ],
    [{ ...valid, filter: { ...valid.filter, metricName: 'a:b' } }, /filter.metricName: .*without ':'/],
    [{ ...valid, filter: { ...valid.filter, namespace: 'AWS/Vault' } }, /filter.namespace: .*reserved/],
    [
      { ...valid, filter: { ...valid.filter, value: 'size' } },
      /filter.value: expected a number or a field selector/,
    ],
    [{ ...valid, filter: { ...valid.filter, unit: 'Parsecs' } }, /filter.unit: expected a CloudWatch unit/],
    [
      {
        ...valid,
        filter: { ...valid.filter, dimensions: { a: '$.a' }, defaultValue: 0 },
        alarm: { dimensions: { a: 'x' } },
      },
      /filter.defaultValue: cannot be set together with dimensions/,
    ],
    [
      { ...valid, filter: { ...valid.filter, dimensions: { a: '$.a', b: '$.b', c: '$.c', d: '$.d' } } },
      /filter.dimensions: has 4 dimensions; .* at most 3/,
    ],
    [
      { ...valid, filter: { ...valid.filter, dimensions: { path: '$.request.path' } } },
      /alarm.dimensions: must give a value for exactly/,
    ],
    [{ ...valid, alarm: { period: 45 } }, /alarm.period: expected a multiple of 60 seconds.*got 45/],
    [{ ...valid, alarm: { period: 0 } }, /alarm.period: expected an integer >= 1/],
    [
      { ...valid, alarm: { evaluationPeriods: 2, datapointsToAlarm: 3 } },
      /alarm.datapointsToAlarm: \(3\) cannot exceed/,
    ],
    [
      { ...valid, alarm: { period: 600, evaluationPeriods: 200 } },
      /alarm.evaluationPeriods: .*exceeds 86400/,
    ],
    [{ ...valid, alarm: { statistic: 'Median' } }, /alarm.statistic: expected one of SampleCount/],
    [{ ...valid, alarm: { comparison: 'GreaterThanUpperThreshold' } }, /alarm.comparison: expected one of/],
    [{ ...valid, alarm: { treatMissingData: 'zero' } }, /alarm.treatMissingData: expected one of/],
    [{ ...valid, alarm: { threshold: '1' } }, /alarm.threshold: expected a number, got string "1"/],
    [{ ...valid, alarm: { description: 'x'.repeat(1025) } }, /alarm.description: is 1025 characters/],
    [{ ...valid, notify: 'ALARM' }, /notify: expected a list of alarm states/],
    [
      { ...valid, notify: ['ALARM', 'PAGE'] },
      /notify\[1\]: expected an alarm state \(ALARM, OK, INSUFFICIENT_DATA\), got string "PAGE"/,
    ],
    [{ ...valid, topic: 'has space' }, /topic: expected an SNS topic name/],
    ['not a rule', /#1 \(rule\): expected an object/],
  ])('refuses %j naming the rule and field', (raw, message) => {
    const issues = issuesOf(raw);
    expect(issues.join('\n')).toMatch(message);
  });

  it('reports every problem of a rule, not only the first', () => {
    const issues = issuesOf({
      id: 'x',
      filter: { pattern: '', metricName: '' },
      alarm: { period: 45, threshold: 'a' },
    });
    expect(issues.length).toBeGreaterThanOrEqual(4);
  });

  it('reports the pattern checker’s message on filter.pattern', () => {
    const result = validateRule(valid, {
      source: 'f.yaml',
      index: 0,
      checkPattern: () => {
        throw new Error('unexpected token at 3\n  { $.type\n    ^');
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({
      rule: 'kv-delete',
      field: 'filter.pattern',
      message: expect.stringContaining('^'),
    });
  });
});
