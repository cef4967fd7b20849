import pc from 'picocolors';
import type { LintFinding } from './finding.ts';
import type { LintReport } from './lint-rule-set.ts';

/** Findings for people: severity, id and rule, the message, the pattern with a caret, the fix. */
export function formatLintReport(
  report: LintReport,
  options: { color: boolean; showAccepted?: boolean },
): string {
  const c = pc.createColors(options.color);
  const shown = report.findings.filter((f) => options.showAccepted !== false || f.accepted === undefined);
  const lines: string[] = [];
  for (const f of shown) lines.push(formatFinding(f, c), '');
  lines.push(
    report.errors + report.warnings === 0
      ? c.green(`no findings${report.accepted > 0 ? ` (${report.accepted} accepted)` : ''}`)
      : `${report.errors > 0 ? c.red(`${report.errors} error${report.errors === 1 ? '' : 's'}`) : '0 errors'}, ` +
          `${report.warnings} warning${report.warnings === 1 ? '' : 's'}` +
          (report.accepted > 0 ? `, ${report.accepted} accepted` : ''),
  );
  return lines.join('\n') + '\n';
}

function formatFinding(f: LintFinding, c: ReturnType<typeof pc.createColors>): string {
  const level =
    f.accepted !== undefined
      ? c.dim('accepted')
      : f.severity === 'error'
        ? c.red('error')
        : c.yellow('warning');
  const out = [`${level} ${c.bold(f.id)} in ${c.bold(f.ruleId)}: ${f.message}`];
  if (f.caret !== undefined) out.push(...f.caret.split('\n').map((l) => `    ${l}`));
  out.push(`  instead: ${f.suggestion}`);
  if (f.accepted !== undefined) out.push(c.dim(`  accepted: ${f.accepted}`));
  return out.join('\n');
}

/** The one-line-per-finding form `run`, `rules apply` and `export` print on stderr. */
export function formatLintWarnings(report: LintReport): string {
  const open = report.findings.filter((f) => f.accepted === undefined);
  if (open.length === 0) return '';
  return (
    open.map((f) => `lint ${f.severity} ${f.id} in ${f.ruleId}: ${f.message}\n`).join('') +
    `(${open.length} lint finding${open.length === 1 ? '' : 's'}; details: vault-alarm-lab rules lint)\n`
  );
}
