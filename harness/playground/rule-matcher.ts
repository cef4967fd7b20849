import { compileMetricFilter, prepareEvent } from '../filter-pattern/index.ts';
import type { CompiledMetricFilter, PreparedEvent } from '../filter-pattern/index.ts';
import type { Rule } from '../rules/index.ts';

/** What one log event does to the rules: which metric filters it matches and the value each emits. */
export interface RuleMatch {
  readonly ruleId: string;
  /** The metric value the filter would publish (undefined when the value field is missing). */
  readonly value: number | undefined;
}

/**
 * The rules' metric filters compiled with the lab's filter-pattern engine, the one the emulator's
 * Logs service matches ingested events with, so the page's tags are what CloudWatch would count.
 */
export class RuleMatcher {
  readonly #filters: ReadonlyArray<{ ruleId: string; filter: CompiledMetricFilter }>;

  constructor(rules: readonly Rule[]) {
    this.#filters = rules.map((rule) => ({
      ruleId: rule.id,
      filter: compileMetricFilter(rule.filter.pattern, [
        {
          metricName: rule.filter.metricName,
          metricNamespace: rule.filter.namespace,
          metricValue: rule.filter.value,
          ...(rule.filter.dimensions ? { dimensions: rule.filter.dimensions } : {}),
        },
      ]),
    }));
  }

  /** `line` may be prepared already (one JSON parse for every rule and the workbench). */
  match(line: string | PreparedEvent): RuleMatch[] {
    const event = typeof line === 'string' ? prepareEvent(line) : line;
    const matches: RuleMatch[] = [];
    for (const { ruleId, filter } of this.#filters) {
      const emissions = filter.apply(event);
      if (emissions !== undefined) matches.push({ ruleId, value: emissions[0]?.value });
    }
    return matches;
  }
}
