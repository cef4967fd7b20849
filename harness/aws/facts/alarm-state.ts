/**
 * CloudWatch alarm states (`StateValue` in DescribeAlarms, `NewStateValue` in alarm notifications).
 * Rules choose which states notify; sinks and the runner read them back from SNS and the alarm history.
 */
export const ALARM_STATES = ['ALARM', 'OK', 'INSUFFICIENT_DATA'] as const;
export type AlarmStateValue = (typeof ALARM_STATES)[number];

export function isAlarmStateValue(value: unknown): value is AlarmStateValue {
  return (ALARM_STATES as readonly unknown[]).includes(value);
}
