import { defineScenario } from '../harness/runner/scenario.ts';
import { expectDenied, repeat } from '../harness/runner/scenario-helpers.ts';

// An unknown token is also "permission denied" (plain on the request entry, multierror on the response).
export default defineScenario({
  name: 'permission-denied-invalid-token',
  summary: 'a token Vault does not know reads a secret five times',
  expect: { fire: ['permission-denied'] },
  async act({ identities }) {
    await repeat(5, () =>
      expectDenied('unknown token reads a secret', () => identities.invalid.secretRead('allowed/app')),
    );
  },
});
