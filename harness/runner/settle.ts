import { WaitTimeoutError } from '../errors.ts';
import { alarmName } from '../rules/index.ts';
import type { Lab } from './lab.ts';
import type { ObservedTransition } from './observations.ts';

/**
 * Brings every alarm back to OK and waits for the notifications of the transitions that got it
 * there, so the next act phase starts from a quiet lab. How evaluations are waited for is the
 * target's `waiting` strategy (the local target jumps its virtual clock, the others sleep).
 */
export async function settle(lab: Lab, signal?: AbortSignal): Promise<void> {
  await lab.shipper.drain();
  const { target } = lab;
  const deadline = performance.now() + target.timing.settleTimeoutMs;
  const transitions: ObservedTransition[] = [];
  // Audit lines shipped since the last evaluation (setup, teardown) may still raise an alarm at the
  // next boundary: let that evaluation happen before calling the lab quiet.
  if (await lab.hasUnjudgedActivity()) await target.waiting.passEvaluation(signal);
  await lab.markActivityJudged();
  for (;;) {
    transitions.push(...(await lab.watch.newTransitions()));
    const states = await lab.watch.states();
    const notOk = lab.alarmNames().filter((n) => states.get(n) !== 'OK');
    if (notOk.length === 0) break;
    if (signal?.aborted) throw signal.reason;
    if (performance.now() > deadline) {
      throw new WaitTimeoutError(
        `settle: alarms still not OK after ${target.timing.settleTimeoutMs} ms: ${notOk.map((n) => `${n}=${states.get(n)}`).join(', ')}`,
      );
    }
    await target.waiting.awaitNextLook(signal);
  }
  await waitForNotifications(lab, transitions, target.timing.notificationTimeoutMs, signal);
}

/**
 * Waits until the sink holds one notification for every transition whose new state notifies the
 * topic. Returns whether they all came; a settle does not fail on a late message, an act phase does.
 */
export async function waitForNotifications(
  lab: Lab,
  transitions: readonly ObservedTransition[],
  timeoutMs: number,
  signal?: AbortSignal,
  since = 0,
): Promise<boolean> {
  const wanted = new Map<string, number>();
  for (const t of transitions) {
    const rule = lab.ruleSet.rules.find((r) => alarmName(lab.ruleSet, r) === t.alarmName);
    if (!rule || !rule.notify.includes(t.to)) continue;
    const key = `${t.alarmName}|${t.to}`;
    wanted.set(key, (wanted.get(key) ?? 0) + 1);
  }
  if (wanted.size === 0) return true;
  const outcome = await lab.sink.waitFor(
    (messages) => {
      const have = new Map<string, number>();
      for (const m of messages.slice(since)) {
        if (!m.alarm) continue;
        const key = `${m.alarm.alarmName}|${m.alarm.newState}`;
        have.set(key, (have.get(key) ?? 0) + 1);
      }
      return [...wanted].every(([key, n]) => (have.get(key) ?? 0) >= n);
    },
    { description: 'alarm notifications at the sink', timeoutMs, ...(signal ? { signal } : {}) },
  );
  return outcome.state === 'success';
}
