import { defineScenario } from '../harness/runner/scenario.ts';

export default defineScenario({
  name: 'policy-delete',
  summary: 'an operator deletes a policy (DELETE sys/policies/acl/NAME)',
  expect: { fire: ['policy-changed'] },
  async setup({ identities }) {
    await identities.root.policyWrite('doomed', 'path "secret/data/doomed" { capabilities = ["read"] }');
  },
  async act({ identities }) {
    await identities.admin.policyDelete('doomed');
  },
});
