import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// The committed models are exactly what the generator makes from the Debian CLI 2.9.19 models.
const BOTOCORE = '/usr/lib/python3/dist-packages/awscli/botocore/data';
const missing = existsSync(BOTOCORE)
  ? undefined
  : `${BOTOCORE} not found (apt-get install awscli): generator check skipped`;
if (missing) console.warn(missing);
const out = mkdtempSync(join(tmpdir(), 'lab-models-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.skipIf(missing !== undefined)('harness/emulator/models and the facts generated with them', () => {
  it('matches a fresh run of scripts/generate-aws-models.ts', async () => {
    await promisify(execFile)(
      process.execPath,
      ['bin/run-ts.js', 'scripts/generate-aws-models.ts', '--out-dir', out, '--facts-out-dir', out],
      {
        timeout: 60_000,
      },
    );
    const generated = [
      ...['logs', 'cloudwatch', 'sns', 'sqs'].map((service) => `emulator/models/${service}.ts`),
      'filter-pattern/standard-unit.ts',
    ];
    for (const path of generated) {
      const committed = readFileSync(new URL(`../../../../harness/${path}`, import.meta.url), 'utf8');
      const name = path.slice(path.lastIndexOf('/') + 1);
      expect(readFileSync(join(out, name), 'utf8'), `${path} is stale: regenerate it`).toBe(committed);
    }
  });
});
