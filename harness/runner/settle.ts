import { stat } from 'node:fs/promises';
import { WaitTimeoutError } from '../errors.ts';
import { alarmName } from '../rules/index.ts';
import type { Lab } from './lab.ts';
import type { AlarmTransition } from './observations.ts';

const MINUTE = 60_000;

/**
 * Brings every alarm back to OK and waits for the notifications of the transitions that got it
 * there, so the next act phase starts from a quiet lab. On the local target this advances the clock
 * one evaluation at a time (milliseconds of real time); elsewhere it waits on the wall clock.
 */
export async function settle(lab: Lab, signal?: AbortSignal): Promise<void> {
  await lab.shipper.drain();
  const { target } = lab;
  const deadline = performance.now() + target.timing.settleTimeoutMs;
  const transitions: AlarmTransition[] = [];
  // Audit lines shipped since the last evaluation (setup, teardown) may still raise an alarm at the
  // next boundary: let that evaluation happen before calling the lab quiet.
  if (await hasUnjudgedActivity(lab)) {
    const wait =
      untilNextEvaluation(target.clock.now()) + (target.advance ? 0 : target.timing.quietAfterMinuteMs);
    if (target.advance) await target.advance(wait);
    else await target.clock.sleep(wait, signal);
  }
  await markActivityJudged(lab);
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
    if (target.advance) await target.advance(untilNextEvaluation(target.clock.now()));
    else await target.clock.sleep(target.timing.pollIntervalMs, signal);
  }
  await waitForNotifications(lab, transitions, target.timing.notificationTimeoutMs, signal);
}

/** Milliseconds from `now` to one second past the next minute boundary (an evaluation has run). */
export function untilNextEvaluation(now: number): number {
  return Math.ceil((now + 1) / MINUTE) * MINUTE + 1_000 - now;
}

/**
 * Waits until the sink holds one notification for every transition whose new state notifies the
 * topic. Returns whether they all came; a settle does not fail on a late message, an act phase does.
 */
export async function waitForNotifications(
  lab: Lab,
  transitions: readonly AlarmTransition[],
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

/** Audit log size already covered by an alarm evaluation, per lab. */
const judgedAuditBytes = new WeakMap<Lab, number>();

async function auditBytes(lab: Lab): Promise<number> {
  return (await stat(lab.vault.auditLogPath!)).size;
}

async function hasUnjudgedActivity(lab: Lab): Promise<boolean> {
  return (await auditBytes(lab)) !== (judgedAuditBytes.get(lab) ?? -1);
}

/** Records that every audit line written so far has been through an alarm evaluation. */
export async function markActivityJudged(lab: Lab): Promise<void> {
  judgedAuditBytes.set(lab, await auditBytes(lab));
}
