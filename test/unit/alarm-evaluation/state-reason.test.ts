import { describe, expect, it } from 'vitest';
import { decideAlarmState, type RangeDatapoint } from '../../../harness/alarm-evaluation/alarm-evaluator.ts';
import { stateReasonFor, type ReasonContext } from '../../../harness/alarm-evaluation/state-reason.ts';

const T0 = Date.UTC(2023, 9, 26, 16, 40, 0);

function range(values: (number | undefined)[]): RangeDatapoint[] {
  return values.map((v, i) => ({
    timestamp: T0 + i * 60_000,
    value: v,
    sampleCount: v === undefined ? undefined : 2,
  }));
}

function reason(
  values: (number | undefined)[],
  n: number,
  explicit: number | undefined,
  mode: 'missing' | 'breaching' | 'notBreaching',
  op = 'greater than',
) {
  const decision = decideAlarmState(range(values), {
    evaluationPeriods: n,
    datapointsToAlarm: explicit ?? n,
    treatMissingData: mode,
    isBreaching: (v) => v > 2,
  });
  if (decision.kind === 'retain') throw new Error('retained');
  const ctx: ReasonContext = {
    phrase: op,
    threshold: 2,
    evaluationPeriods: n,
    datapointsToAlarm: explicit ?? n,
    explicitDatapointsToAlarm: explicit !== undefined,
    queryDate: T0 + values.length * 60_000 + 5_000,
    periodSeconds: 60,
    unit: 'Seconds',
    statistic: 'Average',
  };
  return stateReasonFor(decision, ctx);
}

describe('StateReason texts (AWS templates)', () => {
  it('without DatapointsToAlarm: "N datapoint(s) [...] was/were ..."', () => {
    expect(reason([undefined, undefined, 21.5], 1, undefined, 'missing').reason).toBe(
      'Threshold Crossed: 1 datapoint [21.5 (26/10/23 16:42:00)] was greater than the threshold (2.0).',
    );
    expect(reason([1, 5, 3, 4], 3, undefined, 'missing').reason).toBe(
      'Threshold Crossed: 3 datapoints [4.0 (26/10/23 16:43:00), 3.0 (26/10/23 16:42:00), 5.0 (26/10/23 16:41:00)] were greater than the threshold (2.0).',
    );
    expect(reason([5, 5, 1], 3, undefined, 'missing').reason).toBe(
      'Threshold Crossed: 1 datapoint [1.0 (26/10/23 16:42:00)] was not greater than the threshold (2.0).',
    );
  });

  it('with DatapointsToAlarm: "M out of the last N datapoints ... (minimum M datapoints for OK -> ALARM transition)"', () => {
    expect(reason([1, 5, 3, 4], 3, 2, 'missing').reason).toBe(
      'Threshold Crossed: 3 out of the last 3 datapoints [4.0 (26/10/23 16:43:00), 3.0 (26/10/23 16:42:00), 5.0 (26/10/23 16:41:00)] were greater than the threshold (2.0) (minimum 2 datapoints for OK -> ALARM transition).',
    );
    expect(reason([5, 1, 1], 3, 2, 'missing').reason).toBe(
      'Threshold Crossed: 2 out of the last 3 datapoints [1.0 (26/10/23 16:42:00), 1.0 (26/10/23 16:41:00)] were not greater than the threshold (2.0) (minimum 2 datapoints for ALARM -> OK transition).',
    );
  });

  it('reports filled periods and all-missing ranges', () => {
    expect(reason([undefined, undefined, undefined, 5], 3, undefined, 'breaching').reason).toBe(
      'Threshold Crossed: 1 datapoint was received for 3 periods and 2 missing datapoints were treated as [Breaching].',
    );
    expect(reason([undefined, undefined, undefined, 5], 3, 1, 'notBreaching').reason).toBe(
      'Threshold Crossed: 1 out of the last 3 datapoints [5.0 (26/10/23 16:43:00)] was greater than the threshold (2.0) and 2 missing datapoints were treated as [NonBreaching] (minimum 1 datapoint for OK -> ALARM transition).',
    );
    expect(reason([undefined, undefined, undefined, undefined], 2, undefined, 'breaching').reason).toBe(
      'Threshold Crossed: no datapoints were received for 2 periods and 2 missing datapoints were treated as [Breaching].',
    );
    expect(reason([undefined, undefined, undefined], 1, undefined, 'notBreaching').reason).toBe(
      'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].',
    );
    expect(reason([undefined, undefined, undefined], 1, undefined, 'missing').reason).toBe(
      'Insufficient Data: 1 datapoint was unknown.',
    );
  });

  it('writes StateReasonData in AWS key order with Java doubles', () => {
    expect(reason([undefined, undefined, 21.5], 1, undefined, 'missing').reasonData).toBe(
      '{"version":"1.0","queryDate":"2023-10-26T16:43:05.000+0000","startDate":"2023-10-26T16:42:00.000+0000","unit":"Seconds","statistic":"Average","period":60,"recentDatapoints":[21.5],"threshold":2.0,"evaluatedDatapoints":[{"timestamp":"2023-10-26T16:42:00.000+0000","sampleCount":2.0,"value":21.5}]}',
    );
    expect(reason([undefined, undefined, undefined], 1, undefined, 'notBreaching').reasonData).toBe(
      '{"version":"1.0","queryDate":"2023-10-26T16:43:05.000+0000","unit":"Seconds","statistic":"Average","period":60,"recentDatapoints":[],"threshold":2.0,"evaluatedDatapoints":[{"timestamp":"2023-10-26T16:42:00.000+0000"}]}',
    );
  });
});
