import type { Rule } from '../rules/index.ts';

/**
 * What a backtest needs of a rule: plain data that workers receive through postMessage and compile
 * the metric filter from themselves.
 */
export type BacktestRule = Pick<Rule, 'id' | 'title' | 'filter' | 'alarm'>;

export function toBacktestRule({ id, title, filter, alarm }: Rule): BacktestRule {
  return { id, title, filter, alarm };
}
