import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_IDS } from '../../../harness/rules/builtin-pack.ts';
import {
  loadScenarios,
  resolveScenarioSelection,
  selectScenarios,
} from '../../../harness/runner/load-scenarios.ts';
import { coverageOf } from '../../../harness/runner/verdict.ts';
import { utcWindowAround } from '../../../harness/runner/scenario-helpers.ts';

describe('the built-in scenarios', async () => {
  const scenarios = await loadScenarios();

  it('cover every built-in rule with at least one positive and one negative scenario', () => {
    const coverage = coverageOf(
      BUILTIN_RULE_IDS.map((id) => ({ id, title: id, source: 'builtin', severity: 'high', techniques: [] })),
      scenarios,
    );
    for (const rule of coverage) {
      expect(rule.positive.length, `${rule.id} positive`).toBeGreaterThan(0);
      expect(rule.negative.length, `${rule.id} negative`).toBeGreaterThan(0);
    }
  });

  it('name only rules that exist', () => {
    for (const s of scenarios) {
      for (const id of [...s.expect.fire, ...(s.lookalikeFor ?? [])])
        expect(BUILTIN_RULE_IDS, s.name).toContain(id);
    }
  });

  it('select by name in the given order and refuse unknown names with the list', () => {
    expect(selectScenarios(scenarios, ['vault-status', 'seal-unseal']).map((s) => s.name)).toEqual([
      'vault-status',
      'seal-unseal',
    ]);
    expect(() => selectScenarios(scenarios, ['nope'])).toThrow(
      /unknown scenario 'nope'; known scenarios: .*root-auth-list-repeated/,
    );
  });
});

describe('scenario helpers', () => {
  it('builds whole-hour UTC windows around now, wrapping midnight', () => {
    expect(utcWindowAround(Date.UTC(2024, 0, 15, 12, 30), -2, 2)).toBe('10:00-14:00');
    expect(utcWindowAround(Date.UTC(2024, 0, 15, 23, 5), 2, 6)).toBe('01:00-05:00');
    expect(utcWindowAround(Date.UTC(2024, 0, 15, 1, 5), -6, 6)).toBe('19:00-07:00');
  });
});

describe('the --scenario selection', async () => {
  const all = await loadScenarios();
  const root = resolve(import.meta.dirname, '../../..');

  it('runs only the scenario files given by path, not the whole suite besides them', async () => {
    const picked = await resolveScenarioSelection(all, ['scenarios/vault-status.ts'], root);
    expect(picked.map((s) => s.name)).toEqual(['vault-status']);
  });

  it('keeps the command-line order when names and paths are mixed', async () => {
    const picked = await resolveScenarioSelection(
      all,
      ['scenarios/seal-unseal.ts', 'vault-status', './scenarios/allowed-reads.ts'],
      root,
    );
    expect(picked.map((s) => s.name)).toEqual(['seal-unseal', 'vault-status', 'allowed-reads']);
  });

  it('names a scenario file it cannot load', async () => {
    const missing = resolve(root, 'scenarios/no-such-scenario.ts');
    await expect(resolveScenarioSelection(all, [missing], root)).rejects.toMatchObject({
      code: 'LAB_CONFIG_INVALID',
      message: expect.stringMatching(/^scenario file .*no-such-scenario\.ts: cannot load it \(/),
    });
  });

  it('plays every scenario when none is named', async () => {
    expect(await resolveScenarioSelection(all, [], root)).toHaveLength(all.length);
  });
});
