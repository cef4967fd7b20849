/**
 * CloudWatch metric and alarm facts the rules and the emulator share, each stated once. Sources: the
 * API reference (API_PutMetricAlarm, API_PutMetricData) and the cloudwatch service model (botocore
 * `cloudwatch/2010-08-01/service-2.json`, from which harness/emulator/models/cloudwatch.ts is
 * generated; test/unit/aws/facts.test.ts checks that they agree). The standard units are generated
 * from the same model into harness/filter-pattern/standard-unit.ts, the lowest layer that needs them.
 */

/** PutMetricAlarm: AlarmName 1..255 characters. */
export const MAX_ALARM_NAME_LENGTH = 255;

/** PutMetricAlarm: AlarmDescription 0..1024 characters. */
export const MAX_ALARM_DESCRIPTION_LENGTH = 1024;

/**
 * PutMetricAlarm: Period × EvaluationPeriods may not exceed one week, nor one day when the period is
 * shorter than an hour.
 */
export const MAX_EVALUATION_WINDOW_SECONDS = 604_800;
export const MAX_SHORT_PERIOD_EVALUATION_WINDOW_SECONDS = 86_400;
/** Periods below this many seconds are "short" for the one-day window above. */
export const SHORT_PERIOD_LIMIT_SECONDS = 3_600;

/** The evaluation window PutMetricAlarm allows for alarms of `periodSeconds`. */
export function maxEvaluationWindowSeconds(periodSeconds: number): number {
  return periodSeconds < SHORT_PERIOD_LIMIT_SECONDS
    ? MAX_SHORT_PERIOD_EVALUATION_WINDOW_SECONDS
    : MAX_EVALUATION_WINDOW_SECONDS;
}

/** Namespaces starting with `AWS/` are reserved for AWS services (PutMetricData). */
export const RESERVED_NAMESPACE_PREFIX = 'AWS/';
