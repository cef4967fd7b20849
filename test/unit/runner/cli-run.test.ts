import { describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli.ts';
import { captureIo } from '../../support/cli-io.ts';

describe('vault-alarm-lab run', () => {
  it('lists the scenarios with what each must fire', async () => {
    const io = captureIo();
    expect(await main(['run', '--list'], io)).toBe(0);
    expect(io.stdoutText()).toMatch(
      /root-auth-list-repeated\s+fires: root-auth-list-article, root-auth-list, root-token-used/,
    );
    expect(io.stdoutText()).toMatch(/vault-status\s+fires: \(nothing\)/);
  });

  it('a missing scenario file is a configuration error (3), not a failed scenario (1)', async () => {
    const io = captureIo();
    expect(await main(['run', '--scenario', './no-such-scenario.ts'], io)).toBe(3);
    expect(io.stderrText()).toContain('no-such-scenario.ts: cannot load it');
  });

  it('refuses an unknown target or scenario before starting anything', async () => {
    const io = captureIo();
    expect(await main(['run', '--target', 'gcp'], io)).toBe(2);
    expect(io.stderrText()).toContain("--target: expected one of local, localstack, aws, got 'gcp'");
    const io2 = captureIo();
    expect(await main(['run', '--scenario', 'nope'], io2)).toBe(3);
    expect(io2.stderrText()).toContain("unknown scenario 'nope'");
  });
});
