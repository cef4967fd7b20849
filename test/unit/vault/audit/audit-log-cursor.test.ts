import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLogCursor, fileAuditDeviceOptions } from '../../../../harness/vault/index.ts';

describe('AuditLogCursor', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vault-cursor-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads only what was appended after the mark, and holds back a line without its newline', async () => {
    const path = join(dir, 'audit.log');
    await appendFile(path, '{"time":"1","type":"request"}\n');
    const cursor = await AuditLogCursor.atEnd(path);
    expect(await cursor.read()).toEqual([]);
    await appendFile(path, '{"time":"2","type":"request"}\n{"time":"3","ty');
    expect((await cursor.read()).map((e) => e.time)).toEqual(['2']);
    await appendFile(path, 'pe":"response"}\n');
    expect((await cursor.read()).map((e) => e.time)).toEqual(['3']);
  });

  it('treats a file that does not exist yet as empty and times out naming the file', async () => {
    const path = join(dir, 'later.log');
    const cursor = await AuditLogCursor.atEnd(path);
    expect(await cursor.read()).toEqual([]);
    await expect(cursor.waitForEntries(1, { timeoutMs: 100 })).rejects.toMatchObject({
      code: 'LAB_WAIT_TIMEOUT',
      message: expect.stringContaining(path),
    });
  });
});

describe('file audit device options', () => {
  it('defaults to JSON with HMAC on and no prefix, and never log_raw unless asked', () => {
    expect(fileAuditDeviceOptions('/lab/audit/audit.log')).toEqual({
      file_path: '/lab/audit/audit.log',
      format: 'json',
    });
    expect(
      fileAuditDeviceOptions('/a', { logRaw: true, hmacAccessor: false, mode: '0640', prefix: 'x' }),
    ).toEqual({
      file_path: '/a',
      format: 'json',
      log_raw: 'true',
      hmac_accessor: 'false',
      mode: '0640',
      prefix: 'x',
    });
  });

  it('refuses an unknown format or a mode that is not octal', () => {
    expect(() => fileAuditDeviceOptions('/a', { format: 'xml' as 'json' })).toThrow(
      /expected "json" or "jsonx"/,
    );
    expect(() => fileAuditDeviceOptions('/a', { mode: '644x' })).toThrow(/octal file mode/);
  });
});
