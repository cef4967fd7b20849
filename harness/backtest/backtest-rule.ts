import type { Rule } from '../rules/index.ts';

/**
 * What a backtest needs of a rule, as plain data: workers receive it through postMessage and compile
 * the metric filter themselves.
 */
export interface BacktestRule {
  readonly id: string;
  readonly title: string;
  readonly filter: {
    readonly pattern: string;
    readonly metricName: string;
    readonly namespace: string;
    readonly value: string;
    readonly defaultValue?: number;
    readonly dimensions?: Readonly<Record<string, string>>;
    readonly unit?: string;
  };
  readonly alarm: {
    readonly statistic: string;
    readonly period: number;
    readonly evaluationPeriods: number;
    readonly datapointsToAlarm: number;
    readonly comparison: string;
    readonly threshold: number;
    readonly treatMissingData: 'breaching' | 'notBreaching' | 'ignore' | 'missing';
    /** The dimension values the alarm watches: only datapoints of that combination count. */
    readonly dimensions?: Readonly<Record<string, string>>;
  };
}

export function toBacktestRule(rule: Rule): BacktestRule {
  return {
    id: rule.id,
    title: rule.title,
    filter: {
      pattern: rule.filter.pattern,
      metricName: rule.filter.metricName,
      namespace: rule.filter.namespace,
      value: rule.filter.value,
      ...(rule.filter.defaultValue !== undefined ? { defaultValue: rule.filter.defaultValue } : {}),
      ...(rule.filter.dimensions ? { dimensions: { ...rule.filter.dimensions } } : {}),
      ...(rule.filter.unit ? { unit: rule.filter.unit } : {}),
    },
    alarm: {
      statistic: rule.alarm.statistic,
      period: rule.alarm.period,
      evaluationPeriods: rule.alarm.evaluationPeriods,
      datapointsToAlarm: rule.alarm.datapointsToAlarm,
      comparison: rule.alarm.comparison,
      threshold: rule.alarm.threshold,
      treatMissingData: rule.alarm.treatMissingData,
      ...(rule.alarm.dimensions ? { dimensions: { ...rule.alarm.dimensions } } : {}),
    },
  };
}
