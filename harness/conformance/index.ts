/**
 * `conformance`: documented AWS behaviour as checks, run through the AWS SDK against any endpoint
 * (the lab's emulator, LocalStack, moto, or a real account), with a report per area.
 */
export { runConformance, ConformanceSetupError, runPrefix } from './run-conformance.ts';
export type { ConformanceOptions } from './run-conformance.ts';
export { AREA_NAMES, AreaRecorder, isAreaName } from './check.ts';
export type { AreaName, AreaResult, CheckResult, ConformanceReport, Disagreement } from './check.ts';
export { formatHuman, formatMarkdown, formatSeconds, skippedCount, toJson } from './report.ts';
