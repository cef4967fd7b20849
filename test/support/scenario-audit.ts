import { mkdtemp, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createIdentities } from '../../harness/runner/identities.ts';
import type { AnyScenario, LabIdentities, ScenarioContext } from '../../harness/runner/scenario.ts';
import type { StartedVault } from '../../harness/vault/index.ts';

/** Audit lines a scenario's act phase wrote, as Vault wrote them, plus any error of a phase. */
export interface ScenarioAudit {
  readonly name: string;
  readonly lines: readonly string[];
  readonly error?: string;
}

/**
 * Plays scenarios against a real Vault without any AWS side: setup, act (its audit lines are kept),
 * teardown. Vault writes both audit entries of a request before it answers, so the lines between the
 * file size before and after the act are exactly the act's.
 */
export async function recordScenarioAudits(
  vault: StartedVault,
  scenarios: readonly AnyScenario[],
): Promise<ScenarioAudit[]> {
  const identities: LabIdentities = await createIdentities(vault.client);
  const out: ScenarioAudit[] = [];
  for (const scenario of scenarios) {
    const context: ScenarioContext = {
      identities,
      vault: {
        address: vault.address,
        unsealKey: vault.unsealKey!,
        auditLogPath: vault.auditLogPath!,
        auditDevicePath: vault.auditDevice!,
      },
      as: (token) => vault.client.withToken(token),
      workDir: await mkdtemp(join(vault.labDir, `${scenario.name}-`)),
      signal: new AbortController().signal,
    };
    let state: unknown;
    let lines: string[] = [];
    let error: string | undefined;
    try {
      if (scenario.setup) state = await scenario.setup(context);
      const before = (await stat(vault.auditLogPath!)).size;
      await scenario.act(context, state);
      lines = await readFrom(vault.auditLogPath!, before);
    } catch (e) {
      error = (e as Error).message;
    }
    try {
      await scenario.teardown?.(context, state);
    } catch (e) {
      error ??= `teardown: ${(e as Error).message}`;
    }
    out.push({ name: scenario.name, lines, ...(error ? { error } : {}) });
  }
  return out;
}

async function readFrom(path: string, offset: number): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const buffer = Buffer.alloc(size - offset);
    await handle.read(buffer, 0, buffer.length, offset);
    return buffer
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== '');
  } finally {
    await handle.close();
  }
}
