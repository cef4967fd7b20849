import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, loadScenarios, selectScenarios } from '../../harness/runner/load-scenarios.ts';
import { runSuite } from '../../harness/runner/suite.ts';
import { testVaultBinary } from '../support/vault-server.ts';

/** A rule file with this YAML body. */
function rulesFileWith(yaml: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'val-broken-')), 'broken.yaml');
  writeFileSync(path, yaml);
  return path;
}

/** A rule file that overrides one built-in rule's pattern. */
function rulesFile(ruleId: string, pattern: string): string {
  return rulesFileWith(`override:\n  ${ruleId}:\n    filter:\n      pattern: '${pattern}'\n`);
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
  const env = { ...process.env, VAULT_BIN: testVaultBinary() };
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
      env,
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
      env,
      scenarios,
      rulesFile: rulesFile(
        'policy-changed',
        '{ $.type = "response" && $.request.path = "sys/policies/acl/*" && $.request.operation = "update" }',
      ),
    });
    expect(report.state).toBe('failure');
    expect(failing(report)).toEqual({ 'policy-write-legacy-path': ['fire policy-changed'] });
  });

  it('a scenario expecting a rule that is not provisioned is refused before the lab starts', async () => {
    const rules = rulesFileWith('disable: [vault-sealed]\n');
    await expect(
      runSuite({ target: 'local', env, scenarios: selectScenarios(all, ['seal-unseal']), rulesFile: rules }),
    ).rejects.toThrow(`expect.fire names 'vault-sealed', which ${rules} disables, so it can never fire`);
  });

  it('a scenario that throws reports its file and line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'val-throws-')), 'throws-in-act.ts');
    writeFileSync(
      file,
      `export default {
  name: 'throws-in-act',
  summary: 'reads a mount that does not exist',
  expect: { fire: [] },
  async act({ identities }) {
    await identities.root.read('no-such-mount/thing');
  },
};
`,
    );
    const report = await runSuite({ target: 'local', env, scenarios: [await loadScenarioFile(file)] });
    expect(report.scenarios[0]?.state).toBe('error');
    expect(report.scenarios[0]?.error).toMatch(new RegExp(`\\(at ${file}:6:\\d+\\)$`));
  });
});
