import { defineScenario } from '../harness/runner/scenario.ts';
import { expectDenied, repeat } from '../harness/runner/scenario-helpers.ts';

// Two denials in a minute stay under the rule's threshold of three: a typo is not an incident.
export default defineScenario({
  name: 'permission-denied-below-threshold',
  summary: 'a token Vault does not know reads a secret twice (below the threshold of 3 a minute)',
  expect: { fire: [] },
  lookalikeFor: ['permission-denied'],
  async act({ identities }) {
    await repeat(2, () =>
      expectDenied('unknown token reads a secret', () => identities.invalid.secretRead('allowed/app')),
    );
  },
});
