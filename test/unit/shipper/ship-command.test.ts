import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli.ts';
import { tempDir } from '../../support/shipper-temp.ts';

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

describe('vault-alarm-lab ship', () => {
  it("refuses the article's config before reading anything, naming field, value and rule", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'audit.log'), 'line\n');
    await writeFile(
      path.join(dir, 'agent.json'),
      JSON.stringify({
        agent: { run_as_user: 'root' },
        logs: {
          logs_collected: {
            files: {
              collect_list: [
                {
                  file_path: './audit.log',
                  log_group_name: 'vault_audit_log ',
                  log_stream_name: '{instance_id}',
                },
              ],
            },
          },
        },
      }),
    );
    const out = capture();
    const err = capture();
    const status = await main(['ship', '--config', 'agent.json', '--endpoint', 'http://127.0.0.1:9'], {
      stdout: out.stream,
      stderr: err.stream,
      env: {},
      cwd: dir,
    });
    expect(status).toBe(3);
    expect(err.text()).toContain(
      'log_group_name = "vault_audit_log " (shown with whitespace visible: vault_audit_log␠): the space at index 15 (trailing) is not allowed',
    );
    expect(err.text()).toContain('nothing was read or shipped');
    expect(existsSync(path.join(dir, '.lab'))).toBe(false);
  });

  it('requires --config and validates numbers', async () => {
    const err = capture();
    const io = { stdout: capture().stream, stderr: err.stream, env: {}, cwd: '/' };
    expect(await main(['ship'], io)).toBe(2);
    expect(err.text()).toContain('--config <file> is required');
    expect(await main(['ship', '--config', 'x.json', '--retry-base-ms', 'soon'], io)).toBe(2);
    expect(err.text()).toContain("--retry-base-ms expects a positive number, got 'soon'");
  });
});
