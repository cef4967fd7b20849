import { compileMetricFilter, FilterPatternSyntaxError, syntaxHint } from '../filter-pattern/index.ts';
import type { PatternChecker } from './validate-rule.ts';

/**
 * Validates a rule's pattern and metric transformation with the lab's filter-pattern engine, the one
 * the emulator matches with, so a rule refused here would be refused by PutMetricFilter too (the
 * error message shows the pattern with a caret under the problem).
 */
export const checkFilterPattern: PatternChecker = (pattern, value, dimensions) => {
  try {
    compileMetricFilter(pattern, [
      {
        metricName: 'RuleCheck',
        metricNamespace: 'RuleCheck',
        metricValue: value,
        ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
      },
    ]);
  } catch (error) {
    const hint = error instanceof FilterPatternSyntaxError ? syntaxHint(error) : undefined;
    if (hint) throw new Error(`${error instanceof Error ? error.message : String(error)}\n${hint}`);
    throw error;
  }
};
