import { defineScenario } from '../harness/runner/scenario.ts';

// Root is used (that alarm must fire) but the token it issues is not a root token.
export default defineScenario({
  name: 'root-creates-limited-token',
  summary: 'the root token mints a token with the lab-limited policy only',
  expect: { fire: ['root-token-used'] },
  lookalikeFor: ['root-token-created'],
  async act({ identities }) {
    await identities.root.tokenCreate({ policies: ['lab-limited'] });
  },
});
