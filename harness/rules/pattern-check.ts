import { compileMetricFilter } from '../filter-pattern/index.ts';
import type { PatternChecker } from './validate-rule.ts';

/**
 * Validates a rule's pattern and metric transformation with the lab's filter-pattern engine, the one
 * the emulator matches with, so a rule refused here would be refused by PutMetricFilter too (the
 * error message shows the pattern with a caret under the problem).
 */
export const checkFilterPattern: PatternChecker = (pattern, value, dimensions) => {
  compileMetricFilter(pattern, [
    {
      metricName: 'RuleCheck',
      metricNamespace: 'RuleCheck',
      metricValue: value,
      ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
    },
  ]);
};
