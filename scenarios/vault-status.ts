import { defineScenario } from '../harness/runner/scenario.ts';

// vault status reads sys/seal-status and sys/health, which Vault never audits.
export default defineScenario({
  name: 'vault-status',
  summary: 'vault status, sys/health and sys/seal-status (never audited)',
  expect: { fire: [] },
  lookalikeFor: ['vault-sealed'],
  async act({ identities }) {
    await identities.admin.sealStatus();
    await identities.admin.health();
    await identities.root.anonymous().sealStatus();
  },
});
