import { defineScenario } from '../harness/runner/scenario.ts';

// Tune is also an update under sys/auth/ (sys/auth/PATH/tune), and disable a delete on the same path.
export default defineScenario({
  name: 'auth-method-tune-disable',
  summary: 'an operator tunes an existing auth method, reads its config, then disables it',
  expect: { fire: [] },
  lookalikeFor: ['auth-method-enabled'],
  async setup({ identities }) {
    await identities.root.authEnable('userpass-tune', { type: 'userpass' });
  },
  async act({ identities }) {
    await identities.admin.authTune('userpass-tune', {
      defaultLeaseTtl: '1h',
      description: 'tuned by the lab',
    });
    await identities.admin.authDisable('userpass-tune');
  },
});
