import { defineScenario } from '../harness/runner/scenario.ts';

export default defineScenario({
  name: 'root-token-create',
  summary: 'the root token mints a new root token (token create -policy=root)',
  expect: { fire: ['root-token-created', 'root-token-used'] },
  async act({ identities }) {
    await identities.root.tokenCreate({ policies: ['root'] });
  },
});
