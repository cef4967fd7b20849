import { describe, expect, it } from 'vitest';
import { createLiveView } from '../../../harness/runner/report/live-view.ts';
import type { ScenarioResult } from '../../../harness/runner/verdict.ts';
import { captureIo } from '../../support/cli-io.ts';

const result: ScenarioResult = {
  name: 'seal-unseal',
  summary: 's',
  state: 'failure',
  expected: ['vault-sealed'],
  fired: [],
  messages: 0,
  expectations: [
    { ruleId: 'vault-sealed', alarmName: 'vault-sealed', kind: 'fire', verdict: 'fail', detail: 'x' },
  ],
  durationMs: 10,
  lookalikeFor: [],
};

describe('live progress view', () => {
  it('redraws the current scenario line with its phase on a TTY', () => {
    const io = captureIo({ tty: true });
    const view = createLiveView(io.stdout, { colour: false });
    view({ type: 'scenario-start', name: 'seal-unseal', index: 0, total: 3 });
    view({ type: 'phase', name: 'seal-unseal', phase: 'act' });
    view({ type: 'scenario-end', result, index: 0, total: 3 });
    const text = io.stdoutText();
    expect(text).toContain('\r\u001b[2K… [1/3] seal-unseal act');
    expect(text).toMatch(/✗ \[1\/3\] seal-unseal failure: vault-sealed did not fire\n$/);
  });

  it('prints only finished scenarios and lab steps off a TTY (CI logs)', () => {
    const io = captureIo({ tty: false });
    const view = createLiveView(io.stdout, { colour: false });
    view({ type: 'lab', message: 'provisioning 10 rules' });
    view({ type: 'scenario-start', name: 'seal-unseal', index: 0, total: 3 });
    view({ type: 'phase', name: 'seal-unseal', phase: 'act' });
    view({
      type: 'scenario-end',
      result: { ...result, state: 'success', fired: ['vault-sealed'] },
      index: 0,
      total: 3,
    });
    expect(io.stdoutText().split('\n')[0]).toBe('› provisioning 10 rules');
    expect(io.stdoutText()).not.toContain('\r');
    expect(io.stdoutText()).toMatch(/✓ \[1\/3\] seal-unseal fired vault-sealed; \d+ ms\n$/);
  });
});
