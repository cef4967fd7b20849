import { LabError } from '../errors.ts';

/** A scenario step did not do what the scenario needs (so its verdict would mean nothing). */
export class ScenarioStepError extends LabError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LAB_SCENARIO_STEP', message, options);
  }
}

/**
 * Runs a call that Vault must refuse with 403 permission denied. A scenario about denials is
 * meaningless if the call succeeds or fails for another reason, so both are errors.
 */
export function expectDenied(what: string, call: () => Promise<unknown>): Promise<void> {
  return expectRefusal(403, '403 permission denied', 'Vault allowed it', what, call);
}

/** Runs a call that Vault must answer with `status` (404 for a missing secret...). */
export function expectStatus(status: number, what: string, call: () => Promise<unknown>): Promise<void> {
  return expectRefusal(status, `HTTP ${status}`, 'the call succeeded', what, call);
}

async function expectRefusal(
  status: number,
  expected: string,
  ifAllowed: string,
  what: string,
  call: () => Promise<unknown>,
): Promise<void> {
  try {
    await call();
  } catch (error) {
    if ((error as { status?: unknown }).status === status) return;
    throw new ScenarioStepError(`${what}: expected ${expected}, got ${(error as Error).message}`, {
      cause: error,
    });
  }
  throw new ScenarioStepError(`${what}: expected ${expected}, but ${ifAllowed}`);
}

/** Repeats a step `times` times, one after the other (Vault audit order stays the call order). */
export async function repeat(times: number, step: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < times; i++) await step(i);
}

/** Business-hours window of whole UTC hours, `[now + fromHours, now + toHours)` rounded to the hour. */
export function utcWindowAround(wallNow: number, fromHours: number, toHours: number): string {
  const hour = Math.floor(wallNow / 3_600_000);
  const fmt = (h: number): string => `${String((((hour + h) % 24) + 24) % 24).padStart(2, '0')}:00`;
  return `${fmt(fromHours)}-${fmt(toHours)}`;
}
