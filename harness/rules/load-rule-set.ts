import { loadRuleFile } from './rule-file.ts';
import { buildRuleSet } from './rule-set.ts';
import type { RuleSet, RuleSetOptions } from './rule-set.ts';
import { checkFilterPattern } from './pattern-check.ts';

export interface LoadRuleSetOptions extends Omit<RuleSetOptions, 'userFile' | 'checkPattern'> {
  /** Path of a user rule file (YAML or JSON), merged with the built-in pack. */
  readonly rulesFile?: string;
}

/** The built-in pack plus an optional user file, every pattern checked by the filter-pattern engine. */
export async function loadRuleSet(options: LoadRuleSetOptions): Promise<RuleSet> {
  const userFile = options.rulesFile ? await loadRuleFile(options.rulesFile) : undefined;
  return buildRuleSet({ ...options, ...(userFile ? { userFile } : {}), checkPattern: checkFilterPattern });
}
