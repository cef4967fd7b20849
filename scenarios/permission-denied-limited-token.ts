import { defineScenario } from '../harness/runner/scenario.ts';
import { expectDenied, repeat } from '../harness/runner/scenario-helpers.ts';

export default defineScenario({
  name: 'permission-denied-limited-token',
  summary: 'a limited token reads a forbidden secret five times (ACL denial, 403)',
  expect: { fire: ['permission-denied'] },
  async act({ identities }) {
    await repeat(5, () =>
      expectDenied('limited token reads secret/forbidden', () => identities.limited.secretRead('forbidden')),
    );
  },
});
