import { defineScenario } from '../harness/runner/scenario.ts';
import { repeat } from '../harness/runner/scenario-helpers.ts';

// A root-equivalent token minted with `vault token create -policy=root` has display_name "token":
// the article's display_name filter misses it, the policy-based rule catches it.
export default defineScenario({
  name: 'root-equivalent-token-auth-list',
  summary: 'a token minted with token create -policy=root lists auth methods three times',
  expect: { fire: ['root-auth-list', 'root-token-used'] },
  lookalikeFor: ['root-auth-list-article'],
  async setup({ identities }) {
    return (await identities.root.tokenCreate({ policies: ['root'] })).token;
  },
  async act({ as }, token) {
    const minted = as(token);
    await repeat(3, () => minted.authList());
  },
});
