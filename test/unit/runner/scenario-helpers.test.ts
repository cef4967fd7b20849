import { describe, expect, it } from 'vitest';
import { expectDenied, expectStatus } from '../../../harness/runner/scenario-helpers.ts';

const refused = (status: number) => () =>
  Promise.reject(Object.assign(new Error(`Status ${status}`), { status }));
const allowed = () => Promise.resolve({});

describe('scenario step expectations', () => {
  it('accept exactly the refusal the scenario needs', async () => {
    await expect(expectDenied('read', refused(403))).resolves.toBeUndefined();
    await expect(expectStatus(404, 'read', refused(404))).resolves.toBeUndefined();
  });

  it('fail the step, naming it, when Vault allows the call or refuses it for another reason', async () => {
    await expect(expectDenied('limited token reads', allowed)).rejects.toMatchObject({
      code: 'LAB_SCENARIO_STEP',
      message: 'limited token reads: expected 403 permission denied, but Vault allowed it',
    });
    await expect(expectDenied('limited token reads', refused(500))).rejects.toMatchObject({
      code: 'LAB_SCENARIO_STEP',
      message: 'limited token reads: expected 403 permission denied, got Status 500',
    });
    await expect(expectStatus(404, 'read missing', allowed)).rejects.toMatchObject({
      message: 'read missing: expected HTTP 404, but the call succeeded',
    });
  });
});
