/**
 * AWS limits on filter patterns and metric filters, named once. Each cites where AWS states it; the
 * lab-only safety limits (nesting, regex program size) say so.
 */

/** API model `FilterPattern {min: 0, max: 1024}` (PutMetricFilter, TestMetricFilter, FilterLogEvents). */
export const MAX_PATTERN_LENGTH = 1024;

/**
 * "There is a limit of 2 regex for each filter pattern" (FilterAndPatternSyntax.html#regex-expressions;
 * API_PutMetricFilter: "a quota of two regular expression patterns within a single filter pattern").
 */
export const MAX_REGEX_PER_PATTERN = 2;

/**
 * "You can only use up to one wildcard selector in a property selector, and up to three wildcard
 * selectors in a filter pattern with compound expressions." (matching-terms-json-log-events.html)
 */
export const MAX_WILDCARDS_PER_SELECTOR = 1;
export const MAX_WILDCARD_SELECTORS_PER_PATTERN = 3;

/** AWS CDK `FilterPattern.spaceDelimited`: "Can use at most one '...' column". */
export const MAX_ELLIPSIS_PER_PATTERN = 1;

/** API_MetricTransformation: "One metric filter can include as many as three dimensions." */
export const MAX_DIMENSIONS = 3;

/** API_PutMetricFilter `metricTransformations`: "Fixed number of 1 item". */
export const METRIC_TRANSFORMATIONS_PER_FILTER = 1;

/** API_MetricTransformation: metricName / metricNamespace ≤ 255, metricValue ≤ 100, dimension key/value ≤ 255. */
export const MAX_METRIC_NAME_LENGTH = 255;
export const MAX_METRIC_NAMESPACE_LENGTH = 255;
export const MAX_METRIC_VALUE_LENGTH = 100;
export const MAX_DIMENSION_KEY_LENGTH = 255;
export const MAX_DIMENSION_VALUE_LENGTH = 255;

/** CloudWatch PutMetricData: a dimension value is 1..1024 characters (cloudwatch_concepts.html#Dimension). */
export const MAX_PUBLISHED_DIMENSION_VALUE_LENGTH = 1024;

/**
 * Lab safety limits (AWS states none): parenthesis nesting in a JSON pattern, the largest `{m,n}`
 * count, and the size of a compiled regex program. They keep compilation bounded for hostile input;
 * real patterns stay far below them.
 */
export const DEFAULT_MAX_NESTING_DEPTH = 64;
export const MAX_REGEX_REPEAT = 1000;
export const MAX_REGEX_PROGRAM_SIZE = 2_000;
