import { defineScenario } from '../harness/runner/scenario.ts';
import { repeat } from '../harness/runner/scenario-helpers.ts';

// The article's case: `vault auth list` several times with the root token from the dev banner.
export default defineScenario({
  name: 'root-auth-list-repeated',
  summary: 'vault auth list five times as the dev root token (display_name "root")',
  expect: { fire: ['root-auth-list-article', 'root-auth-list', 'root-token-used'] },
  async act({ identities }) {
    await repeat(5, () => identities.root.authList());
  },
});
