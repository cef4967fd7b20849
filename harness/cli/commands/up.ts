import { defineCommand } from '../command.ts';
import { liveLabOptions, runLiveLab } from '../live-lab.ts';
import { VAULT_VERSION } from '../../vault/index.ts';

export type { UpSummary } from '../live-lab.ts';

/** `vault-alarm-lab up`: starts the live lab (harness/cli/live-lab.ts) and keeps it running until SIGINT/SIGTERM. */
const options = {
  ...liveLabOptions,
  'vault-only': { type: 'boolean', description: 'start Vault only (no emulator, shipper, sink or rules)' },
} as const;

export const upCommand = defineCommand({
  name: 'up',
  summary: `Start the lab (Vault ${VAULT_VERSION} dev server with the file audit device) and keep it running until Ctrl-C.`,
  options,
  examples: [
    'vault-alarm-lab up                       # human output: export lines, audit log path',
    'vault-alarm-lab up --json | head -1      # {"vault":{"address":…,"rootToken":…,"unsealKey":…,"auditLog":…}}',
    'vault-alarm-lab up --region us-east-2    # the article’s region: aws … --region us-east-2 then matches',
    'VAULT_ADDR=http://127.0.0.1:8200 VAULT_TOKEN=… vault-alarm-lab up --backend external',
  ],
  run: (ctx) => runLiveLab(ctx, { command: 'up', vaultOnly: ctx.values['vault-only'] === true }),
});
