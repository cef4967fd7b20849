/**
 * StateReason and StateReasonData as CloudWatch writes them (alarms-sns.md §2.7 and §2.8; templates
 * read from real AWS messages). Examples:
 * - `Threshold Crossed: 1 datapoint [21.5 (27/11/26 10:04:00)] was greater than the threshold (21.0).`
 *   (DatapointsToAlarm not set)
 * - `Threshold Crossed: 1 out of the last 1 datapoints [99.5 (02/10/19 16:59:00)] was greater than the
 *   threshold (50.0) (minimum 1 datapoint for OK -> ALARM transition).` (DatapointsToAlarm set; AWS
 *   writes `OK -> ALARM` / `ALARM -> OK` whatever the previous state, as its samples from
 *   INSUFFICIENT_DATA show)
 * - `... and 19 missing datapoints were treated as [NonBreaching] ...` when missing periods were filled
 * - `Threshold Crossed: no datapoints were received for 2 periods and 2 missing datapoints were treated
 *   as [Breaching].`
 * - `Insufficient Data: 1 datapoint was unknown.`
 * Datapoints are listed newest first as `value (dd/MM/yy HH:mm:ss)`; numbers are Java doubles.
 */
import type { Decision, EvaluatedDatapoint } from './alarm-evaluator.ts';
import { cloudwatchTimestamp, dbl, javaDouble, javaJson, reasonDatapointTime } from './java-format.ts';

export interface ReasonContext {
  /** "greater than or equal to", ... */
  readonly phrase: string;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  /** Whether DatapointsToAlarm was set on the alarm: selects the "out of the last" wording. */
  readonly explicitDatapointsToAlarm: boolean;
  /** Evaluation time (queryDate), epoch ms. */
  readonly queryDate: number;
  readonly periodSeconds: number;
  readonly unit?: string | undefined;
  /** Statistic or extended statistic; undefined for metric-math alarms. */
  readonly statistic?: string | undefined;
}

export interface StateReason {
  readonly reason: string;
  readonly reasonData: string;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function wasWere(count: number): string {
  return count === 1 ? 'was' : 'were';
}

function list(points: readonly EvaluatedDatapoint[]): string {
  return `[${points.map((p) => `${javaDouble(p.value!)} (${reasonDatapointTime(p.timestamp)})`).join(', ')}]`;
}

/** The reason of a decision that changes the state (kinds other than `retain`). */
export function stateReasonFor(
  decision: Exclude<Decision, { kind: 'retain' }>,
  ctx: ReasonContext,
): StateReason {
  const n = ctx.evaluationPeriods;
  const threshold = javaDouble(ctx.threshold);
  let reason: string;
  switch (decision.kind) {
    case 'insufficient':
      reason = `Insufficient Data: ${plural(n, 'datapoint')} ${wasWere(n)} unknown.`;
      break;
    case 'all-missing':
      reason =
        `Threshold Crossed: no datapoints were received for ${plural(n, 'period')} and ` +
        `${plural(n, 'missing datapoint')} ${wasWere(n)} treated as [${decision.fillTreatment}].`;
      break;
    case 'threshold': {
      const toAlarm = decision.state === 'ALARM';
      const real = decision.evaluated.filter((p) => p.value !== undefined);
      const listed = real.filter((p) => p.breaching === toAlarm);
      const negation = toAlarm ? '' : 'not ';
      const fillText =
        decision.fills > 0
          ? ` and ${plural(decision.fills, 'missing datapoint')} ${wasWere(decision.fills)} treated as [${decision.fillTreatment}]`
          : '';
      if (ctx.explicitDatapointsToAlarm) {
        const minimum = toAlarm ? ctx.datapointsToAlarm : n - ctx.datapointsToAlarm + 1;
        const transition = toAlarm ? 'OK -> ALARM' : 'ALARM -> OK';
        reason =
          `Threshold Crossed: ${listed.length} out of the last ${n} datapoints ${list(listed)} ${wasWere(listed.length)} ` +
          `${negation}${ctx.phrase} the threshold (${threshold})${fillText} ` +
          `(minimum ${plural(minimum, 'datapoint')} for ${transition} transition).`;
      } else if (decision.fills > 0) {
        reason =
          `Threshold Crossed: ${plural(decision.realCount, 'datapoint')} ${wasWere(decision.realCount)} received for ` +
          `${plural(n, 'period')}${fillText}.`;
      } else {
        reason =
          `Threshold Crossed: ${plural(listed.length, 'datapoint')} ${list(listed)} ${wasWere(listed.length)} ` +
          `${negation}${ctx.phrase} the threshold (${threshold}).`;
      }
      break;
    }
  }
  return { reason, reasonData: stateReasonData(decision, ctx) };
}

/**
 * `{"version":"1.0","queryDate":…,"startDate":…,"unit":…,"statistic":…,"period":…,
 * "recentDatapoints":[…],"threshold":…,"evaluatedDatapoints":[…]}`: startDate is the oldest evaluated
 * datapoint (absent without data), recentDatapoints the real values oldest first, evaluatedDatapoints
 * newest first with only a timestamp for missing periods.
 */
function stateReasonData(decision: Exclude<Decision, { kind: 'retain' }>, ctx: ReasonContext): string {
  const evaluated = decision.evaluated;
  const real = evaluated.filter((p) => p.value !== undefined);
  const oldest = real.length > 0 ? Math.min(...evaluated.map((p) => p.timestamp)) : undefined;
  return javaJson({
    version: '1.0',
    queryDate: cloudwatchTimestamp(ctx.queryDate),
    startDate: oldest === undefined ? undefined : cloudwatchTimestamp(oldest),
    unit: ctx.unit,
    statistic: ctx.statistic,
    period: ctx.periodSeconds,
    recentDatapoints: [...real].reverse().map((p) => dbl(p.value!)),
    threshold: dbl(ctx.threshold),
    evaluatedDatapoints: evaluated.map((p) =>
      p.value === undefined
        ? { timestamp: cloudwatchTimestamp(p.timestamp) }
        : {
            timestamp: cloudwatchTimestamp(p.timestamp),
            sampleCount: p.sampleCount === undefined ? undefined : dbl(p.sampleCount),
            value: dbl(p.value),
          },
    ),
  });
}
