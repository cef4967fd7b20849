import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = new URL('../../bin/vault-alarm-lab.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'lab-epipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI as `… | head -c 1` does: the reader closes stdout after its first chunk. */
function runIntoClosedPipe(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('stdout closed by the reader (| head)', () => {
  it('ends the command quietly instead of printing an EPIPE stack', async () => {
    const events = join(dir, 'events.log');
    writeFileSync(events, Array.from({ length: 50_000 }, (_, i) => `ERROR line ${i}`).join('\n'));
    for (const output of [['--json'], []]) {
      const result = await runIntoClosedPipe(['pattern', 'test', '-p', 'ERROR', '-f', events, ...output]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
  });
});
