import { describe, expect, it } from 'vitest';
import { buildRuleSet } from '../../../harness/rules/rule-set.ts';
import { CANNOT_VERIFY, evaluateExpectations } from '../../../harness/runner/expectations.ts';
import type { AlarmNotification, ObservedTransition } from '../../../harness/runner/observations.ts';

const set = buildRuleSet({ at: Date.UTC(2024, 0, 15, 12) });
const rules = set.rules.map((rule) => ({ rule, alarmName: rule.id }));

function transition(alarmName: string, to: 'ALARM' | 'OK' = 'ALARM'): ObservedTransition {
  return { alarmName, from: to === 'ALARM' ? 'OK' : 'ALARM', to, at: 0, reason: 'Threshold Crossed' };
}

function message(alarmName: string, overrides: Partial<AlarmNotification> = {}): AlarmNotification {
  const rule = set.rules.find((r) => r.id === alarmName)!;
  return {
    messageId: `m-${alarmName}-${Math.random()}`,
    topicArn: 'arn:aws:sns:us-east-1:000000000000:vault-audit-alarms',
    alarmName,
    newState: 'ALARM',
    oldState: 'OK',
    triggerMetricName: rule.filter.metricName,
    triggerNamespace: rule.filter.namespace,
    triggerThreshold: rule.alarm.threshold,
    signatureVerified: true,
    received: { wallMs: 0, labMs: 0 },
    ...overrides,
  };
}

function verdicts(
  fire: string[],
  transitions: ObservedTransition[],
  notifications: AlarmNotification[],
  negativesVerifiable = true,
) {
  const results = evaluateExpectations({
    rules,
    fire,
    observed: { transitions, notifications },
    negativesVerifiable,
  });
  return Object.fromEntries(results.map((r) => [r.ruleId, `${r.verdict}: ${r.detail}`]));
}

describe('evaluateExpectations', () => {
  it('passes when exactly the expected alarms fire and notify', () => {
    const v = verdicts(['root-token-used'], [transition('root-token-used')], [message('root-token-used')]);
    expect(v['root-token-used']).toMatch(/^pass/);
    expect(Object.values(v).every((x) => x.startsWith('pass'))).toBe(true);
  });

  it('fails an expected alarm that did not fire, or fired without a message', () => {
    expect(verdicts(['vault-sealed'], [], [])['vault-sealed']).toBe(
      'fail: expected to go to ALARM, but it did not change state',
    );
    expect(verdicts(['vault-sealed'], [transition('vault-sealed')], [])['vault-sealed']).toMatch(
      /no SNS message arrived/,
    );
  });

  it('fails a message whose trigger or signature is wrong', () => {
    const v = verdicts(
      ['permission-denied'],
      [transition('permission-denied')],
      [message('permission-denied', { triggerThreshold: 1, signatureVerified: false })],
    );
    expect(v['permission-denied']).toMatch(/fail: SNS signature did not verify; Trigger.Threshold 1 ≠ 3/);
  });

  it('fails any other alarm that changed state, naming the transition', () => {
    const v = verdicts(
      ['root-token-used'],
      [transition('root-token-used'), transition('policy-changed')],
      [message('root-token-used')],
    );
    expect(v['policy-changed']).toBe('fail: must not change state, but went OK → ALARM (Threshold Crossed)');
  });

  it('marks quiet expectations unverifiable on targets that match every event', () => {
    const v = verdicts(
      ['root-token-used'],
      [transition('root-token-used'), transition('policy-changed')],
      [message('root-token-used')],
      false,
    );
    expect(v['policy-changed']).toBe(`unverifiable: ${CANNOT_VERIFY}`);
    expect(v['root-token-used']).toMatch(/^pass/);
  });

  it('counts one message per transition to ALARM', () => {
    const v = verdicts(
      ['root-token-used'],
      [transition('root-token-used')],
      [message('root-token-used'), message('root-token-used')],
    );
    expect(v['root-token-used']).toBe('fail: 2 ALARM messages for 1 transition(s) to ALARM');
  });
});
