import pc from 'picocolors';
import type { CliIo } from '../command.ts';
import type { RuleSet } from '../../rules/index.ts';
import { coverageOf, loadScenarios, renderTechniqueMatrix } from '../../runner/index.ts';

/** `rules list` ends with the ATT&CK matrix: technique × rule × the built-in scenarios exercising it. */
export async function writeCoverageMatrix(set: RuleSet, io: CliIo): Promise<void> {
  const c = pc.createColors(io.stdout.isTTY === true && !io.env['NO_COLOR']);
  const coverage = coverageOf(set.rules, await loadScenarios());
  io.stdout.write(renderTechniqueMatrix(coverage, c).join('\n') + '\n');
}
