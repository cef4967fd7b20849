import { breachPredicate } from '../../alarm-evaluation/index.ts';
import type { Rule } from '../rule.ts';
import type { LintFinding } from './finding.ts';

/** The values a rule's alarm statistic can take in a period with data, as an interval. */
interface Reach {
  readonly lo: number;
  readonly hi: number;
}

/**
 * What the alarm statistic can be, from the metric value (a constant, or a field whose values the lint
 * cannot know) and the defaultValue: undefined when it is not knowable.
 */
function reachable(rule: Rule): Reach | undefined {
  const value = Number(rule.filter.value);
  if (!Number.isFinite(value)) return undefined;
  const samples = rule.filter.defaultValue === undefined ? [value] : [value, rule.filter.defaultValue];
  const lo = Math.min(...samples);
  const hi = Math.max(...samples);
  switch (rule.alarm.statistic) {
    case 'SampleCount':
      return { lo: 1, hi: Infinity };
    case 'Sum':
      // Many samples in a period add up; negative constants make the sum unbounded below.
      return { lo: lo < 0 ? -Infinity : lo, hi: hi > 0 ? Infinity : hi };
    default:
      return { lo, hi };
  }
}

/** Whether some / every value the statistic can take breaches: test the interval's ends. */
function breachesOver(reach: Reach, rule: Rule): { some: boolean; every: boolean } {
  const breaches = breachPredicate(rule.alarm.comparison, rule.alarm.threshold);
  const upward = rule.alarm.comparison.startsWith('Greater');
  return {
    some: breaches(upward ? reach.hi : reach.lo),
    every: breaches(upward ? reach.lo : reach.hi),
  };
}

/** Alarms that can never fire, or that fire on silence, or that never come back. */
export function alarmFindings(rule: Rule): LintFinding[] {
  const a = rule.alarm;
  const what = `${a.statistic} ${a.comparison} ${a.threshold} per ${a.period} s, ${a.datapointsToAlarm} of ${a.evaluationPeriods}, treatMissingData ${a.treatMissingData}`;
  const metric = `metricValue ${rule.filter.value}${rule.filter.defaultValue === undefined ? ', no defaultValue' : `, defaultValue ${rule.filter.defaultValue}`}`;
  const out: LintFinding[] = [];
  const noDefault = rule.filter.defaultValue === undefined;
  const reach = reachable(rule);
  if (a.treatMissingData === 'breaching' && noDefault) {
    const matchesBreachToo = reach !== undefined && breachesOver(reach, rule).every;
    out.push({
      id: 'alarm-never-recovers',
      severity: 'error',
      ruleId: rule.id,
      message: `${what} (${metric}): a metric filter publishes nothing in a minute without a match, and missing data counts as breaching, so the alarm is in ALARM whenever nothing matches${matchesBreachToo ? '; a match breaches too, so it never leaves ALARM' : ''}`,
      suggestion:
        'treatMissingData: notBreaching (a quiet log is good news), or give the filter defaultValue: 0',
    });
  }
  if (reach === undefined) return out;
  const breach = breachesOver(reach, rule);
  if (!breach.some && a.treatMissingData !== 'breaching') {
    out.push({
      id: 'alarm-never-fires',
      severity: 'error',
      ruleId: rule.id,
      message: `${what} (${metric}): the ${a.statistic} of this metric is always ${reach.lo === reach.hi ? reach.lo : `between ${reach.lo} and ${reach.hi}`}, which never crosses the threshold, so the alarm can never fire`,
      suggestion:
        a.statistic === 'Sum' || a.statistic === 'SampleCount'
          ? `a threshold the count can reach, e.g. threshold: ${Math.max(1, Math.ceil(reach.lo))} with GreaterThanOrEqualToThreshold`
          : `statistic: Sum (counts matches per period) with threshold: ${Math.max(1, a.threshold)}`,
    });
  } else if (breach.every && a.treatMissingData === 'ignore' && noDefault) {
    out.push({
      id: 'alarm-never-recovers',
      severity: 'warning',
      ruleId: rule.id,
      message: `${what} (${metric}): every datapoint this metric can have breaches, and missing data is ignored, so once in ALARM the alarm never leaves it`,
      suggestion: 'treatMissingData: notBreaching, so a period without matches brings the alarm back to OK',
    });
  } else if (breach.every && a.treatMissingData === 'missing' && noDefault) {
    out.push({
      id: 'alarm-never-recovers',
      severity: 'warning',
      ruleId: rule.id,
      message: `${what} (${metric}): every datapoint this metric can have breaches and a quiet log is missing data, so the alarm never returns to OK: it goes from ALARM to INSUFFICIENT_DATA (which notifies no one by default)`,
      suggestion: 'treatMissingData: notBreaching, so a period without matches brings the alarm back to OK',
    });
  }
  return out;
}
