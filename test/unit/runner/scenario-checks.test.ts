import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli.ts';
import { loadScenarioFile } from '../../../harness/runner/load-scenarios.ts';
import { whereInScenario } from '../../../harness/runner/scenario-source.ts';
import { captureIo } from '../../support/cli-io.ts';

const dir = mkdtempSync(join(tmpdir(), 'lab-scenario-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scenarioFile(name: string, body: string): string {
  const path = join(dir, `${name}.ts`);
  writeFileSync(path, body);
  return path;
}

describe('scenario expectations are checked against the rule set before Vault boots', () => {
  it('a rule the rule file disables, or an id no rule has, is a configuration error naming the file (3)', async () => {
    const scenario = scenarioFile(
      'seals-the-vault',
      `export default {
  name: 'seals-the-vault',
  summary: 'seals Vault',
  expect: { fire: ['vault-sealed', 'vault-seald'] },
  lookalikeFor: ['root-tokn-used'],
  async act() {},
};
`,
    );
    const rules = join(dir, 'rules.yaml');
    writeFileSync(rules, 'disable: [vault-sealed]\nrules: []\n');
    // Were Vault started, this binary would make it an environment error (4), not a config error.
    const io = captureIo({ env: { VAULT_BIN: join(dir, 'no-vault-here') } });
    expect(await main(['run', '--scenario', scenario, '--rules', rules], io)).toBe(3);
    const err = io.stderrText();
    expect(err).toContain('3 scenario expectations name rules the run does not provision');
    expect(err).toContain(
      `scenario file ${scenario}: expect.fire names 'vault-sealed', which ${rules} disables, so it can never fire`,
    );
    expect(err).toContain(
      `scenario file ${scenario}: expect.fire names 'vault-seald', but no rule has this id`,
    );
    expect(err).toContain(
      `scenario file ${scenario}: lookalikeFor names 'root-tokn-used', but no rule has this id`,
    );
    expect(err).not.toContain('Vault');
  });
});

describe('a scenario that throws', () => {
  it('is located by file, line and column', async () => {
    const path = scenarioFile(
      'throws-in-act',
      `export default {
  name: 'throws-in-act',
  summary: 'throws',
  expect: { fire: [] },
  async act() {
    await Promise.resolve();
    throw new Error('kv mount missing');
  },
};
`,
    );
    const scenario = await loadScenarioFile(path);
    const error = await (scenario.act as () => Promise<void>)().catch((e: unknown) => e);
    expect(whereInScenario(error, path)).toBe(`${path}:7:11`);
    expect(whereInScenario(new Error('elsewhere'), path)).toBeUndefined();
  });
});
