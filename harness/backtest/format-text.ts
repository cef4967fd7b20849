import pc from 'picocolors';
import type { BacktestReport } from './report.ts';

/** Firings listed per rule in the text report (the JSON has them all). */
const FIRINGS_SHOWN = 10;

/** The human report: per-rule table, each firing with its causes, per-day table, totals. */
export function formatBacktestText(report: BacktestReport, options: { color: boolean }): string {
  const c = pc.createColors(options.color);
  const out: string[] = [];
  const idWidth = Math.max(4, ...report.rules.map((r) => r.id.length));
  out.push(
    `${c.bold('rule'.padEnd(idWidth))}  ${'matches'.padStart(9)}  ${'→ALARM'.padStart(7)}  ${'→back'.padStart(6)}  first firing (UTC)`,
  );
  for (const rule of report.rules) {
    const first = rule.firings[0]?.at.slice(0, 16).replace('T', ' ') ?? '';
    const alarms = String(rule.alarms).padStart(7);
    out.push(
      `${rule.id.padEnd(idWidth)}  ${String(rule.matches).padStart(9)}  ${rule.alarms > 0 ? c.red(alarms) : c.dim(alarms)}  ${String(rule.recoveries).padStart(6)}  ${first}`,
    );
  }
  for (const rule of report.rules.filter((r) => r.firings.length > 0)) {
    out.push('', c.bold(`${rule.id}: ${rule.alarms} firing${rule.alarms === 1 ? '' : 's'}`));
    for (const firing of rule.firings.slice(0, FIRINGS_SHOWN)) {
      const back =
        firing.recoveredAt === null
          ? 'still in ALARM at the end'
          : `back ${firing.recoveredAt.slice(11, 16)} UTC`;
      out.push(
        `  ${c.red('ALARM')} ${firing.at.slice(0, 16).replace('T', ' ')} UTC (${firing.atLocal} ${report.timeZone}), ${back}; ${firing.causeCount} matching entr${firing.causeCount === 1 ? 'y' : 'ies'}`,
      );
      for (const cause of firing.causes.slice(0, 5)) {
        out.push(
          c.dim(
            `    ${cause.time}  ${cause.type ?? '?'} ${cause.operation ?? ''} ${cause.path ?? ''}  by ${cause.displayName ?? '-'}  request ${cause.requestId ?? '-'}`,
          ),
        );
      }
      if (firing.causes.length > 5 || firing.causeCount > firing.causes.length) {
        out.push(c.dim(`    … ${firing.causeCount - Math.min(5, firing.causes.length)} more (see --json)`));
      }
    }
    if (rule.firings.length > FIRINGS_SHOWN)
      out.push(c.dim(`  … ${rule.firings.length - FIRINGS_SHOWN} more firings (see --json)`));
  }
  if (report.days.length > 0) {
    out.push(
      '',
      c.bold(`${'day (UTC)'.padEnd(10)}  ${'entries'.padStart(10)}  ${'matches'.padStart(9)}  firings`),
    );
    for (const day of report.days) {
      const matches = Object.values(day.matches).reduce((a, b) => a + b, 0);
      const firings = Object.entries(day.firings)
        .map(([id, n]) => `${id}×${n}`)
        .join(', ');
      out.push(
        `${day.date.padEnd(10)}  ${String(day.entries).padStart(10)}  ${String(matches).padStart(9)}  ${firings || c.dim('none')}`,
      );
    }
  }
  if (report.malformed.count > 0) {
    out.push(
      '',
      c.yellow(
        `${report.malformed.count} malformed line${report.malformed.count === 1 ? '' : 's'} (not evaluated):`,
      ),
    );
    for (const bad of report.malformed.lines.slice(0, 10))
      out.push(`  ${bad.file}:${bad.line}: ${bad.reason}`);
    if (report.malformed.count > 10) out.push(c.dim(`  … ${report.malformed.count - 10} more (see --json)`));
  }
  const t = report.throughput;
  out.push(
    '',
    `${c.bold('total')}: ${report.totals.entries} entries (${report.firstEvent ?? '-'} → ${report.lastEvent ?? '-'}), ` +
      `${report.totals.matches} matches, ${report.totals.firings} firings` +
      (report.outsideWindow > 0 ? `, ${report.outsideWindow} entries outside --from/--to` : '') +
      c.dim(
        `; ${(t.bytes / 1e6).toFixed(1)} MB in ${t.seconds.toFixed(2)} s (${t.mbPerSecond.toFixed(0)} MB/s)`,
      ),
  );
  return out.join('\n') + '\n';
}
