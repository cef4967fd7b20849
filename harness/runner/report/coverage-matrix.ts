import type pc from 'picocolors';
import { techniqueName } from '../../rules/index.ts';
import type { RuleCoverage } from '../verdict.ts';

type Colors = ReturnType<typeof pc.createColors>;

/** One MITRE ATT&CK technique and the rules that detect it, with their scenario coverage. */
export interface TechniqueRow {
  readonly technique: string;
  readonly name: string | undefined;
  readonly rules: readonly RuleCoverage[];
}

/** Techniques in id order; rules citing none are grouped under "(none)" so gaps show. */
export function techniqueMatrix(rules: readonly RuleCoverage[]): TechniqueRow[] {
  const byTechnique = new Map<string, RuleCoverage[]>();
  for (const rule of rules) {
    for (const technique of rule.techniques.length > 0 ? rule.techniques : ['(none)']) {
      const list = byTechnique.get(technique) ?? [];
      list.push(rule);
      byTechnique.set(technique, list);
    }
  }
  return [...byTechnique]
    .sort(([a], [b]) => (a === '(none)' ? 1 : b === '(none)' ? -1 : a.localeCompare(b)))
    .map(([technique, list]) => ({ technique, name: techniqueName(technique), rules: list }));
}

/**
 * The technique × rule matrix as text: each technique, then each rule detecting it with its severity
 * and positive / negative scenario counts (a rule without both is marked).
 */
export function renderTechniqueMatrix(rules: readonly RuleCoverage[], c: Colors): string[] {
  const rows = techniqueMatrix(rules);
  const idWidth = Math.max(0, ...rules.map((r) => r.id.length));
  const out = [c.bold('ATT&CK coverage (technique × rule: severity, positive / negative scenarios)')];
  for (const row of rows) {
    out.push(`  ${c.bold(row.technique)}${row.name === undefined ? '' : ` ${row.name}`}`);
    for (const r of row.rules) {
      const gap = r.positive.length === 0 || r.negative.length === 0;
      out.push(
        `    ${r.id.padEnd(idWidth)}  ${r.severity.padEnd(8)}  +${r.positive.length} / -${r.negative.length}${gap ? c.yellow('  (gap)') : ''}`,
      );
    }
  }
  return out;
}
