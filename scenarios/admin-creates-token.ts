import { defineScenario } from '../harness/runner/scenario.ts';

export default defineScenario({
  name: 'admin-creates-token',
  summary: 'a non-root operator mints a limited child token (auth/token/create, no root policy)',
  expect: { fire: [] },
  lookalikeFor: ['root-token-created', 'root-token-used'],
  async act({ identities }) {
    await identities.admin.tokenCreate({ policies: ['lab-limited'] });
  },
});
