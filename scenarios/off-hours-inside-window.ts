import { defineScenario } from '../harness/runner/scenario.ts';
import { repeat, utcWindowAround } from '../harness/runner/scenario-helpers.ts';

export default defineScenario({
  name: 'off-hours-inside-window',
  summary: 'a limited token reads a secret while business hours are set to [now-2h, now+2h) UTC',
  expect: { fire: [] },
  lookalikeFor: ['off-hours-activity'],
  parameters: ({ wallNow }) => ({
    businessHours: { window: utcWindowAround(wallNow, -2, 2), timeZone: 'UTC' },
  }),
  async setup({ identities }) {
    await identities.root.secretWrite('allowed/app', { password: 'x' });
  },
  async act({ identities }) {
    await repeat(2, () => identities.limited.secretRead('allowed/app'));
  },
});
