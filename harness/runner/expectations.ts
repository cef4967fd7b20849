import type { Rule } from '../rules/index.ts';
import type { AlarmNotification, Observations } from './observations.ts';

/**
 * Turns a scenario's expectations and what was observed into verdicts, one per provisioned rule:
 * rules in `fire` must go to ALARM and notify once with the right trigger; every other rule must
 * not change state or notify. Pure: the runner gathers observations, this decides.
 */
export type ExpectationKind = 'fire' | 'quiet';
export type ExpectationVerdict = 'pass' | 'fail' | 'unverifiable';

export interface ExpectationResult {
  readonly ruleId: string;
  readonly alarmName: string;
  readonly kind: ExpectationKind;
  readonly verdict: ExpectationVerdict;
  /** Why, in one line (what was seen, or what was missing). */
  readonly detail: string;
}

export interface ExpectationInput {
  readonly rules: ReadonlyArray<{ readonly rule: Rule; readonly alarmName: string }>;
  readonly fire: readonly string[];
  readonly observed: Observations;
  /** False on targets that match every event (LocalStack): quiet expectations cannot be judged. */
  readonly negativesVerifiable: boolean;
}

export const CANNOT_VERIFY = 'cannot be verified on this target';

export function evaluateExpectations(input: ExpectationInput): ExpectationResult[] {
  return input.rules.map(({ rule, alarmName }) => {
    const transitions = input.observed.transitions.filter((t) => t.alarmName === alarmName);
    const messages = input.observed.notifications.filter((n) => n.alarmName === alarmName);
    if (input.fire.includes(rule.id))
      return judgeFire(
        rule,
        alarmName,
        transitions.map((t) => t.to),
        messages,
      );
    const base = { ruleId: rule.id, alarmName, kind: 'quiet' as const };
    if (!input.negativesVerifiable) return { ...base, verdict: 'unverifiable', detail: CANNOT_VERIFY };
    if (transitions.length === 0 && messages.length === 0)
      return { ...base, verdict: 'pass', detail: 'no state change' };
    const seen = transitions.map((t) => `${t.from} → ${t.to} (${t.reason})`);
    if (seen.length === 0) seen.push(`${messages.length} SNS message(s) without a state change`);
    return { ...base, verdict: 'fail', detail: `must not change state, but went ${seen.join('; ')}` };
  });
}

function judgeFire(
  rule: Rule,
  alarmName: string,
  states: readonly string[],
  messages: readonly AlarmNotification[],
): ExpectationResult {
  const base = { ruleId: rule.id, alarmName, kind: 'fire' as const };
  if (!states.includes('ALARM')) {
    const last = states.at(-1);
    return {
      ...base,
      verdict: 'fail',
      detail: `expected to go to ALARM, but ${last ? `only went to ${last}` : 'it did not change state'}`,
    };
  }
  if (!rule.notify.includes('ALARM'))
    return { ...base, verdict: 'pass', detail: 'went to ALARM (rule notifies on no ALARM action)' };
  const alarmMessages = messages.filter((m) => m.newState === 'ALARM');
  if (alarmMessages.length === 0)
    return { ...base, verdict: 'fail', detail: 'went to ALARM but no SNS message arrived at the sink' };
  const alarmTransitions = states.filter((s) => s === 'ALARM').length;
  if (alarmMessages.length !== alarmTransitions) {
    return {
      ...base,
      verdict: 'fail',
      detail: `${alarmMessages.length} ALARM messages for ${alarmTransitions} transition(s) to ALARM`,
    };
  }
  const problems: string[] = [];
  for (const m of alarmMessages) {
    if (!m.signatureVerified) problems.push('SNS signature did not verify');
    if (m.triggerMetricName !== rule.filter.metricName) {
      problems.push(
        `Trigger.MetricName ${JSON.stringify(m.triggerMetricName)} ≠ ${JSON.stringify(rule.filter.metricName)}`,
      );
    }
    if (m.triggerNamespace !== undefined && m.triggerNamespace !== rule.filter.namespace) {
      problems.push(
        `Trigger.Namespace ${JSON.stringify(m.triggerNamespace)} ≠ ${JSON.stringify(rule.filter.namespace)}`,
      );
    }
    if (m.triggerThreshold !== rule.alarm.threshold) {
      problems.push(`Trigger.Threshold ${m.triggerThreshold} ≠ ${rule.alarm.threshold}`);
    }
  }
  if (problems.length > 0) return { ...base, verdict: 'fail', detail: [...new Set(problems)].join('; ') };
  return { ...base, verdict: 'pass', detail: 'went to ALARM; SNS message received and verified' };
}
