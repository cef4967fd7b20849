import { expect } from 'vitest';
import { CANNOT_VERIFY } from '../../harness/runner/expectations.ts';
import { loadScenarios, selectScenarios } from '../../harness/runner/load-scenarios.ts';
import { renderTable } from '../../harness/runner/report/table.ts';
import { runSuite } from '../../harness/runner/suite.ts';
import { LOCALSTACK_START_ENV } from '../../harness/runner/targets/localstack.ts';
import { testVaultBinary } from './vault-server.ts';

/**
 * The `localstack` target end to end on a bounded subset (a negative and a positive scenario, in two
 * labs side by side): the target starts LocalStack itself the given way and stops it after, the
 * positive scenario's alarm fires and notifies, and the probe marks every negative expectation "cannot
 * be verified on this target" (LocalStack community matches every event with every metric filter).
 */
export async function expectLocalstackSubsetPasses(start: 'compose' | 'native'): Promise<void> {
  const report = await runSuite({
    target: 'localstack',
    env: { ...process.env, VAULT_BIN: testVaultBinary(), [LOCALSTACK_START_ENV]: start },
    scenarios: selectScenarios(await loadScenarios(), ['vault-status', 'root-token-create']),
    subset: true,
  });
  console.log(renderTable(report, { colour: false }));
  expect(report.notes.join('\n')).toContain('ignores filter patterns');
  expect(report.notes.join('\n')).toContain(start === 'compose' ? 'docker compose' : 'native');
  const positive = report.scenarios.find((s) => s.name === 'root-token-create')!;
  expect(positive.state, positive.error).toBe('success');
  const fires = positive.expectations.filter((e) => e.kind === 'fire');
  expect(fires.map((e) => e.ruleId).sort()).toEqual([...positive.expected].sort());
  expect(fires.every((e) => e.verdict === 'pass')).toBe(true);
  expect(positive.messages).toBeGreaterThan(0);
  for (const scenario of report.scenarios) {
    expect(
      scenario.expectations.filter((e) => e.kind === 'quiet').every((e) => e.detail === CANNOT_VERIFY),
      scenario.name,
    ).toBe(true);
  }
}
