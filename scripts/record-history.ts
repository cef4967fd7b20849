/**
 * `npm run fixtures:history`: records a multi-hour audit history from the real Vault 1.14.0 binary
 * on the lab clock, for the backtest tests. Vault runs on the wall clock, so the script drives an
 * OffsetClock through the plan (scripts/record-history/plan.ts): it moves the lab clock to each
 * step's minute, plays the step against Vault, and stamps the step's audit lines with the lab time,
 * as the shipper stamps events with the lab clock in a run. Only the `time` field changes; every other
 * byte is what Vault wrote. Identity set-up (policies, tokens) happens before the history starts and
 * is not part of it.
 *
 * Writes test/fixtures/history/audit-history.log.gz and expected.json (the firings the plan expects:
 * rule id → the evaluation minutes at which each alarm must go to ALARM). Options: --out <dir>.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { OffsetClock } from '../harness/clock.ts';
import { createIdentities } from '../harness/runner/identities.ts';
import { BUILTIN_RULE_IDS } from '../harness/rules/index.ts';
import {
  createProgressPrinter,
  resolveVaultBinary,
  startVault,
  VAULT_VERSION,
} from '../harness/vault/index.ts';
import { auditLinesOf } from '../test/support/vault-audit.ts';
import { HISTORY_START, HISTORY_STEPS } from './record-history/plan.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = resolve(values.out ?? join(ROOT, 'test/fixtures/history'));
const MINUTE_MS = 60_000;
/** Vault's `"time":"…"` is the first member of every entry. */
const TIME_FIELD = /^\{"time":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d+)Z"/;

async function main(): Promise<void> {
  const progress = createProgressPrinter(process.stderr);
  const binary = await resolveVaultBinary({ onProgress: progress });
  progress.flush();
  const vault = await startVault({ vaultBinary: binary.path, onProgress: progress });
  progress.flush();
  try {
    const identities = await createIdentities(vault.client);
    const unsealKey = vault.unsealKey;
    if (unsealKey === undefined) throw new Error('the dev server printed no unseal key');
    await identities.admin.secretWrite('allowed/app', { note: 'history background' });
    const clock = new OffsetClock({ startAt: HISTORY_START });
    const lines: string[] = [];
    const expected: Record<string, string[]> = Object.fromEntries(BUILTIN_RULE_IDS.map((id) => [id, []]));
    for (const step of HISTORY_STEPS) {
      await clock.advanceTo(HISTORY_START + step.minute * MINUTE_MS);
      const stepStart = clock.now();
      const { lines: stepLines } = await auditLinesOf(vault, () =>
        step.run({ identities, workDir: vault.labDir, unsealKey }),
      );
      // One millisecond apart from the step's lab time, in Vault's order, keeping its sub-ms digits.
      stepLines.forEach((line, i) => lines.push(restamp(line, stepStart + i)));
      for (const rule of step.fires) {
        expected[rule]!.push(new Date(HISTORY_START + (step.minute + 1) * MINUTE_MS).toISOString());
      }
      process.stderr.write(
        `${new Date(stepStart).toISOString().slice(11, 16)} ${step.name}: ${stepLines.length} lines\n`,
      );
    }
    const text = lines.map((l) => `${l}\n`).join('');
    if (text.includes(vault.rootToken)) throw new Error('the history contains the root token in clear text');
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, 'audit-history.log.gz'), gzipSync(text, { level: 9 }));
    await writeFile(
      join(outDir, 'expected.json'),
      JSON.stringify(
        {
          recordedBy: 'scripts/record-history.ts (npm run fixtures:history)',
          vault: VAULT_VERSION,
          start: new Date(HISTORY_START).toISOString(),
          lines: lines.length,
          steps: HISTORY_STEPS.map((s) => ({
            at: new Date(HISTORY_START + s.minute * MINUTE_MS).toISOString(),
            name: s.name,
            fires: s.fires,
          })),
          firings: expected,
        },
        null,
        2,
      ) + '\n',
    );
    process.stderr.write(`wrote ${lines.length} lines to ${join(outDir, 'audit-history.log.gz')}\n`);
  } finally {
    await vault.stop();
  }
}

function restamp(line: string, at: number): string {
  const match = TIME_FIELD.exec(line);
  if (match === null) throw new Error(`an audit line does not start with "time": ${line.slice(0, 60)}`);
  const iso = new Date(at).toISOString(); // 2026-03-02T14:30:00.123Z
  const subMillisecond = match[2]!.slice(3);
  return `{"time":"${iso.slice(0, -1)}${subMillisecond}Z"${line.slice(match[0].length)}`;
}

await main();
