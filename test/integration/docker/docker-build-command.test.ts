import { describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli.ts';
import { LOCALSTACK_LAB_IMAGE, VAULT_LAB_IMAGE } from '../../../harness/docker/index.ts';
import { captureIo } from '../../support/cli-io.ts';
import { dockerSkipReason } from '../../support/vault-docker.ts';

const warmSkip = await dockerSkipReason('the warm docker build', [VAULT_LAB_IMAGE, LOCALSTACK_LAB_IMAGE]);

describe('vault-alarm-lab docker build', () => {
  it('says no engine answers and what to start, without building anything', async () => {
    const io = captureIo({ env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
    expect(await main(['docker', 'build'], io)).toBe(1);
    expect(io.stderrText()).toMatch(/no Docker engine answers the docker CLI .*start one .*DOCKER_HOST/);
    expect(io.stdoutText()).toBe('');
  });

  it('refuses an unknown part', async () => {
    const io = captureIo({ env: process.env });
    expect(await main(['docker', 'build', '--only', 'vault,kafka'], io)).toBe(2);
    expect(io.stderrText()).toContain("--only: expected compose, base, vault, localstack, got 'kafka'");
  });

  it.skipIf(warmSkip !== undefined)('finds everything up to date on a machine where it has run', async () => {
    const io = captureIo({ env: process.env });
    expect(await main(['docker', 'build', '--json'], io)).toBe(0);
    const { outcomes } = JSON.parse(io.stdoutText()) as { outcomes: { part: string; built: boolean }[] };
    expect(outcomes.map((o) => [o.part, o.built])).toEqual([
      ['compose', false],
      ['base', false],
      ['vault', false],
      ['localstack', false],
    ]);
  });
});
