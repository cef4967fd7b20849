import { resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerEngineStatus } from '../../harness/vault/index.ts';
import { CANNOT_VERIFY } from '../../harness/runner/expectations.ts';
import { loadScenarios, selectScenarios } from '../../harness/runner/load-scenarios.ts';
import { runSuite } from '../../harness/runner/suite.ts';
import { testVaultBinary } from '../support/vault-server.ts';

/**
 * The localstack target with LocalStack from docker-compose.yml: a positive scenario passes, and the
 * probe marks negative expectations "cannot be verified on this target" (LocalStack community
 * matches every event with every metric filter). Needs a Docker engine; skipped with the reason
 * otherwise.
 */
const docker = await dockerEngineStatus();
if (!docker.available) console.log(`skipping the LocalStack target test: ${docker.reason}`);
const ROOT = resolve(import.meta.dirname, '../..');

describe.skipIf(!docker.available)('the localstack target', () => {
  beforeAll(async () => {
    await execa('docker', ['compose', 'up', '-d', '--wait', 'localstack'], { cwd: ROOT });
  }, 300_000);
  afterAll(async () => {
    await execa('docker', ['compose', 'rm', '-sf', 'localstack'], { cwd: ROOT, reject: false });
  });

  it('passes a positive scenario and reports negatives as unverifiable', { timeout: 900_000 }, async () => {
    process.env['VAULT_BIN'] = testVaultBinary();
    const report = await runSuite({
      target: 'localstack',
      scenarios: selectScenarios(await loadScenarios(), ['vault-status', 'root-token-create']),
    });
    expect(report.notes.join('\n')).toContain('ignores filter patterns');
    const positive = report.scenarios.find((s) => s.name === 'root-token-create')!;
    expect(positive.expectations.filter((e) => e.kind === 'fire').every((e) => e.verdict === 'pass')).toBe(
      true,
    );
    expect(
      positive.expectations.filter((e) => e.kind === 'quiet').every((e) => e.detail === CANNOT_VERIFY),
    ).toBe(true);
  });
});
