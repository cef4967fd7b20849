import pc from 'picocolors';
import { defineCommand } from '../command.ts';
import type { CliIo } from '../command.ts';
import { formatLintReport, formatLintWarnings, lintRuleSet } from '../../rules/index.ts';
import type { RuleSet } from '../../rules/index.ts';
import { loadRuleSetFor, ruleSetOptions } from './rules.ts';

/**
 * `rules lint`: exit status 0 when no finding is an error (warnings and accepted findings allowed),
 * 1 when one is, 2 on a usage error.
 */
export const lintCommand = defineCommand({
  name: 'lint',
  summary:
    'Find rules that are valid but will bite: double counting, HMAC’d fields, unknown fields, alarms that never fire.',
  options: {
    rules: ruleSetOptions.rules,
    json: { type: 'boolean', description: 'Print {"findings":[…]} as JSON' },
  },
  examples: ['vault-alarm-lab rules lint --rules team-rules.yaml', 'vault-alarm-lab rules lint --json'],
  async run({ values, io }) {
    const set = await loadRuleSetFor(values, io);
    const report = lintRuleSet(set);
    if (values.json) io.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else
      io.stdout.write(formatLintReport(report, { color: io.stdout.isTTY === true && !io.env['NO_COLOR'] }));
    return report.errors > 0 ? 1 : 0;
  },
});

/** `run`, `rules apply` and `export` lint the rules they use and warn on stderr; they never stop on it. */
export function writeLintWarnings(set: RuleSet, io: CliIo): void {
  const text = formatLintWarnings(lintRuleSet(set));
  if (text !== '') io.stderr.write(io.stderr.isTTY === true && !io.env['NO_COLOR'] ? pc.yellow(text) : text);
}
