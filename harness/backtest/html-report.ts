import type { BacktestReport, RuleOutcome } from './report.ts';

const WIDTH = 900;
const HEIGHT = 90;
const MINUTE_MS = 60_000;

/**
 * A self-contained HTML page (no script, no CDN): a summary table and, per rule, a timeline drawn as
 * inline SVG: matches per time bucket as bars, ALARM intervals as red bands.
 */
export function backtestHtml(report: BacktestReport): string {
  const start = report.firstEvent === null ? 0 : Date.parse(report.firstEvent);
  const end = report.lastEvent === null ? start + MINUTE_MS : Date.parse(report.lastEvent) + MINUTE_MS;
  const rows = report.rules
    .map(
      (r) =>
        `<tr><td><a href="#${esc(r.id)}">${esc(r.id)}</a></td><td>${r.matches}</td><td class="${r.alarms > 0 ? 'fired' : ''}">${r.alarms}</td><td>${r.recoveries}</td></tr>`,
    )
    .join('\n');
  const charts = report.rules.map((r) => ruleSection(r, start, end, report.timeZone)).join('\n');
  const malformed =
    report.malformed.count === 0
      ? ''
      : `<h2>Malformed lines (${report.malformed.count})</h2><ul>${report.malformed.lines
          .slice(0, 100)
          .map((m) => `<li><code>${esc(m.file)}:${m.line}</code> ${esc(m.reason)}</li>`)
          .join('')}</ul>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>vault-alarm-lab backtest</title>
<style>
body{font:14px system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse}td,th{padding:.2em .8em;border-bottom:1px solid #ddd;text-align:left}
td.fired{color:#b00;font-weight:bold}svg{background:#fafafa;border:1px solid #ddd}
.causes{font:12px monospace;color:#555}
</style></head><body>
<h1>Backtest</h1>
<p>${report.totals.entries} entries from ${esc(report.firstEvent ?? '-')} to ${esc(report.lastEvent ?? '-')} (UTC) in
${report.files.map((f) => `<code>${esc(f.file)}</code>`).join(', ')}: ${report.totals.matches} matches,
${report.totals.firings} firings; business-hours zone ${esc(report.timeZone)}.</p>
<table><tr><th>rule</th><th>matches</th><th>to ALARM</th><th>back</th></tr>
${rows}
</table>
${charts}
${malformed}
<script type="application/json" id="backtest-data">${JSON.stringify(report).replace(/</g, '\\u003c')}</script>
</body></html>
`;
}

function ruleSection(rule: RuleOutcome, start: number, end: number, timeZone: string): string {
  const span = Math.max(end - start, MINUTE_MS);
  const x = (ms: number): number => ((ms - start) / span) * WIDTH;
  // Buckets of whole minutes so that at most ~WIDTH/3 bars are drawn.
  const bucketMs = Math.max(MINUTE_MS, Math.ceil(span / (WIDTH / 3) / MINUTE_MS) * MINUTE_MS);
  const buckets = new Map<number, number>();
  for (const [minute, count] of rule.matchesPerMinute) {
    const key = Math.floor((minute - start) / bucketMs);
    buckets.set(key, (buckets.get(key) ?? 0) + count);
  }
  const max = Math.max(1, ...buckets.values());
  const barWidth = Math.max(1, (bucketMs / span) * WIDTH - 0.5);
  const bars = [...buckets]
    .map(([key, count]) => {
      const h = (count / max) * (HEIGHT - 20);
      return `<rect x="${x(start + key * bucketMs).toFixed(1)}" y="${(HEIGHT - 15 - h).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="#4a7bd0"><title>${count} matches</title></rect>`;
    })
    .join('');
  const bands = rule.firings
    .map((f) => {
      const from = Date.parse(f.at);
      const to = f.recoveredAt === null ? end : Date.parse(f.recoveredAt);
      return `<rect x="${x(from).toFixed(1)}" y="0" width="${Math.max(2, x(to) - x(from)).toFixed(1)}" height="${HEIGHT - 15}" fill="#d33" fill-opacity="0.35"><title>ALARM ${esc(f.at)}</title></rect>`;
    })
    .join('');
  const axis = `<text x="0" y="${HEIGHT - 2}" font-size="10">${esc(new Date(start).toISOString().slice(0, 16))}Z</text><text x="${WIDTH}" y="${HEIGHT - 2}" font-size="10" text-anchor="end">${esc(new Date(end).toISOString().slice(0, 16))}Z</text>`;
  const firings = rule.firings
    .slice(0, 50)
    .map(
      (f) =>
        `<li>${esc(f.at)} (${esc(f.atLocal)} ${esc(timeZone)}) → ${esc(f.recoveredAt ?? 'still ALARM')}: ${f.causeCount} entries<div class="causes">${f.causes
          .slice(0, 5)
          .map(
            (c) =>
              `${esc(c.time)} ${esc(c.type ?? '')} ${esc(c.path ?? '')} ${esc(c.displayName ?? '')} ${esc(c.requestId ?? '')}`,
          )
          .join('<br>')}</div></li>`,
    )
    .join('');
  return `<h2 id="${esc(rule.id)}">${esc(rule.id)}</h2><p>${esc(rule.title)}: ${rule.matches} matches, ${rule.alarms} firings.</p>
<svg width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="timeline of ${esc(rule.id)}">${bands}${bars}${axis}</svg>
${firings === '' ? '' : `<ul>${firings}</ul>`}`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
