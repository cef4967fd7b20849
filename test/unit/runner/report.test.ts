import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../../harness/runner/report/junit.ts';
import { renderTable } from '../../../harness/runner/report/table.ts';
import { coverageOf, scenariosThatRan, totalsOf } from '../../../harness/runner/verdict.ts';
import type { ScenarioResult, SuiteReport } from '../../../harness/runner/verdict.ts';

const report: SuiteReport = {
  tool: 'vault-alarm-lab',
  target: 'local',
  startedAt: '2024-01-15T12:00:00.000Z',
  durationMs: 12_345,
  labAdvancedMs: 3_600_000,
  state: 'failure',
  rules: [
    {
      id: 'root-token-used',
      title: 't',
      source: 'builtin',
      severity: 'high',
      techniques: ['T1078'],
      positive: ['a'],
      negative: ['b'],
    },
    {
      id: 'vault-sealed',
      title: 't',
      source: 'builtin',
      severity: 'high',
      techniques: ['T1078'],
      positive: ['c'],
      negative: [],
    },
  ],
  scenarios: [
    {
      name: 'a',
      summary: 'root does things',
      state: 'success',
      expected: ['root-token-used'],
      fired: ['root-token-used'],
      messages: 1,
      expectations: [
        {
          ruleId: 'root-token-used',
          alarmName: 'root-token-used',
          kind: 'fire',
          verdict: 'pass',
          detail: 'ok',
        },
      ],
      latency: { labMs: 61_000, wallMs: 140 },
      durationMs: 900,
      lookalikeFor: [],
    },
    {
      name: 'c <seal>',
      summary: 'seal & unseal',
      state: 'failure',
      expected: ['vault-sealed'],
      fired: [],
      messages: 0,
      expectations: [
        {
          ruleId: 'vault-sealed',
          alarmName: 'vault-sealed',
          kind: 'fire',
          verdict: 'fail',
          detail: 'expected to go to ALARM, but it did not change state',
        },
      ],
      durationMs: 1200,
      lookalikeFor: [],
    },
  ],
  totals: { passed: 1, failed: 1, aborted: 0, unverifiable: 0 },
  notes: ['business hours pinned'],
  subset: false,
};

describe('report renderers', () => {
  it('prints a table with verdicts, latency, the failures by name and the coverage', () => {
    const text = renderTable(report, { colour: false });
    expect(text).toContain('scenario');
    expect(text).toMatch(/a\s+root-token-used\s+root-token-used\s+1\s+pass\s+1 min 01 s \/ 140 ms/);
    expect(text).toContain('✗ c <seal>: seal & unseal');
    expect(text).toContain('must fire vault-sealed: expected to go to ALARM, but it did not change state');
    expect(text).toMatch(/! vault-sealed\s+\+1 \/ -0\s+\(missing negative scenario\)/);
    expect(text).toContain('FAIL 1 passed, 1 failed');
    expect(text).not.toContain('\u001b[');
  });

  it('for a --scenario selection, lists the rules it exercised and says the coverage is partial', () => {
    const selection: SuiteReport = {
      ...report,
      subset: true,
      rules: [
        ...report.rules,
        {
          id: 'policy-changed',
          title: 't',
          source: 'builtin',
          severity: 'high',
          techniques: ['T1078'],
          positive: [],
          negative: [],
        },
        {
          id: 'permission-denied',
          title: 't',
          source: 'builtin',
          severity: 'high',
          techniques: ['T1078'],
          positive: [],
          negative: [],
        },
      ],
    };
    const text = renderTable(selection, { colour: false });
    expect(text).toContain(
      'Rule coverage of the selected scenarios (partial: 2 rules not exercised by this selection)',
    );
    expect(text).toMatch(/· root-token-used\s+\+1 \/ -1\n/);
    expect(text).toMatch(/· vault-sealed\s+\+1 \/ -0\n/);
    expect(text).not.toContain('missing');
    expect(text).not.toContain('policy-changed');
    expect(text).not.toMatch(/^\s+!/m);
  });

  it('an interrupted run counts the scenarios it did not finish as not run, not failed, and claims no coverage for them', () => {
    const cut = (name: string): ScenarioResult => ({
      name,
      summary: 'not reached',
      state: 'aborted',
      expected: ['policy-changed'],
      fired: [],
      messages: 0,
      expectations: [],
      durationMs: 0,
      error: 'run interrupted before this scenario',
      lookalikeFor: [],
    });
    const results = [report.scenarios[0]!, cut('policy-write'), cut('policy-read')];
    const scenarios = [
      { name: 'a', expect: { fire: ['root-token-used'] }, lookalikeFor: [] },
      { name: 'policy-write', expect: { fire: ['policy-changed'] } },
      { name: 'policy-read', expect: { fire: [] }, lookalikeFor: ['policy-changed'] },
    ];
    const rules = coverageOf(
      [
        { id: 'root-token-used', title: 't', source: 'builtin', severity: 'high', techniques: [] },
        { id: 'policy-changed', title: 't', source: 'builtin', severity: 'high', techniques: [] },
      ],
      scenariosThatRan(scenarios, results),
    );
    expect(rules.find((r) => r.id === 'policy-changed')).toMatchObject({ positive: [], negative: [] });
    const totals = totalsOf(results);
    expect(totals).toEqual({ passed: 1, failed: 0, aborted: 2, unverifiable: 0 });

    const text = renderTable(
      { ...report, state: 'aborted', scenarios: results, rules, totals },
      { colour: false },
    );
    expect(text).not.toContain('Failed scenarios');
    expect(text).toContain(
      'Not run to the end (interrupted; neither passed nor failed)\n  policy-write, policy-read',
    );
    expect(text).toContain(
      'Rule coverage of the scenarios that ran (partial: 1 rule not exercised before the interruption)',
    );
    expect(text).not.toContain('✓');
    expect(text).not.toMatch(/^ {2}\S policy-changed/m);
    expect(text).toContain('ABORTED 1 passed, 0 failed, 2 not run');
  });

  it('colours only when asked', () => {
    expect(renderTable(report, { colour: true })).toContain('\u001b[');
  });

  it('writes JUnit XML with one escaped test case per scenario and the failure text', () => {
    const xml = renderJunit(report);
    expect(xml).toContain(
      '<testsuites name="vault-alarm-lab" tests="2" failures="1" errors="0" skipped="0" time="12.345">',
    );
    expect(xml).toContain('<testcase classname="vault-alarm-lab.local" name="c &lt;seal&gt;" time="1.200">');
    expect(xml).toContain(
      '<failure message="must fire vault-sealed: expected to go to ALARM, but it did not change state" type="failure">',
    );
    expect(xml.match(/<testcase /g)).toHaveLength(2);
  });
});

describe('durations', async () => {
  const { formatDuration } = await import('../../../harness/runner/report/format.ts');
  it('never shows 60 seconds', () => {
    expect(formatDuration(59_960)).toBe('1 min 00 s');
    expect(formatDuration(59_940)).toBe('59.9 s');
    expect(formatDuration(119_600)).toBe('2 min 00 s');
    expect(formatDuration(12)).toBe('12 ms');
  });
});
