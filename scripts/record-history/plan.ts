import { join } from 'node:path';
import type { LabIdentities } from '../../harness/runner/scenario.ts';
import { expectDenied } from '../../harness/runner/scenario-helpers.ts';

/**
 * The history the recording plays: a working afternoon on the lab clock (Monday 2 March 2026,
 * 14:00-18:51 UTC; business hours are the default 08:00-18:00 UTC), quiet background reads every ten
 * minutes, and bursts at known minutes. `fires` lists the rules each step must fire; every built-in
 * rule not listed must stay quiet. With 60 s periods and one evaluation period, an entry in minute
 * HH:MM makes the alarm go to ALARM at the HH:MM+1 evaluation.
 */
export const HISTORY_START = Date.parse('2026-03-02T14:00:00Z');

export interface HistoryContext {
  readonly identities: LabIdentities;
  readonly workDir: string;
  readonly unsealKey: string;
}

export interface HistoryStep {
  /** Minutes after HISTORY_START. */
  readonly minute: number;
  readonly name: string;
  readonly fires: readonly string[];
  run(ctx: HistoryContext): Promise<unknown>;
}

const background: HistoryStep[] = Array.from({ length: 24 }, (_, i) => ({
  minute: 2 + i * 10,
  name: `background read ${i + 1}`,
  fires: [],
  run: ({ identities }) => identities.limited.secretRead('allowed/app'),
}));

async function deniedReads(identities: LabIdentities, times: number): Promise<void> {
  for (let i = 0; i < times; i++)
    await expectDenied('limited reads secret/forbidden', () => identities.limited.secretRead('forbidden'));
}

const bursts: HistoryStep[] = [
  {
    minute: 30,
    name: 'root lists the auth methods (vault auth list)',
    fires: ['root-auth-list-article', 'root-auth-list', 'root-token-used'],
    run: ({ identities }) => identities.root.authList(),
  },
  {
    minute: 65,
    name: 'a limited token is refused three times',
    fires: ['permission-denied'],
    run: ({ identities }) => deniedReads(identities, 3),
  },
  {
    minute: 95,
    name: 'a limited token is refused twice (below the threshold)',
    fires: [],
    run: ({ identities }) => deniedReads(identities, 2),
  },
  {
    minute: 120,
    name: 'an operator writes an ACL policy',
    fires: ['policy-changed'],
    run: ({ identities }) =>
      identities.admin.policyWrite('team-x', 'path "secret/data/team-x/*" { capabilities = ["read"] }'),
  },
  {
    minute: 150,
    name: 'an operator enables the userpass auth method',
    fires: ['auth-method-enabled'],
    run: ({ identities }) => identities.admin.authEnable('userpass-history', { type: 'userpass' }),
  },
  {
    minute: 170,
    name: 'an operator tunes it (a look-alike)',
    fires: [],
    run: ({ identities }) => identities.admin.authTune('userpass-history', { defaultLeaseTtl: '1h' }),
  },
  {
    minute: 195,
    name: 'root mints a root token',
    fires: ['root-token-created', 'root-token-used'],
    run: ({ identities }) => identities.root.tokenCreate({ policies: ['root'] }),
  },
  {
    minute: 220,
    name: 'an operator enables a second audit device (no rule)',
    fires: [],
    run: ({ identities, workDir }) =>
      identities.admin.auditEnable('history2', {
        type: 'file',
        options: { file_path: join(workDir, 'history2.log') },
      }),
  },
  {
    minute: 225,
    name: 'an operator disables it',
    fires: ['audit-device-disabled'],
    run: ({ identities }) => identities.admin.auditDisable('history2'),
  },
  {
    minute: 270,
    name: 'a limited token reads after hours',
    fires: ['off-hours-activity'],
    run: ({ identities }) => identities.limited.secretRead('allowed/app'),
  },
  {
    minute: 290,
    name: 'an operator seals Vault after hours; it is unsealed (never audited)',
    fires: ['vault-sealed', 'off-hours-activity'],
    run: async ({ identities, unsealKey }) => {
      await identities.admin.seal();
      await identities.root.anonymous().unseal(unsealKey);
    },
  },
];

export const HISTORY_STEPS: readonly HistoryStep[] = [...background, ...bursts].sort(
  (a, b) => a.minute - b.minute,
);
