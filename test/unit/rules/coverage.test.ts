import { describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli.ts';
import {
  ATTACK_TECHNIQUES,
  buildRuleSet,
  checkFilterPattern,
  parseRuleFile,
  RuleValidationError,
} from '../../../harness/rules/index.ts';
import { coverageOf, loadScenarios, renderTable, techniqueMatrix } from '../../../harness/runner/index.ts';
import type { SuiteReport } from '../../../harness/runner/index.ts';
import { captureIo } from '../../support/cli-io.ts';

const AT = Date.parse('2026-03-02T12:00:00Z');
const pack = buildRuleSet({ at: AT, checkPattern: checkFilterPattern });

describe('rule coverage: severity and MITRE ATT&CK techniques', () => {
  it('gives every built-in rule a severity and at least one named technique', () => {
    for (const rule of pack.rules) {
      expect(['critical', 'high', 'medium', 'low']).toContain(rule.severity);
      expect(rule.techniques.length, rule.id).toBeGreaterThan(0);
      for (const t of rule.techniques) expect(ATTACK_TECHNIQUES[t], `${rule.id} ${t}`).toBeDefined();
    }
    const of = (id: string) => pack.rules.find((r) => r.id === id)!;
    expect(of('audit-device-disabled').techniques).toEqual(['T1562.008']);
    expect(of('root-token-used').techniques).toEqual(['T1078']);
    expect(of('policy-changed').techniques).toEqual(['T1098']);
  });

  it('builds the technique × rule matrix with the scenarios that exercise each rule', async () => {
    const matrix = techniqueMatrix(coverageOf(pack.rules, await loadScenarios()));
    const row = matrix.find((r) => r.technique === 'T1562.008')!;
    expect(row.name).toBe('Impair Defenses: Disable or Modify Cloud Logs');
    expect(row.rules.map((r) => r.id)).toEqual(['audit-device-disabled']);
    expect(row.rules[0]!.positive).toContain('audit-device-disable-second');
    expect(row.rules[0]!.negative.length).toBeGreaterThan(0);
    expect(matrix.find((r) => r.technique === 'T1078')!.rules.map((r) => r.id)).toContain(
      'off-hours-activity',
    );
  });

  it('shows the matrix in rules list and in the run report', async () => {
    const io = captureIo();
    expect(await main(['rules', 'list'], io)).toBe(0);
    expect(io.stdoutText()).toMatch(
      /T1562\.008 Impair Defenses: Disable or Modify Cloud Logs\n +audit-device-disabled +critical +\+\d+ \/ -\d+/,
    );

    const report: SuiteReport = {
      tool: 'vault-alarm-lab',
      target: 'local',
      startedAt: '2026-03-02T12:00:00.000Z',
      durationMs: 1,
      labAdvancedMs: 0,
      state: 'success',
      subset: false,
      rules: coverageOf(pack.rules, await loadScenarios()),
      scenarios: [],
      totals: { passed: 0, failed: 0, aborted: 0, unverifiable: 0 },
      notes: [],
    };
    const text = renderTable(report, { colour: false });
    expect(text).toContain('ATT&CK coverage');
    expect(text).toMatch(/T1489 Service Stop\n +vault-sealed +high/);
  });

  it('refuses a technique id that is not one, and an unknown severity, naming the field', () => {
    const file = parseRuleFile(
      JSON.stringify({
        rules: [
          {
            id: 'x',
            severity: 'urgent',
            techniques: ['Valid Accounts'],
            filter: { pattern: '{ $.type = "response" }', metricName: 'X' },
          },
        ],
      }),
      'rules.json',
    );
    let error: unknown;
    try {
      buildRuleSet({ userFile: file, withoutBuiltins: true, at: AT });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleValidationError);
    expect(String((error as Error).message)).toMatch(/'severity'.*critical, high, medium, low/);
    expect(String((error as Error).message)).toMatch(/'techniques'.*T1562\.008/);
  });
});
