import { describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli.ts';
import { captureIo } from '../../support/cli-io.ts';

// `vault-alarm-lab emulator` in-process: its JSON line, a clean stop on abort, and usage errors.
describe('vault-alarm-lab emulator', () => {
  it('prints exactly one JSON line with the endpoint, serves, and stops when aborted', async () => {
    const io = captureIo();
    const controller = new AbortController();
    const running = main(['emulator', '--port', '0', '--json'], io, controller.signal);
    const { waitFor } = await import('../../../harness/util/wait-for.ts');
    const line = await waitFor(() => io.stdoutText().includes('\n') && io.stdoutText(), {
      description: 'the endpoint line',
      timeoutMs: 10_000,
    });
    const printed = JSON.parse(line) as { endpoint: string; region: string };
    expect(line.trim().split('\n')).toHaveLength(1);
    expect(printed).toEqual({
      endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      region: 'us-east-1',
    });
    const health = await fetch(`${printed.endpoint}/_lab/health`);
    expect(health.status).toBe(200);
    controller.abort(new Error('test done'));
    expect(await running).toBe(0);
    expect(io.stderrText()).toBe('');
    await expect(fetch(`${printed.endpoint}/_lab/health`)).rejects.toThrow();
  });

  it('explains a port that is already taken (exit 4, an environment error)', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as { port: number }).port;
      const io = captureIo();
      expect(await main(['emulator', '--port', String(port)], io)).toBe(4);
      expect(io.stderrText()).toContain(`cannot listen on 127.0.0.1:${port} (EADDRINUSE`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses a bad port as a usage error (exit 2)', async () => {
    const io = captureIo();
    expect(await main(['emulator', '--port', 'http'], io)).toBe(2);
    expect(io.stderrText()).toContain("--port must be an integer from 0 to 65535, got 'http'");
  });
});
