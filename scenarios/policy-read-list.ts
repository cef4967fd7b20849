import { defineScenario } from '../harness/runner/scenario.ts';

export default defineScenario({
  name: 'policy-read-list',
  summary: 'an operator lists and reads policies on both endpoints (reads, not changes)',
  expect: { fire: [] },
  lookalikeFor: ['policy-changed'],
  async act({ identities }) {
    const admin = identities.admin;
    await admin.policyList({ endpoint: 'sys/policies/acl' });
    await admin.policyRead('lab-limited', { endpoint: 'sys/policies/acl' });
    await admin.policyList({ endpoint: 'sys/policy' });
    await admin.policyRead('lab-limited', { endpoint: 'sys/policy' });
  },
});
