// GENERATED FILE, do not edit.
// Regenerate: node bin/run-ts.js scripts/generate-aws-models.ts
// Source: botocore logs/2014-03-28, cloudwatch/2010-08-01, shape StandardUnit.

/** CloudWatch StandardUnit: what PutMetricData, PutMetricAlarm and a metric filter's MetricTransformation accept as `unit`. */
export const STANDARD_UNITS = [
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
] as const;

export type StandardUnit = (typeof STANDARD_UNITS)[number];
