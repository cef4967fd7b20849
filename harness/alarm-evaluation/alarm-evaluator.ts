/**
 * The metric alarm decision: given the datapoints of the evaluation range, the alarm's M out of N
 * and its TreatMissingData, what state does CloudWatch pick? Pure: no store, no clock, no texts
 * (state-reason.ts turns a decision into AWS's wording).
 *
 * Rules (user guide "Configuring how CloudWatch alarms treat missing data", alarms-sns.md §2.4):
 * 1. CloudWatch looks at an evaluation range longer than N periods.
 * 2. With at least N real datapoints in the range it evaluates the N most recent real ones, reaching
 *    back over gaps; TreatMissingData plays no part.
 * 3. With fewer, it uses every real datapoint and fills the shortfall as the treatment says, as few
 *    times as possible; with none at all: missing → INSUFFICIENT_DATA, ignore → keep the state,
 *    breaching → ALARM, notBreaching → OK.
 * 4. Premature-alarm rule: with `missing`, the alarm goes to ALARM when the oldest breaching
 *    datapoint within the last N periods is at least M periods old and every newer one is breaching
 *    or missing, even if fewer than M datapoints breach.
 *
 * Where the guide's prose and its tables disagree (awsdocs/amazon-cloudwatch-user-guide#129), the
 * tables win; this implementation follows the one reading that satisfies all ten rows of both tables:
 * with `missing`/`ignore` and fewer than N real datapoints,
 * - at least M breaching → ALARM;
 * - some real datapoint not breaching → OK;
 * - every real datapoint breaching but fewer than M → the premature rule may give ALARM (`missing`
 *   only); otherwise the state is kept. That last branch decides the undocumented `- - - - X` case
 *   (a single fresh breaching point): the alarm "does not alarm yet" and keeps its state rather than
 *   reporting a false OK.
 */

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type TreatMissingData = 'breaching' | 'notBreaching' | 'ignore' | 'missing';

export const TREAT_MISSING_DATA_VALUES: readonly TreatMissingData[] = [
  'breaching',
  'notBreaching',
  'ignore',
  'missing',
];

/** One period of the evaluation range. */
export interface RangeDatapoint {
  /** Start of the period, epoch ms. */
  readonly timestamp: number;
  /** The statistic's value; undefined when the period has no data. */
  readonly value: number | undefined;
  readonly sampleCount?: number | undefined;
  /** Percentile alarms: too few samples to be significant (EvaluateLowSampleCountPercentile). */
  readonly lowSample?: boolean | undefined;
}

export interface EvaluationParams {
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
  /** EvaluateLowSampleCountPercentile=ignore: low-sample periods never change the state. */
  readonly ignoreLowSamplePeriods?: boolean;
  readonly isBreaching: (value: number) => boolean;
}

/** A datapoint the decision was based on; `value` undefined for a filled (missing) period. */
export interface EvaluatedDatapoint {
  readonly timestamp: number;
  readonly value: number | undefined;
  readonly sampleCount?: number | undefined;
  readonly breaching: boolean;
}

export type Decision =
  | {
      /** A state reached by comparing datapoints with the threshold. */
      readonly kind: 'threshold';
      readonly state: 'OK' | 'ALARM';
      /** Newest first: real datapoints used, plus the periods treated as missing. */
      readonly evaluated: readonly EvaluatedDatapoint[];
      readonly realCount: number;
      readonly breachingCount: number;
      /** Missing periods filled by the treatment (breaching / notBreaching only). */
      readonly fills: number;
      readonly fillTreatment?: 'Breaching' | 'NonBreaching';
      readonly premature: boolean;
    }
  | {
      /** No datapoint at all, treated as breaching or not breaching. */
      readonly kind: 'all-missing';
      readonly state: 'OK' | 'ALARM';
      readonly evaluated: readonly EvaluatedDatapoint[];
      readonly fillTreatment: 'Breaching' | 'NonBreaching';
    }
  | { readonly kind: 'insufficient'; readonly evaluated: readonly EvaluatedDatapoint[] }
  | { readonly kind: 'retain'; readonly why: 'ignore-all-missing' | 'not-enough-breaching' | 'low-sample' };

/**
 * Decides the state for one evaluation. `range` is the whole evaluation range, oldest first; its
 * last `evaluationPeriods` entries are the evaluation periods.
 */
export function decideAlarmState(range: readonly RangeDatapoint[], params: EvaluationParams): Decision {
  const n = params.evaluationPeriods;
  const m = params.datapointsToAlarm;
  const lastN = range.slice(-n);
  const real = range.filter((d) => d.value !== undefined);
  const missingInLastN = lastN.filter((d) => d.value === undefined).map((d) => missingPoint(d));

  if (real.length === 0) {
    const evaluated = newestFirst(missingInLastN);
    switch (params.treatMissingData) {
      case 'missing':
        return { kind: 'insufficient', evaluated };
      case 'ignore':
        return { kind: 'retain', why: 'ignore-all-missing' };
      case 'breaching':
        return { kind: 'all-missing', state: 'ALARM', evaluated, fillTreatment: 'Breaching' };
      case 'notBreaching':
        return { kind: 'all-missing', state: 'OK', evaluated, fillTreatment: 'NonBreaching' };
    }
  }

  const used = real.length >= n ? real.slice(-n) : real;
  if (params.ignoreLowSamplePeriods === true && used.some((d) => d.lowSample === true)) {
    return { kind: 'retain', why: 'low-sample' };
  }
  const usedPoints = used.map((d) => realPoint(d, params));
  const breachingCount = usedPoints.filter((d) => d.breaching).length;

  if (real.length >= n) {
    return {
      kind: 'threshold',
      state: breachingCount >= m ? 'ALARM' : 'OK',
      evaluated: newestFirst(usedPoints),
      realCount: usedPoints.length,
      breachingCount,
      fills: 0,
      premature: false,
    };
  }

  const shortfall = n - real.length;
  const evaluated = newestFirst(mergeByTime(usedPoints, missingInLastN));
  const base = { kind: 'threshold' as const, evaluated, realCount: usedPoints.length, breachingCount };
  switch (params.treatMissingData) {
    case 'breaching':
      return {
        ...base,
        state: breachingCount + shortfall >= m ? 'ALARM' : 'OK',
        fills: shortfall,
        fillTreatment: 'Breaching',
        premature: false,
      };
    case 'notBreaching':
      return {
        ...base,
        state: breachingCount >= m ? 'ALARM' : 'OK',
        fills: shortfall,
        fillTreatment: 'NonBreaching',
        premature: false,
      };
    case 'missing':
    case 'ignore': {
      if (breachingCount >= m) return { ...base, state: 'ALARM', fills: 0, premature: false };
      if (breachingCount < usedPoints.length) return { ...base, state: 'OK', fills: 0, premature: false };
      if (params.treatMissingData === 'missing' && prematureAlarm(lastN, m, params)) {
        return { ...base, state: 'ALARM', fills: 0, premature: true };
      }
      return { kind: 'retain', why: 'not-enough-breaching' };
    }
  }
}

/**
 * The guide's premature-alarm condition over the evaluation periods: the oldest breaching datapoint
 * is at least M periods old (the newest period is 1 period old) and all newer periods are breaching
 * or missing.
 */
function prematureAlarm(lastN: readonly RangeDatapoint[], m: number, params: EvaluationParams): boolean {
  const oldest = lastN.findIndex((d) => d.value !== undefined && params.isBreaching(d.value));
  if (oldest < 0) return false;
  const age = lastN.length - oldest;
  if (age < m) return false;
  return lastN.slice(oldest + 1).every((d) => d.value === undefined || params.isBreaching(d.value));
}

function realPoint(d: RangeDatapoint, params: EvaluationParams): EvaluatedDatapoint {
  return {
    timestamp: d.timestamp,
    value: d.value,
    sampleCount: d.sampleCount,
    breaching: params.isBreaching(d.value!),
  };
}

function missingPoint(d: RangeDatapoint): EvaluatedDatapoint {
  return { timestamp: d.timestamp, value: undefined, breaching: false };
}

function mergeByTime(
  a: readonly EvaluatedDatapoint[],
  b: readonly EvaluatedDatapoint[],
): EvaluatedDatapoint[] {
  return [...a, ...b].sort((x, y) => x.timestamp - y.timestamp);
}

function newestFirst(points: readonly EvaluatedDatapoint[]): EvaluatedDatapoint[] {
  return [...points].sort((x, y) => y.timestamp - x.timestamp);
}

/** The four static-threshold comparison operators (the statistic is the left operand). */
export type StaticComparisonOperator =
  | 'GreaterThanOrEqualToThreshold'
  | 'GreaterThanThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

export const STATIC_COMPARISON_OPERATORS: readonly StaticComparisonOperator[] = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
];

export function breachPredicate(
  operator: StaticComparisonOperator,
  threshold: number,
): (value: number) => boolean {
  switch (operator) {
    case 'GreaterThanOrEqualToThreshold':
      return (v) => v >= threshold;
    case 'GreaterThanThreshold':
      return (v) => v > threshold;
    case 'LessThanThreshold':
      return (v) => v < threshold;
    case 'LessThanOrEqualToThreshold':
      return (v) => v <= threshold;
  }
}

/** The words StateReason uses for an operator: "greater than or equal to". */
export function comparisonPhrase(operator: StaticComparisonOperator): string {
  switch (operator) {
    case 'GreaterThanOrEqualToThreshold':
      return 'greater than or equal to';
    case 'GreaterThanThreshold':
      return 'greater than';
    case 'LessThanThreshold':
      return 'less than';
    case 'LessThanOrEqualToThreshold':
      return 'less than or equal to';
  }
}

/**
 * Size of the evaluation range for N evaluation periods. AWS does not document it
 * (awsdocs/amazon-cloudwatch-user-guide#102); its examples use 5 for N = 3. We use
 * N + max(⌊N/3⌋, 2), which gives 5 for N = 3 (the same formula as LocalStack's scheduler).
 */
export function evaluationRangeSize(evaluationPeriods: number): number {
  return evaluationPeriods + Math.max(Math.floor(evaluationPeriods / 3), 2);
}
