import { defineScenario } from '../harness/runner/scenario.ts';

export default defineScenario({
  name: 'policy-write-acl-path',
  summary: 'an operator writes a policy through sys/policies/acl/NAME (vault policy write)',
  expect: { fire: ['policy-changed'] },
  async act({ identities }) {
    await identities.admin.policyWrite('team-acl', 'path "secret/data/team/*" { capabilities = ["read"] }', {
      endpoint: 'sys/policies/acl',
    });
  },
});
