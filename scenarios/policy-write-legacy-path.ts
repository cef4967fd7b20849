import { defineScenario } from '../harness/runner/scenario.ts';

// node-vault's addPolicy and older tooling use the legacy endpoint; a rule on sys/policies/acl alone misses it.
export default defineScenario({
  name: 'policy-write-legacy-path',
  summary: 'an operator writes a policy through the legacy sys/policy/NAME endpoint',
  expect: { fire: ['policy-changed'] },
  async act({ identities }) {
    await identities.admin.policyWrite(
      'team-legacy',
      'path "secret/data/legacy/*" { capabilities = ["read"] }',
      {
        endpoint: 'sys/policy',
      },
    );
  },
});
