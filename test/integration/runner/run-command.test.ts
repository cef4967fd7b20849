import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli.ts';
import type { CliIo } from '../../../harness/cli/command.ts';
import { testVaultBinary } from '../../support/vault-server.ts';

/** A non-TTY stdout/stderr pair (a CI log) that calls `onText` after every write. */
function logIo(
  onText: (out: string, err: string) => void = () => {},
): CliIo & { out(): string; err(): string } {
  let out = '';
  let err = '';
  const stream = (append: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        onText(out, err);
        done();
      },
    });
  return {
    stdout: stream((t) => (out += t)),
    stderr: stream((t) => (err += t)),
    env: { ...process.env, VAULT_BIN: testVaultBinary() },
    cwd: process.cwd(),
    out: () => out,
    err: () => err,
  };
}

describe('vault-alarm-lab run in a CI log', () => {
  it('prints Vault progress lines and does not claim a build when the binary is there', async () => {
    const io = logIo();
    const status = await main(['run', '--scenario', 'vault-status'], io);
    expect(status, io.err()).toBe(0);
    expect(io.err()).toMatch(/^vault ready: Vault ready at http:\/\/127\.0\.0\.1:\d+ \(\d+s\)$/m);
    expect(io.err()).toMatch(/^vault audit: file audit device/m);
    expect(io.out()).toContain('starting Vault 1.14.0 dev server');
    expect(io.out()).not.toContain('builds the binary');
  });

  it('--region runs the lab in that region', async () => {
    const io = logIo();
    expect(
      await main(['run', '--scenario', 'root-auth-list-repeated', '--region', 'eu-west-1'], io),
      io.err(),
    ).toBe(0);
    expect(io.out()).toMatch(/target local at http:\/\/127\.0\.0\.1:\d+, region eu-west-1/);
  });

  it('Ctrl-C during start-up exits 130 with one clean line', async () => {
    const controller = new AbortController();
    const io = logIo((out) => {
      if (out.includes('starting Vault') && !controller.signal.aborted)
        controller.abort(new Error('received SIGINT'));
    });
    expect(await main(['run', '--scenario', 'vault-status'], io, controller.signal)).toBe(130);
    expect(io.err()).toMatch(/^vault-alarm-lab run: interrupted \(received SIGINT\); stopped$/m);
    expect(io.err()).not.toMatch(/abort|unexpected error/i);
  });
});
