import { defineScenario } from '../harness/runner/scenario.ts';
import { repeat, utcWindowAround } from '../harness/runner/scenario-helpers.ts';

// Business hours are set to a window that starts two hours from now, so "now" is off-hours.
export default defineScenario({
  name: 'off-hours-outside-window',
  summary: 'a limited token reads a secret while business hours are set to [now+2h, now+6h) UTC',
  expect: { fire: ['off-hours-activity'] },
  parameters: ({ wallNow }) => ({
    businessHours: { window: utcWindowAround(wallNow, 2, 6), timeZone: 'UTC' },
  }),
  async setup({ identities }) {
    await identities.root.secretWrite('allowed/app', { password: 'x' });
  },
  async act({ identities }) {
    await repeat(2, () => identities.limited.secretRead('allowed/app'));
  },
});
