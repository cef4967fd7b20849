import { LabError } from '../errors.ts';

/** A log file that cannot be read at all (permissions, I/O error): the backtest stops, exit status 1. */
export class BacktestReadError extends LabError {
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super('LAB_BACKTEST_READ', `cannot read log file ${file}: ${reason}`, options);
  }
}
