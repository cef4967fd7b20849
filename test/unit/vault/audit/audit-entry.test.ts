import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_HMAC_PATTERN,
  isAuditProbe,
  isHmac,
  parseAuditLine,
  parseAuditLog,
} from '../../../../harness/vault/index.ts';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/vault-1.14.0/', import.meta.url));

describe('audit entry parsing', () => {
  it('names the line that is not an entry', () => {
    expect(() => parseAuditLine('not json', 7)).toThrow(/audit line 7 is not JSON/);
    expect(() => parseAuditLine('{"type":"other"}', 2)).toThrow(
      /audit line 2: expected an object with "type"/,
    );
    expect(parseAuditLog('\n{"time":"t","type":"request"}\n\n')).toEqual([{ time: 't', type: 'request' }]);
  });

  it('recognises HMACed values', () => {
    expect(isHmac(`hmac-sha256:${'a'.repeat(64)}`)).toBe(true);
    expect(isHmac(`hmac-sha256:${'a'.repeat(63)}`)).toBe(false);
    expect(isHmac('root')).toBe(false);
  });
});

describe('the recorded fixtures (test/fixtures/vault-1.14.0)', async () => {
  const manifest = JSON.parse(await readFile(join(FIXTURES, 'manifest.json'), 'utf8')) as {
    secretValueInClear: string;
    files: { file: string; entries: number; types: string[] }[];
    hmac: Record<string, string>;
  };

  it('lists every .log file with its entry count and types', async () => {
    const logs = (await readdir(FIXTURES)).filter((f) => f.endsWith('.log')).sort();
    expect(manifest.files.map((f) => f.file).sort()).toEqual(logs);
    for (const { file, entries, types } of manifest.files) {
      const parsed = parseAuditLog(await readFile(join(FIXTURES, file), 'utf8'));
      expect(parsed.length, file).toBe(entries);
      expect(
        parsed.map((e) => e.type),
        file,
      ).toEqual(types);
    }
  });

  it('contains no secret in clear text, only its HMAC', async () => {
    expect(manifest.hmac['secretValue']).toMatch(AUDIT_HMAC_PATTERN);
    const all = (await Promise.all(manifest.files.map((f) => readFile(join(FIXTURES, f.file), 'utf8')))).join(
      '',
    );
    expect(all).not.toContain(manifest.secretValueInClear);
    expect(all).toContain(manifest.hmac['secretValue']);
  });

  it('starts the audit file with the probe, records one entry for seal and none for unseal', async () => {
    const enable = parseAuditLog(await readFile(join(FIXTURES, 'audit-enable.log'), 'utf8'));
    expect(isAuditProbe(enable[0]!)).toBe(true);
    expect(parseAuditLog(await readFile(join(FIXTURES, 'seal.log'), 'utf8'))).toHaveLength(1);
    expect(await readFile(join(FIXTURES, 'unseal.log'), 'utf8')).toBe('');
  });
});
