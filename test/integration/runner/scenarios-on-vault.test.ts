import { beforeAll, describe, expect, it } from 'vitest';
import { compileFilterPattern } from '../../../harness/filter-pattern/index.ts';
import { buildRuleSet } from '../../../harness/rules/index.ts';
import { pinnedParameters } from '../../../harness/runner/lab.ts';
import { loadScenarios } from '../../../harness/runner/load-scenarios.ts';
import type { AnyScenario } from '../../../harness/runner/scenario.ts';
import { recordScenarioAudits } from '../../support/scenario-audit.ts';
import type { ScenarioAudit } from '../../support/scenario-audit.ts';
import { useTestVault } from '../../support/vault-server.ts';

const vault = useTestVault();
let audits: Map<string, ScenarioAudit>;
let scenarios: AnyScenario[];

beforeAll(async () => {
  scenarios = await loadScenarios();
  audits = new Map((await recordScenarioAudits(vault(), scenarios)).map((a) => [a.name, a]));
});

/** A parsed audit entry, loosely typed: tests read the fields they assert on. */
interface Entry {
  type: string;
  error?: string;
  auth: { display_name?: string; policies?: string[] };
  request: { path: string; operation: string };
}

function entries(name: string): Entry[] {
  return audits.get(name)!.lines.map((l) => JSON.parse(l) as Entry);
}

describe('every built-in scenario against a real Vault 1.14.0', () => {
  it('runs setup, act and teardown without errors', () => {
    const failed = [...audits.values()].filter((a) => a.error).map((a) => `${a.name}: ${a.error}`);
    expect(failed).toEqual([]);
  });

  it('writes audit entries in every act phase except vault status (never audited)', () => {
    for (const [name, audit] of audits) {
      if (name === 'vault-status') expect(audit.lines, name).toEqual([]);
      else expect(audit.lines.length, name).toBeGreaterThan(0);
    }
  });

  it('seals with one request entry and nothing for the unseal', () => {
    const e = entries('seal-unseal');
    expect(e.map((x) => [x.type, x.request.path])).toEqual([['request', 'sys/seal']]);
    expect(e[0]!.auth.policies).toEqual(['default', 'lab-admin']);
  });

  it('audits an unknown free-form token with permission denied on the response', () => {
    const e = entries('permission-denied-invalid-token');
    expect(e.filter((x) => x.type === 'response').every((x) => /permission denied/.test(x.error ?? ''))).toBe(
      true,
    );
    expect(e).toHaveLength(10);
  });

  it('does not give the shipped device the response entry of its own disable', () => {
    const e = entries('audit-device-disable-shipped');
    expect(e.map((x) => [x.type, x.request.path, x.request.operation])).toEqual([
      ['request', 'sys/audit/file', 'delete'],
    ]);
  });

  it('mints a root-equivalent token whose display_name is not "root"', () => {
    const e = entries('root-equivalent-token-auth-list');
    expect(e[0]!.auth.display_name).toBe('token');
    expect(e[0]!.auth.policies).toEqual(['root']);
  });
});

describe('the built-in rules judged offline on each act phase (pattern engine + thresholds)', () => {
  it('fire exactly the rules each scenario expects', () => {
    // Every act phase runs well within one minute, so a rule's datapoint is its number of matches.
    const wrong: string[] = [];
    for (const scenario of scenarios) {
      const parameters = scenario.parameters?.({ wallNow: Date.now() }) ?? pinnedParameters();
      const set = buildRuleSet({ at: Date.now(), parameters });
      const fired = set.rules
        .filter((rule) => {
          const pattern = compileFilterPattern(rule.filter.pattern);
          const count = audits.get(scenario.name)!.lines.filter((line) => pattern.matches(line)).length;
          return count > 0 && count >= rule.alarm.threshold;
        })
        .map((r) => r.id)
        .sort();
      const expected = [...scenario.expect.fire].sort();
      if (fired.join() !== expected.join())
        wrong.push(`${scenario.name}: fired [${fired}] expected [${expected}]`);
    }
    expect(wrong).toEqual([]);
  });
});
