import pc from 'picocolors';
import { CANNOT_VERIFY } from '../expectations.ts';
import { formatDuration, padVisible, visibleLength } from './format.ts';
import type { RuleCoverage, ScenarioResult, SuiteReport } from '../verdict.ts';
import { renderTechniqueMatrix } from './coverage-matrix.ts';

type Colors = ReturnType<typeof pc.createColors>;

export interface TableOptions {
  readonly colour: boolean;
}

/**
 * The summary a person reads: one row per scenario (expected, fired, messages, verdict, latency),
 * the failed expectations spelled out under the table, rule coverage, and the totals.
 */
export function renderTable(report: SuiteReport, options: TableOptions): string {
  const c = pc.createColors(options.colour);
  const header = ['scenario', 'expected', 'fired', 'msgs', 'verdict', 'latency lab / wall'];
  const rows = report.scenarios.map((s) => [
    s.name,
    s.expected.length > 0 ? s.expected.join(', ') : c.dim('(none)'),
    s.fired.length > 0 ? s.fired.join(', ') : c.dim('(none)'),
    String(s.messages),
    verdictCell(s, c),
    s.latency ? `${formatDuration(s.latency.labMs)} / ${formatDuration(s.latency.wallMs)}` : c.dim('-'),
  ]);
  const widths = header.map((h, i) =>
    Math.max(visibleLength(h), ...rows.map((r) => Math.min(visibleLength(r[i]!), 60))),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => padVisible(cell, widths[i]!))
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  out.push(
    c.bold(
      `vault-alarm-lab · target ${report.target} · ${report.scenarios.length} scenarios · ${report.rules.length} rules`,
    ),
    '',
  );
  out.push(c.bold(line(header)));
  out.push(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of rows) out.push(line(row));

  const failures = report.scenarios.filter((s) => s.state !== 'success' && s.state !== 'aborted');
  if (failures.length > 0) {
    out.push('', c.bold(c.red('Failed scenarios')));
    for (const s of failures) {
      out.push(`  ${c.red('✗')} ${s.name}: ${s.summary}`);
      if (s.error) out.push(`      ${s.state}: ${s.error}`);
      for (const e of s.expectations.filter((x) => x.verdict === 'fail')) {
        out.push(`      ${e.kind === 'fire' ? 'must fire' : 'must stay quiet'} ${e.ruleId}: ${e.detail}`);
      }
    }
  }
  const notRun = report.scenarios.filter((s) => s.state === 'aborted');
  if (notRun.length > 0) {
    out.push('', c.bold(c.yellow('Not run to the end (interrupted; neither passed nor failed)')));
    out.push(`  ${notRun.map((s) => s.name).join(', ')}`);
  }
  const unverifiable = report.totals.unverifiable;
  if (unverifiable > 0) {
    out.push(
      '',
      c.yellow(`${unverifiable} negative expectations: ${CANNOT_VERIFY} (it matches every event).`),
    );
  }

  out.push('', ...coverageLines(report, c));
  if (!report.subset) out.push('', ...renderTechniqueMatrix(report.rules, c));
  for (const note of report.notes) out.push('', c.dim(`note: ${note}`));
  const t = report.totals;
  const summary = `${t.passed} passed, ${t.failed} failed${t.aborted > 0 ? `, ${t.aborted} not run` : ''}`;
  out.push(
    '',
    `${report.state === 'success' ? c.green(c.bold('PASS')) : c.red(c.bold(report.state === 'aborted' ? 'ABORTED' : 'FAIL'))} ${summary} in ${formatDuration(report.durationMs)} (lab clock advanced ${formatDuration(report.labAdvancedMs)})`,
  );
  return out.join('\n') + '\n';
}

/**
 * Positive / negative scenario counts per rule. For the whole suite a rule missing either kind is a
 * gap worth a warning; for a `--scenario` selection it is expected, so only the rules the selection
 * exercised are listed.
 */
function coverageLines(report: SuiteReport, c: Colors): string[] {
  if (report.subset || report.state === 'aborted') {
    const touched = report.rules.filter((r) => r.positive.length > 0 || r.negative.length > 0);
    const others = report.rules.length - touched.length;
    const which = report.state === 'aborted' ? 'the scenarios that ran' : 'the selected scenarios';
    const by = report.state === 'aborted' ? 'before the interruption' : 'by this selection';
    return [
      c.bold(
        `Rule coverage of ${which} (partial: ${others} rule${others === 1 ? '' : 's'} not exercised ${by})`,
      ),
      ...coverageRows(
        touched,
        () => c.dim('·'),
        () => '',
      ),
    ];
  }
  const complete = (r: RuleCoverage): boolean => r.positive.length > 0 && r.negative.length > 0;
  return [
    c.bold('Rule coverage (positive / negative scenarios)'),
    ...coverageRows(
      report.rules,
      (r) => (complete(r) ? c.green('✓') : c.yellow('!')),
      (r) =>
        complete(r)
          ? ''
          : c.yellow(`  (missing ${r.positive.length === 0 ? 'positive' : 'negative'} scenario)`),
    ),
  ];
}

function coverageRows(
  rules: readonly RuleCoverage[],
  mark: (r: RuleCoverage) => string,
  remark: (r: RuleCoverage) => string,
): string[] {
  const idWidth = Math.max(0, ...rules.map((r) => r.id.length));
  return rules.map(
    (r) => `  ${mark(r)} ${r.id.padEnd(idWidth)}  +${r.positive.length} / -${r.negative.length}${remark(r)}`,
  );
}

function verdictCell(s: ScenarioResult, c: Colors): string {
  switch (s.state) {
    case 'success':
      return s.expectations.some((e) => e.verdict === 'unverifiable') ? c.yellow('pass*') : c.green('pass');
    case 'failure':
      return c.red('FAIL');
    case 'timeout':
      return c.red('TIMEOUT');
    case 'aborted':
      return c.yellow('aborted');
    case 'error':
      return c.red('ERROR');
  }
}
