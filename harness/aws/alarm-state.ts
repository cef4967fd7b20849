/**
 * CloudWatch alarm states (`StateValue` in DescribeAlarms, `NewStateValue` in alarm notifications).
 * Rules choose which states notify; sinks and the runner read them back from SNS and the alarm history.
 */
export const ALARM_STATES = ['ALARM', 'OK', 'INSUFFICIENT_DATA'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

export function isAlarmState(value: unknown): value is AlarmState {
  return (ALARM_STATES as readonly unknown[]).includes(value);
}
