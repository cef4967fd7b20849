import { defineScenario } from '../harness/runner/scenario.ts';
import { expectStatus, repeat } from '../harness/runner/scenario-helpers.ts';

export default defineScenario({
  name: 'allowed-reads',
  summary: 'a limited token reads its allowed secret five times and one that does not exist (404)',
  expect: { fire: [] },
  lookalikeFor: ['permission-denied', 'root-token-used'],
  async setup({ identities }) {
    await identities.root.secretWrite('allowed/app', { password: 'never-in-clear-in-the-audit-log' });
  },
  async act({ identities }) {
    await repeat(5, () => identities.limited.secretRead('allowed/app'));
    await expectStatus(404, 'limited token reads a missing secret', () =>
      identities.limited.secretRead('allowed/missing'),
    );
  },
});
