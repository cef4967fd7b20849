/**
 * `npm run fixtures:record`: drives a fresh Vault 1.14.0 dev server (the real binary, process
 * back-end, file audit device with the lab's defaults) through every operation the lab's scenarios
 * use and writes the audit lines each one produced to `test/fixtures/vault-1.14.0/<operation>.log`,
 * one file per operation, plus `manifest.json` (what each file is) and `README.md`.
 *
 * Options: --out <dir> (default test/fixtures/vault-1.14.0).
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  AuditLogCursor,
  createProgressPrinter,
  parseAuditLine,
  resolveVaultBinary,
  startVault,
  VAULT_COMMIT,
  VAULT_VERSION,
} from '../harness/vault/index.ts';
import type { AuditEntry } from '../harness/vault/index.ts';
import { auditLinesOf } from '../test/support/vault-audit.ts';
import { operations, SECRET_VALUE, USER_PASSWORD } from './record-fixtures/operations.ts';
import type { Context } from './record-fixtures/operations.ts';
import { readme } from './record-fixtures/readme.ts';
import type { Recorded } from './record-fixtures/readme.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = resolve(values.out ?? join(ROOT, 'test/fixtures', `vault-${VAULT_VERSION}`));

async function main(): Promise<void> {
  const progress = createProgressPrinter(process.stderr);
  const binary = await resolveVaultBinary({ onProgress: progress });
  progress.flush();
  const vault = await startVault({ vaultBinary: binary.path, onProgress: progress });
  progress.flush();
  const recorded: Recorded[] = [];
  const files = new Map<string, string>();
  const record = (
    file: string,
    lines: readonly string[],
    entries: readonly AuditEntry[],
    about: Omit<Recorded, 'file' | 'entries' | 'types'>,
  ): void => {
    files.set(file, joinLines(lines));
    recorded.push({ file, ...about, entries: entries.length, types: entries.map((e) => e.type) });
  };
  /** Every line of an audit file, from its start (a freshly enabled device's own file). */
  const wholeFile = async (path: string) => {
    const lines = await AuditLogCursor.atStart(path).readLines();
    return { lines, entries: lines.map((line) => parseAuditLine(line)) };
  };
  try {
    await mkdir(outDir, { recursive: true });
    // The first lines of a fresh audit file: the probe, then the response to the enable call.
    const first = await wholeFile(vault.auditLogPath!);
    record('audit-enable.log', first.lines, first.entries, {
      operation: 'audit-enable',
      call: 'PUT /v1/sys/audit/file {"type":"file","options":{"file_path":…,"format":"json"}}',
      identity: 'root',
      description:
        'A fresh audit file: the test probe (request, path sys/audit/test, no auth) then the response entry of the enable call.',
    });

    const ctx: Context = { vault, root: vault.client };
    for (const op of operations) {
      await op.before?.(ctx);
      const { entries, lines } = await auditLinesOf(vault, () => op.run(ctx));
      const file = `${op.name}.log`;
      record(file, lines, entries, {
        operation: op.name,
        call: op.call,
        identity: op.identity,
        description: op.description,
      });
      process.stderr.write(`recorded ${file}: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}\n`);
      if (op.name === 'audit-enable-second-device') {
        const second = await wholeFile(join(vault.labDir, 'audit', 'second.log'));
        record('audit-enable-second-device.new-file.log', second.lines, second.entries, {
          operation: 'audit-enable-second-device',
          call: op.call,
          identity: 'root',
          description:
            "The second device's own file: the probe, then the enable call's response entry (its request entry went only to the first device).",
        });
      }
    }

    // HMACs a unit test can match against without a server (this device's salt only).
    const hmac = {
      rootToken: await vault.client.auditHash('file', vault.rootToken),
      limitedToken: await vault.client.auditHash('file', ctx.limitedToken!),
      userpassToken: await vault.client.auditHash('file', ctx.userToken!),
      userpassType: await vault.client.auditHash('file', 'userpass'),
      secretValue: await vault.client.auditHash('file', SECRET_VALUE),
      permissionDeniedError: await vault.client.auditHash(
        'file',
        '1 error occurred:\n\t* permission denied\n\n',
      ),
    };

    for (const file of await readdir(outDir)) {
      if (file.endsWith('.log') || file === 'manifest.json') await rm(join(outDir, file));
    }
    for (const [file, text] of files) {
      if (text.includes(SECRET_VALUE) || text.includes(USER_PASSWORD) || text.includes(vault.rootToken)) {
        throw new Error(`${file} contains a secret in clear text; refusing to write fixtures`);
      }
      await writeFile(join(outDir, file), text);
    }
    const manifest = {
      vault: { version: VAULT_VERSION, commit: VAULT_COMMIT, backend: 'process (vault server -dev)' },
      auditDevice: {
        path: 'file',
        type: 'file',
        options: { format: 'json', hmac: 'on (defaults)', prefix: 'none' },
      },
      recordedAt: new Date().toISOString(),
      recordedBy: 'npm run fixtures:record (scripts/record-fixtures.ts)',
      secretValueInClear: SECRET_VALUE,
      hmac,
      files: recorded,
    };
    await writeFile(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    await writeFile(join(outDir, 'README.md'), readme(recorded));
    process.stderr.write(
      `wrote ${recorded.length} fixture files to ${relative(process.cwd(), outDir) || outDir}\n`,
    );
  } finally {
    await vault.stop();
  }
}

function joinLines(lines: readonly string[]): string {
  return lines.map((line) => line + '\n').join('');
}

await main();
