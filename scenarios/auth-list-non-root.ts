import { defineScenario } from '../harness/runner/scenario.ts';
import { repeat } from '../harness/runner/scenario-helpers.ts';

export default defineScenario({
  name: 'auth-list-non-root',
  summary: 'a non-root operator token lists auth methods three times (same path, no root policy)',
  expect: { fire: [] },
  lookalikeFor: ['root-auth-list-article', 'root-auth-list', 'root-token-used'],
  async act({ identities }) {
    await repeat(3, () => identities.admin.authList());
  },
});
