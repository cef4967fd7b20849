import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_IDS } from '../../harness/rules/builtin-pack.ts';
import { loadScenarios } from '../../harness/runner/load-scenarios.ts';
import { renderTable } from '../../harness/runner/report/table.ts';
import { runSuite } from '../../harness/runner/suite.ts';
import { testVaultBinary } from '../support/vault-server.ts';

describe('the whole built-in suite on the local target', () => {
  it('passes every scenario and covers every rule both ways', async () => {
    const scenarios = await loadScenarios();
    const env = { ...process.env, VAULT_BIN: testVaultBinary() };
    const report = await runSuite({ target: 'local', scenarios, env });
    const table = renderTable(report, { colour: false });
    console.log(table);
    expect(
      report.scenarios.filter((s) => s.state !== 'success').map((s) => `${s.name}: ${s.error ?? ''}`),
    ).toEqual([]);
    expect(report.state).toBe('success');
    expect(report.scenarios).toHaveLength(scenarios.length);
    for (const id of BUILTIN_RULE_IDS) {
      const coverage = report.rules.find((r) => r.id === id)!;
      expect(coverage.positive.length, id).toBeGreaterThan(0);
      expect(coverage.negative.length, id).toBeGreaterThan(0);
    }
    // Every expected alarm arrived as a verified SNS message with a measured latency.
    for (const s of report.scenarios.filter((x) => x.expected.length > 0)) {
      expect(s.messages, s.name).toBe(s.expected.length);
      expect(s.latency, s.name).toBeDefined();
    }
  });
});
