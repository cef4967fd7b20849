import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios } from '../../../harness/runner/load-scenarios.ts';
import { recordScenarioAudits } from '../../support/scenario-audit.ts';
import type { ScenarioAudit } from '../../support/scenario-audit.ts';
import { useTestVault } from '../../support/vault-server.ts';

const vault = useTestVault();
let audits: Map<string, ScenarioAudit>;

beforeAll(async () => {
  audits = new Map((await recordScenarioAudits(vault(), await loadScenarios())).map((a) => [a.name, a]));
});

function entries(name: string): Array<Record<string, any>> {
  return audits.get(name)!.lines.map((l) => JSON.parse(l) as Record<string, any>);
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
    expect(e.map((x) => [x['type'], x['request']['path']])).toEqual([['request', 'sys/seal']]);
    expect(e[0]!['auth']['policies']).toEqual(['default', 'lab-admin']);
  });

  it('audits an unknown free-form token with permission denied on the response', () => {
    const e = entries('permission-denied-invalid-token');
    expect(e.filter((x) => x['type'] === 'response').every((x) => /permission denied/.test(x['error']))).toBe(true);
    expect(e).toHaveLength(10);
  });

  it('does not give the shipped device the response entry of its own disable', () => {
    const e = entries('audit-device-disable-shipped');
    expect(e.map((x) => [x['type'], x['request']['path'], x['request']['operation']])).toEqual([['request', 'sys/audit/file', 'delete']]);
  });

  it('mints a root-equivalent token whose display_name is not "root"', () => {
    const e = entries('root-equivalent-token-auth-list');
    expect(e[0]!['auth']['display_name']).toBe('token');
    expect(e[0]!['auth']['policies']).toEqual(['root']);
  });
});
