import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarios, selectScenarios } from '../../harness/runner/load-scenarios.ts';
import { runSuite } from '../../harness/runner/suite.ts';
import { testVaultBinary } from '../support/vault-server.ts';

/** A rule file that overrides one built-in rule's pattern. */
function rulesFile(ruleId: string, pattern: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'val-broken-'));
  const path = join(dir, 'broken.yaml');
  writeFileSync(path, `override:\n  ${ruleId}:\n    filter:\n      pattern: '${pattern}'\n`);
  return path;
}

function failing(report: Awaited<ReturnType<typeof runSuite>>): Record<string, string[]> {
  return Object.fromEntries(
    report.scenarios
      .filter((s) => s.state !== 'success')
      .map((s) => [
        s.name,
        s.expectations.filter((e) => e.verdict === 'fail').map((e) => `${e.kind} ${e.ruleId}`),
      ]),
  );
}

describe('a rule broken on purpose is caught by name', async () => {
  process.env['VAULT_BIN'] = testVaultBinary();
  const all = await loadScenarios();

  it('too broad: a seal rule matching every request fires in scenarios that never seal', async () => {
    const scenarios = selectScenarios(all, [
      'seal-unseal',
      'vault-status',
      'auth-list-non-root',
      'allowed-reads',
    ]);
    const report = await runSuite({
      target: 'local',
      scenarios,
      rulesFile: rulesFile('vault-sealed', '{ $.type = "request" }'),
    });
    expect(report.state).toBe('failure');
    expect(failing(report)).toEqual({
      'auth-list-non-root': ['quiet vault-sealed'],
      'allowed-reads': ['quiet vault-sealed'],
    });
  });

  it('too narrow: a policy rule on sys/policies/acl only misses the legacy endpoint', async () => {
    const scenarios = selectScenarios(all, [
      'policy-write-acl-path',
      'policy-write-legacy-path',
      'policy-read-list',
    ]);
    const report = await runSuite({
      target: 'local',
      scenarios,
      rulesFile: rulesFile(
        'policy-changed',
        '{ $.type = "response" && $.request.path = "sys/policies/acl/*" && $.request.operation = "update" }',
      ),
    });
    expect(report.state).toBe('failure');
    expect(failing(report)).toEqual({ 'policy-write-legacy-path': ['fire policy-changed'] });
  });
});
