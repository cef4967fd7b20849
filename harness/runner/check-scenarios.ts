import { ConfigError } from '../errors.ts';
import { BUILTIN_RULE_IDS } from '../rules/index.ts';
import type { AnyScenario } from './scenario.ts';
import { displayPath, scenarioFileOf } from './scenario-source.ts';

/**
 * Checks, before anything starts, that every rule a scenario names exists in the rule set the run
 * provisions: `expect.fire` must name an active rule (a disabled one can never fire, so the scenario
 * could only fail), `lookalikeFor` a rule that exists at all (a typo would silently drop negative
 * coverage). Every problem is listed, each with the scenario's file.
 */
export function checkScenarioRules(
  scenarios: readonly AnyScenario[],
  activeRuleIds: readonly string[],
  ruleFile?: { readonly path: string; readonly disable: readonly string[] },
): void {
  const active = new Set(activeRuleIds);
  const known = new Set([...activeRuleIds, ...BUILTIN_RULE_IDS]);
  const problems: string[] = [];
  for (const scenario of scenarios) {
    const file = scenarioFileOf(scenario);
    const where = file ? `scenario file ${displayPath(file)}` : `scenario '${scenario.name}'`;
    for (const id of scenario.expect.fire) {
      if (active.has(id)) continue;
      problems.push(
        ruleFile?.disable.includes(id)
          ? `${where}: expect.fire names '${id}', which ${ruleFile.path} disables, so it can never fire`
          : `${where}: expect.fire names '${id}', but no rule has this id`,
      );
    }
    for (const id of scenario.lookalikeFor ?? []) {
      if (!known.has(id)) problems.push(`${where}: lookalikeFor names '${id}', but no rule has this id`);
    }
  }
  if (problems.length === 0) return;
  throw new ConfigError(
    `${problems.length === 1 ? 'a scenario names a rule' : `${problems.length} scenario expectations name rules`} the run does not provision (rules: ${[...active].join(', ')}):\n${problems.map((p) => `  ${p}`).join('\n')}`,
  );
}
