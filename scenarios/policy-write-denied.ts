import { defineScenario } from '../harness/runner/scenario.ts';
import { expectDenied, repeat } from '../harness/runner/scenario-helpers.ts';

// Refused writes change no policy: the policy rule must stay quiet, the denial rule must not.
export default defineScenario({
  name: 'policy-write-denied',
  summary: 'a limited token tries to write a policy three times and is refused',
  expect: { fire: ['permission-denied'] },
  lookalikeFor: ['policy-changed'],
  async act({ identities }) {
    await repeat(3, (i) =>
      expectDenied('limited token writes a policy', () =>
        identities.limited.policyWrite(`sneaky-${i}`, 'path "*" { capabilities = ["sudo"] }'),
      ),
    );
  },
});
