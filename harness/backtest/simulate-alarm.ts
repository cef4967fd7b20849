import {
  alarmBreachTest,
  basicStatistic,
  evaluationRangeSize,
  evaluationStepMs,
  nextAlarmState,
  MINUTE_MS,
} from '../alarm-evaluation/index.ts';
import type {
  AlarmStateValue,
  BasicStatistic,
  MetricAlarmEvaluationSpec,
  RangeDatapoint,
} from '../alarm-evaluation/index.ts';
import type { BacktestRule } from './backtest-rule.ts';
import type { MinuteBucket } from './scan-result.ts';

export interface AlarmTransition {
  /** Evaluation boundary (epoch ms) at which the state changed. */
  readonly at: number;
  readonly from: AlarmStateValue;
  readonly to: AlarmStateValue;
  readonly reason: string;
}

export interface SimulationInput {
  readonly rule: BacktestRule;
  readonly minutes: ReadonlyMap<number, MinuteBucket>;
  /** Minutes in which the log had entries: where a defaultValue is published when nothing matched. */
  readonly minutesSeen: ReadonlyMap<number, number>;
  /** First and last minute with entries: the virtual clock runs from the one to past the other. */
  readonly firstMinute: number;
  readonly lastMinute: number;
}

/**
 * Replays the alarm on a virtual clock that follows the log: at every evaluation boundary from the
 * first entry's minute until one evaluation range after the last, the period datapoints are built from
 * the per-minute buckets (as the metric store aggregates metric filter samples) and handed to the
 * shared evaluator, which answers what CloudWatch would. The alarm starts INSUFFICIENT_DATA, as a
 * freshly created one does.
 */
export function simulateAlarm(input: SimulationInput): AlarmTransition[] {
  const { rule } = input;
  const periodMs = rule.alarm.period * 1000;
  const spec: MetricAlarmEvaluationSpec = {
    namespace: rule.filter.namespace,
    statistic: rule.alarm.statistic,
    unit: rule.filter.unit,
    periodMs,
    evaluationPeriods: rule.alarm.evaluationPeriods,
    datapointsToAlarm: rule.alarm.datapointsToAlarm,
    threshold: rule.alarm.threshold,
    comparisonOperator: rule.alarm.comparison,
    treatMissingData: rule.alarm.treatMissingData,
  };
  const isBreaching = alarmBreachTest(spec);
  const rangeSize = evaluationRangeSize(rule.alarm.evaluationPeriods);
  const step = evaluationStepMs(periodMs, rule.alarm.evaluationPeriods);
  const statistic = rule.alarm.statistic as BasicStatistic;
  const defaultValue = rule.filter.defaultValue;

  const datapoint = (start: number): RangeDatapoint => {
    let sampleCount = 0;
    let sum = 0;
    let minimum = Infinity;
    let maximum = -Infinity;
    for (let minute = start; minute < start + periodMs; minute += MINUTE_MS) {
      const bucket = input.minutes.get(minute);
      if (bucket !== undefined && bucket.matches > 0) {
        if (bucket.sampleCount === 0) continue;
        sampleCount += bucket.sampleCount;
        sum += bucket.sum;
        minimum = Math.min(minimum, bucket.minimum);
        maximum = Math.max(maximum, bucket.maximum);
      } else if (defaultValue !== undefined && input.minutesSeen.has(minute)) {
        sampleCount += 1;
        sum += defaultValue;
        minimum = Math.min(minimum, defaultValue);
        maximum = Math.max(maximum, defaultValue);
      }
    }
    if (sampleCount === 0) return { timestamp: start, value: undefined };
    return {
      timestamp: start,
      value: basicStatistic({ sampleCount, sum, minimum, maximum }, statistic),
      sampleCount,
    };
  };

  const transitions: AlarmTransition[] = [];
  let state: AlarmStateValue = 'INSUFFICIENT_DATA';
  const first = Math.ceil((input.firstMinute + MINUTE_MS) / step) * step;
  const last = input.lastMinute + MINUTE_MS + rangeSize * periodMs;
  for (let boundary = first; boundary <= last; boundary += step) {
    const range: RangeDatapoint[] = [];
    for (let j = rangeSize - 1; j >= 0; j--) range.push(datapoint(boundary - (j + 1) * periodMs));
    const next = nextAlarmState(spec, range, state, boundary, isBreaching);
    if (next === undefined) continue;
    transitions.push({ at: boundary, from: state, to: next.value, reason: next.reason });
    state = next.value;
  }
  return transitions;
}
