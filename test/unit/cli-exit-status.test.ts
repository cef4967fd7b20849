import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../harness/cli.ts';
import { captureIo } from '../support/cli-io.ts';

const dir = mkdtempSync(join(tmpdir(), 'lab-exit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An address where nothing listens: a port the system handed out and that was closed again. */
async function closedEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('exit statuses', () => {
  it('lists the statuses in every command help', async () => {
    for (const argv of [['--help'], ['run', '--help'], ['pattern', 'test', '--help']]) {
      const io = captureIo();
      expect(await main(argv, io)).toBe(0);
      expect(io.stdoutText()).toMatch(
        /Exit status:\n {2}0 +success[^]*\n {2}3 +configuration[^]*\n {2}130 +interrupted/,
      );
    }
  });

  it('a rule file that is not valid YAML is a configuration error: 3', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, "rules:\n  - id: 'unterminated\n");
    const io = captureIo();
    expect(await main(['rules', 'list', '--rules', file], io)).toBe(3);
  });

  it('an endpoint where nothing answers is an environment error: 4, one line, no stack', async () => {
    const io = captureIo();
    expect(await main(['rules', 'apply', '--endpoint', await closedEndpoint()], io)).toBe(4);
    expect(io.stderrText()).toMatch(/^vault-alarm-lab rules apply: connect ECONNREFUSED 127\.0\.0\.1:\d+\n$/);
  });

  it('an error raised because of Ctrl-C is reported as the interruption: 130', async () => {
    const controller = new AbortController();
    controller.abort(new Error('received SIGINT'));
    const io = captureIo();
    expect(await main(['rules', 'apply', '--endpoint', await closedEndpoint()], io, controller.signal)).toBe(
      130,
    );
    expect(io.stderrText()).toBe('vault-alarm-lab rules apply: interrupted (received SIGINT); stopped\n');
  });
});
