import type { SuiteReport } from '../verdict.ts';

/**
 * JUnit XML for CI: one test case per scenario (classname `vault-alarm-lab.<target>`), a `failure`
 * listing the expectations that did not hold, `error` for scenarios that could not run, and the
 * per-rule verdicts in `system-out`.
 */
export function renderJunit(report: SuiteReport): string {
  const failures = report.scenarios.filter((s) => s.state === 'failure' || s.state === 'timeout').length;
  const errors = report.scenarios.filter((s) => s.state === 'error').length;
  const skipped = report.scenarios.filter((s) => s.state === 'aborted').length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="vault-alarm-lab" tests="${report.scenarios.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(report.durationMs)}">`,
    `  <testsuite name="vault-alarm-lab.${esc(report.target)}" tests="${report.scenarios.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(report.durationMs)}" timestamp="${esc(report.startedAt)}">`,
  ];
  for (const s of report.scenarios) {
    lines.push(
      `    <testcase classname="vault-alarm-lab.${esc(report.target)}" name="${esc(s.name)}" time="${seconds(s.durationMs)}">`,
    );
    const failed = s.expectations.filter((e) => e.verdict === 'fail');
    if (s.state === 'failure' || s.state === 'timeout') {
      const body = failed.map(
        (e) => `${e.kind === 'fire' ? 'must fire' : 'must stay quiet'} ${e.ruleId}: ${e.detail}`,
      );
      if (s.error) body.unshift(s.error);
      lines.push(
        `      <failure message="${esc(body[0] ?? s.state)}" type="${s.state}">${esc(body.join('\n'))}</failure>`,
      );
    } else if (s.state === 'error') {
      lines.push(
        `      <error message="${esc(s.error ?? 'error')}" type="error">${esc(s.error ?? '')}</error>`,
      );
    } else if (s.state === 'aborted') {
      lines.push(`      <skipped message="${esc(s.error ?? 'aborted')}"/>`);
    }
    const out = [
      s.summary,
      ...s.expectations.map(
        (e) => `${e.verdict.padEnd(12)} ${e.kind === 'fire' ? 'fire ' : 'quiet'} ${e.ruleId}: ${e.detail}`,
      ),
    ];
    lines.push(`      <system-out>${esc(out.join('\n'))}</system-out>`, '    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>');
  return lines.join('\n') + '\n';
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** XML-escapes text and drops characters XML 1.0 cannot carry. */
export function esc(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}
