import { defineScenario } from '../harness/runner/scenario.ts';
import { ScenarioStepError } from '../harness/runner/scenario-helpers.ts';

// Seal leaves one request entry; unseal is never audited, so only the seal is visible.
export default defineScenario({
  name: 'seal-unseal',
  summary: 'an operator with sudo on sys/seal seals Vault, then it is unsealed with the unseal key',
  expect: { fire: ['vault-sealed'] },
  async act({ identities, vault }) {
    await identities.admin.seal();
    const status = await identities.root.anonymous().unseal(vault.unsealKey);
    if (status.sealed) throw new ScenarioStepError('unseal: Vault is still sealed after the unseal key');
  },
});
