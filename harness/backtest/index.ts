/**
 * Backtest: replay Vault audit logs through the rules on event time, with the lab's own filter
 * pattern engine and CloudWatch's alarm evaluation, and report what would have fired, when and why.
 */
export { runBacktest } from './run-backtest.ts';
export type { BacktestOptions } from './run-backtest.ts';
export type { BacktestReport, RuleOutcome, Firing, DayRow } from './report.ts';
export type { CausingEntry } from './scan-result.ts';
export { formatBacktestText } from './format-text.ts';
export { backtestHtml } from './html-report.ts';
