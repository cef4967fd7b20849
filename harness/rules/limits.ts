/**
 * AWS limits a rule must respect, checked at load so a rule that would be refused by PutMetricFilter
 * or PutMetricAlarm is refused here first, with a message naming the rule and field.
 */

/** PutMetricFilter: filterName 1..512, pattern `[^:*]*` (CloudWatch Logs API reference). */
export const FILTER_NAME_MAX = 512;
/** PutMetricFilter: filterPattern 0..1024 characters. */
export const FILTER_PATTERN_MAX = 1024;
/** MetricTransformation: metricName / metricNamespace ≤ 255, pattern `[^:*$]*`. */
export const METRIC_NAME_MAX = 255;
/** MetricTransformation: metricValue ≤ 100 characters. */
export const METRIC_VALUE_MAX = 100;
/** "One metric filter can include as many as three dimensions." (PutMetricFilter). */
export const METRIC_FILTER_DIMENSIONS_MAX = 3;
/** PutMetricAlarm: AlarmName 1..255. */
export const ALARM_NAME_MAX = 255;
/** PutMetricAlarm: AlarmDescription 0..1024. */
export const ALARM_DESCRIPTION_MAX = 1024;
/** PutMetricAlarm: Period × EvaluationPeriods ≤ 86,400 s when Period < 3,600 s, else ≤ 604,800 s. */
export const EVALUATION_WINDOW_MAX_SHORT = 86_400;
export const EVALUATION_WINDOW_MAX_LONG = 604_800;
/** Metric-filter metrics are standard resolution: data arrives per minute (CloudWatch Logs guide). */
export const METRIC_FILTER_RESOLUTION_SECONDS = 60;
/** PutLogEvents / CreateLogGroup: logGroupName 1..512, `[\.\-_/#A-Za-z0-9]+`. */
export const LOG_GROUP_NAME_PATTERN = /^[.\-_/#A-Za-z0-9]{1,512}$/;
/** CreateTopic: 1..256 characters, letters, digits, hyphens and underscores. */
export const TOPIC_NAME_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;
/** Namespaces starting with `AWS/` are reserved for AWS services (PutMetricData). */
export const RESERVED_NAMESPACE_PREFIX = 'AWS/';
