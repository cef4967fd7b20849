/**
 * When CloudWatch evaluates a metric alarm (alarms-sns.md §2.3): every minute, every 10 seconds for
 * 10/20/30-second periods, hourly when Period × EvaluationPeriods exceeds a day.
 */
export const MINUTE_MS = 60_000;
export const HIGH_RESOLUTION_STEP_MS = 10_000;
export const HOUR_MS = 3_600_000;

/** "If Period × EvaluationPeriods is greater than one day, the alarm is evaluated once per hour." */
const DAILY_WINDOW_MS = 24 * HOUR_MS;

/** The spacing of an alarm's evaluations: boundaries are the multiples of it. */
export function evaluationStepMs(periodMs: number, evaluationPeriods: number): number {
  if (periodMs < MINUTE_MS) return HIGH_RESOLUTION_STEP_MS;
  if (periodMs * evaluationPeriods > DAILY_WINDOW_MS) return HOUR_MS;
  return MINUTE_MS;
}

/** Whether an alarm with this period and N is evaluated at `boundary` (epoch ms). */
export function isEvaluatedAt(periodMs: number, evaluationPeriods: number, boundary: number): boolean {
  return boundary % evaluationStepMs(periodMs, evaluationPeriods) === 0;
}
