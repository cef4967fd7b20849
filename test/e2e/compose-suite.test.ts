import { describe, expect, it } from 'vitest';
import { VAULT_LAB_IMAGE } from '../../harness/docker/index.ts';
import { loadScenarios } from '../../harness/runner/load-scenarios.ts';
import { renderTable } from '../../harness/runner/report/table.ts';
import { runSuite } from '../../harness/runner/suite.ts';
import { dockerSkipReason } from '../support/vault-docker.ts';

/**
 * The whole built-in suite with Vault from docker-compose.yml (`run --backend compose`): the audit
 * log the container writes into the bind-mounted directory is what the shipper follows.
 */
const skip = await dockerSkipReason('the built-in suite on the compose back-end', [VAULT_LAB_IMAGE]);

describe.skipIf(skip !== undefined)('the whole built-in suite with Vault on docker compose', () => {
  it('passes every scenario', { timeout: 600_000 }, async () => {
    const scenarios = await loadScenarios();
    const report = await runSuite({ target: 'local', vaultBackend: 'compose', scenarios });
    console.log(renderTable(report, { colour: false }));
    expect(
      report.scenarios.filter((s) => s.state !== 'success').map((s) => `${s.name}: ${s.error ?? ''}`),
    ).toEqual([]);
    expect(report.scenarios).toHaveLength(scenarios.length);
  });
});
