import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_IDS } from '../../../harness/rules/builtin-pack.ts';
import { RuleFileError, RuleValidationError } from '../../../harness/rules/errors.ts';
import { parseRuleFile } from '../../../harness/rules/rule-file.ts';
import { buildRuleSet } from '../../../harness/rules/rule-set.ts';

const AT = Date.UTC(2024, 0, 15, 12);

function errorOf(fn: () => unknown): RuleValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleValidationError) return error;
    throw error;
  }
  throw new Error('expected a RuleValidationError');
}

describe('the built-in pack', () => {
  it('has the ten rules of issue 7, each valid and with a one-line rationale', () => {
    const set = buildRuleSet({ at: AT });
    expect(set.rules.map((r) => r.id)).toEqual([...BUILTIN_RULE_IDS]);
    for (const rule of set.rules) {
      expect(rule.rationale.length, rule.id).toBeGreaterThan(40);
      expect(rule.rationale, rule.id).not.toContain('\n');
      expect(rule.source).toBe('builtin');
    }
  });

  it('keeps the article’s RootAuthListFilter exactly as published', () => {
    const rule = buildRuleSet({ at: AT }).rules.find((r) => r.id === 'root-auth-list-article')!;
    expect(rule.filter).toMatchObject({
      pattern: '{$.auth.display_name = "root" && $.request.path = "sys/auth" && $.type = "response"}',
      metricName: 'RootAuthListCount',
      namespace: 'VaultMetricNamespace',
      value: '1',
    });
  });

  it('builds the off-hours pattern from the business-hours parameter', () => {
    const set = buildRuleSet({
      at: AT,
      parameters: { businessHours: { window: '09:00-17:00', timeZone: 'Europe/Paris' } },
    });
    const rule = set.rules.find((r) => r.id === 'off-hours-activity')!;
    // 09:00-17:00 in Paris in January is 08:00-16:00 UTC.
    expect(rule.filter.pattern).toContain('%T0[0-7]|T1[6-9]|T2[0-3]%');
    expect(rule.title).toContain('09:00-17:00 Europe/Paris');
  });
});

describe('rule files', () => {
  it('adds user rules, disables and overrides built-in ones', () => {
    const file = parseRuleFile(
      [
        'parameters:',
        '  businessHours: { window: "07:00-19:00" }',
        'disable: [permission-denied]',
        'override:',
        '  root-token-used: { alarm: { threshold: 2 }, notify: [ALARM, OK] }',
        'rules:',
        '  - id: kv-secret-deleted',
        '    rationale: deletes of KV data',
        '    filter: { pattern: \'{ $.type = "response" && $.request.operation = "delete" }\', metricName: KvDeleteCount }',
      ].join('\n'),
      'team-rules.yaml',
    );
    const set = buildRuleSet({ at: AT, userFile: file, prefix: 'ci-42-' });
    const ids = set.rules.map((r) => r.id);
    expect(ids).not.toContain('permission-denied');
    expect(ids.at(-1)).toBe('kv-secret-deleted');
    const used = set.rules.find((r) => r.id === 'root-token-used')!;
    expect(used.alarm.threshold).toBe(2);
    expect(used.notify).toEqual(['ALARM', 'OK']);
    expect(used.source).toBe('builtin (overridden in team-rules.yaml)');
    expect(set.rules.find((r) => r.id === 'off-hours-activity')!.filter.pattern).toContain(
      'T0[0-6]|T19|T2[0-3]',
    );
    expect(set.prefix).toBe('ci-42-');
  });

  it('reads JSON files too', () => {
    const file = parseRuleFile(
      JSON.stringify({ rules: [{ id: 'a', filter: { pattern: 'ERROR', metricName: 'A' } }] }),
      'r.json',
    );
    expect(buildRuleSet({ at: AT, userFile: file, withoutBuiltins: true }).rules.map((r) => r.id)).toEqual([
      'a',
    ]);
  });

  it('lists every problem with file, rule and field', () => {
    const file = parseRuleFile(
      [
        'disable: [no-such-rule]',
        'override: { no-such-override: { alarm: { threshold: 2 } } }',
        'colour: blue',
        'rules:',
        '  - id: root-token-used',
        '    filter: { pattern: "x", metricName: X }',
        '  - id: broken',
        '    filter: { pattern: "x", metricName: X }',
        '    alarm: { period: 30 }',
      ].join('\n'),
      'bad.yaml',
    );
    const error = errorOf(() => buildRuleSet({ at: AT, userFile: file }));
    expect(error.code).toBe('LAB_RULE_INVALID');
    const lines = error.issues.map((i) => `${i.source} ${i.rule} ${i.field}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'bad.yaml (file) colour',
        'bad.yaml no-such-rule disable',
        'bad.yaml no-such-override override',
        'bad.yaml root-token-used id',
        'bad.yaml broken alarm.period',
      ]),
    );
    expect(error.message).toContain("bad.yaml: rule 'broken' field 'alarm.period'");
    expect(error.message).toContain(
      "bad.yaml: rule 'no-such-override' field 'override': no built-in rule has this id; built-in ids: root-auth-list-article, root-auth-list,",
    );
  });

  it('refuses a rule publishing into another rule’s metric, naming both rules', () => {
    const file = parseRuleFile(
      [
        'rules:',
        '  - id: my-root-watch',
        '    filter: { pattern: \'{ $.auth.policies[0] = "root" }\', metricName: RootTokenUseCount }',
      ].join('\n'),
      'team.yaml',
    );
    const error = errorOf(() => buildRuleSet({ at: AT, userFile: file }));
    expect(error.issues).toEqual([
      {
        source: 'team.yaml',
        rule: 'my-root-watch',
        field: 'filter.metricName',
        message:
          "publishes into VaultMetricNamespace/RootTokenUseCount, the metric of rule 'root-token-used' (builtin): each rule's alarm would fire on the other's matches; give one of them its own metricName or namespace",
      },
    ]);
    // Another namespace or another dimension set is another metric.
    const own = parseRuleFile(
      [
        'rules:',
        '  - id: team-root-watch',
        '    filter: { pattern: "root", metricName: RootTokenUseCount, namespace: Team }',
        '  - id: by-path',
        '    filter: { pattern: "{ $.type = 1 }", metricName: RootTokenUseCount, dimensions: { Path: $.request.path } }',
        '    alarm: { dimensions: { Path: sys/auth } }',
      ].join('\n'),
      'team.yaml',
    );
    expect(buildRuleSet({ at: AT, userFile: own }).rules).toHaveLength(12);
  });

  it('refuses an override that points a built-in rule at another one’s metric', () => {
    const file = parseRuleFile(
      'override:\n  vault-sealed: { filter: { metricName: PolicyChangeCount } }\n',
      'team.yaml',
    );
    expect(errorOf(() => buildRuleSet({ at: AT, userFile: file })).message).toContain(
      "rule 'vault-sealed' field 'filter.metricName': publishes into VaultMetricNamespace/PolicyChangeCount, the metric of rule 'policy-changed' (builtin)",
    );
  });

  it('refuses unparsable files with the line', () => {
    expect(() => parseRuleFile('rules:\n  - id: [unclosed', 'x.yaml')).toThrow(RuleFileError);
    expect(() => parseRuleFile('rules:\n  - id: [unclosed', 'x.yaml')).toThrow(
      /x.yaml: not valid YAML at line/,
    );
    expect(() => parseRuleFile('{"rules": [}', 'x.json')).toThrow(/x.json: not valid JSON/);
    expect(() => parseRuleFile('- a\n- b', 'x.yaml')).toThrow(/expected a mapping with 'rules'/);
  });

  it('points a YAML error at the quote that was opened and never closed', () => {
    const text = [
      'rules:',
      '  - id: kv-delete',
      '    filter:',
      '      pattern: \'{ $.request.operation = "delete" }',
      '      metricName: KvDelete',
      '  - id: other',
      '    filter: { pattern: ERROR, metricName: Other }',
      '',
    ].join('\n');
    expect(() => parseRuleFile(text, 'team.yaml')).toThrow(
      [
        'rules file team.yaml: not valid YAML at line 4, column 16: this quote is never closed',
        '        pattern: \'{ $.request.operation = "delete" }',
        '                 ^',
      ].join('\n'),
    );
  });

  it('points a YAML error at the opening quote of a value that ends early on its own quote', () => {
    const text = 'rules:\n  - id: kv-delete\n    filter:\n      pattern: "{ $.type = "x" }"\n';
    expect(() => parseRuleFile(text, 'team.yaml')).toThrow(
      [
        'rules file team.yaml: not valid YAML at line 4, column 16: the value quoted here ends at the " in column 28' +
          ` (Unexpected scalar at node end); to put " in a value, quote the value with ' instead`,
        '        pattern: "{ $.type = "x" }"',
        '                 ^',
      ].join('\n'),
    );
  });

  it('gives the line and column of a JSON error', () => {
    const trailingComma = '{\n  "rules": [\n    { "id": "a", }\n  ]\n}\n';
    expect(() => parseRuleFile(trailingComma, 'team.json')).toThrow(
      'rules file team.json: not valid JSON at line 3, column 18: Expected double-quoted property name\n' +
        '      { "id": "a", }\n' +
        '                   ^',
    );
    // V8 words an unexpected token without its position; the line and column are found all the same.
    const bareWord = '{\n  "rules": [\n    { "id": a }\n  ]\n}\n';
    expect(() => parseRuleFile(bareWord, 'team.json')).toThrow(
      "rules file team.json: not valid JSON at line 3, column 13: Unexpected token 'a'",
    );
  });

  it('says when two rules of one file share an id', () => {
    const file = parseRuleFile(
      [
        'rules:',
        '  - id: kv-delete',
        '    filter: { pattern: ERROR, metricName: A }',
        '  - id: kv-delete',
        '    filter: { pattern: WARN, metricName: B }',
      ].join('\n'),
      'team.yaml',
    );
    const error = errorOf(() => buildRuleSet({ at: AT, userFile: file }));
    expect(error.message).toBe(
      "a rule is invalid:\n  team.yaml: rule 'kv-delete' field 'id': rule #2 has the id of rule #1 in the same file; rule ids must be unique",
    );
  });

  it('counts several problems in plain words', () => {
    const file = parseRuleFile('disable: [nope]\noverride: { nada: {} }\n', 'team.yaml');
    expect(errorOf(() => buildRuleSet({ at: AT, userFile: file })).message).toMatch(
      /^the rules have 2 problems:\n/,
    );
  });

  it('refuses a log group name the agent would silently drop (trailing space)', () => {
    expect(() => buildRuleSet({ at: AT, logGroupName: 'vault_audit_log ' })).toThrow(
      /"vault_audit_log ".*no spaces/,
    );
  });
});
