import pc from 'picocolors';
import type { AreaResult, ConformanceReport } from './check.ts';

/**
 * The report three ways: a terminal summary (per area agreed/total, then every disagreement with
 * what AWS does, per its source, and what the endpoint did), Markdown for --report-dir, and JSON.
 */
export function formatHuman(report: ConformanceReport, options: { colour: boolean }): string {
  const c = pc.createColors(options.colour);
  const lines: string[] = [];
  const width = Math.max(...report.areas.map((a) => a.name.length), 4);
  lines.push(
    `conformance of ${report.endpoint} (${report.region}, ${report.clock} clock) in ${formatSeconds(report.wallMs)}`,
    '',
  );
  for (const area of report.areas) {
    const all = area.agreed === area.total;
    const mark = all ? c.green('✓') : c.red('✗');
    const count = skippedCount(area);
    const skipped = count > 0 ? c.dim(` (${count} skipped)`) : '';
    lines.push(
      `${mark} ${area.name.padEnd(width)}  ${`${area.agreed}/${area.total}`.padStart(7)} agree  ${c.dim(formatSeconds(area.wallMs))}${skipped}`,
    );
  }
  const disagreeing = report.areas.filter((a) => a.disagreements.length > 0);
  for (const area of disagreeing) {
    lines.push('', c.bold(`${area.name}: ${area.disagreements.length} disagreement(s)`));
    for (const d of area.disagreements) {
      lines.push(
        `  ${c.red('✗')} ${d.id}: ${d.title}`,
        `      AWS:      ${d.aws}`,
        `      endpoint: ${d.endpoint}`,
        `      source:   ${c.dim(d.source)}`,
      );
    }
  }
  for (const area of report.areas) {
    for (const s of area.skipped) lines.push(c.dim(`  - skipped ${s.id}: ${s.reason}`));
  }
  const agreed = report.areas.reduce((n, a) => n + a.agreed, 0);
  const total = report.areas.reduce((n, a) => n + a.total, 0);
  lines.push(
    '',
    agreed === total
      ? c.green(`AGREE ${agreed}/${total} checks agree with AWS`)
      : c.red(`DISAGREE ${agreed}/${total} checks agree with AWS (${total - agreed} disagree)`),
  );
  return `${lines.join('\n')}\n`;
}

export function formatMarkdown(report: ConformanceReport): string {
  const lines = [
    `# Conformance of ${report.endpoint}`,
    '',
    `Region ${report.region}, ${report.clock} clock, started ${report.startedAt}, took ${formatSeconds(report.wallMs)}.`,
    '',
    '| area | agreed / total | skipped | time |',
    '| --- | --- | --- | --- |',
    ...report.areas.map(
      (a) => `| ${a.name} | ${a.agreed}/${a.total} | ${skippedCount(a)} | ${formatSeconds(a.wallMs)} |`,
    ),
  ];
  for (const area of report.areas) {
    if (area.disagreements.length === 0 && area.skipped.length === 0) continue;
    lines.push('', `## ${area.name}`, '');
    for (const d of area.disagreements) {
      lines.push(
        `- **${escape(d.id)}**: ${escape(d.title)}`,
        `  - AWS: ${escape(d.aws)}`,
        `  - endpoint: ${escape(d.endpoint)}`,
        `  - source: ${escape(d.source)}`,
      );
    }
    for (const s of area.skipped) lines.push(`- skipped ${escape(s.id)}: ${escape(s.reason)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function skippedCount(area: AreaResult): number {
  return area.skipped.reduce((n, s) => n + s.count, 0);
}

export function toJson(report: ConformanceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
