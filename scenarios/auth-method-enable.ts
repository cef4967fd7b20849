import { defineScenario } from '../harness/runner/scenario.ts';

export default defineScenario({
  name: 'auth-method-enable',
  summary: 'an operator enables the userpass auth method (vault auth enable userpass)',
  expect: { fire: ['auth-method-enabled'] },
  async act({ identities }) {
    await identities.admin.authEnable('userpass-enable', { type: 'userpass' });
  },
  async teardown({ identities }) {
    await identities.root.authDisable('userpass-enable');
  },
});
