/**
 * The two AWS tables of "Configuring how CloudWatch alarms treat missing data" (alarms-sns.md §2.4)
 * as golden tests, through the SDK against the emulator over HTTP: for every row and every
 * TreatMissingData mode an alarm (N = 3, M = 3 or 2, evaluation range 5) watches its own metric,
 * the datapoints are put at the minutes the row names, and the clock is advanced to the one
 * evaluation boundary the row describes. `retain` cells are told apart from real transitions by
 * setting a prior state the expected result differs from.
 */
import {
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, TEST_START, type TestEmulator } from '../../support/emulator.ts';
import { alarmClients, type AlarmClients } from '../../support/sns-clients.ts';

type Cell = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' | 'retain';
type Mode = 'missing' | 'ignore' | 'breaching' | 'notBreaching';
const MODES: Mode[] = ['missing', 'ignore', 'breaching', 'notBreaching'];

// [data (oldest → newest), MISSING, IGNORE, BREACHING, NOT BREACHING]
const TABLE_1: [string, Cell, Cell, Cell, Cell][] = [
  ['0 - X - X', 'OK', 'OK', 'OK', 'OK'],
  ['0 - - - -', 'OK', 'OK', 'OK', 'OK'],
  ['- - - - -', 'INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK'],
  ['0 X X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
  ['- - X - -', 'ALARM', 'retain', 'ALARM', 'OK'],
];
const TABLE_2: [string, Cell, Cell, Cell, Cell][] = [
  ['0 - X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
  ['0 0 X 0 X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
  ['0 - X - -', 'OK', 'OK', 'ALARM', 'OK'],
  ['- - - - 0', 'OK', 'OK', 'ALARM', 'OK'],
  ['- - - X -', 'ALARM', 'retain', 'ALARM', 'OK'],
];

const MINUTE = 60_000;
/** The evaluation boundary every cell is read at: the window's newest period is [T - 1 min, T). */
const T = TEST_START + 10 * MINUTE;

interface CellCase {
  readonly name: string;
  readonly table: 1 | 2;
  readonly pattern: string;
  readonly mode: Mode;
  readonly expected: Cell;
  /** States set before the evaluation; a `retain` cell is checked from two different priors. */
  readonly priors: ('OK' | 'ALARM' | 'INSUFFICIENT_DATA')[];
}

function priorsFor(expected: Cell): CellCase['priors'] {
  if (expected === 'retain') return ['ALARM', 'OK'];
  return [expected === 'ALARM' ? 'OK' : 'ALARM'];
}

const CASES: CellCase[] = [
  ...TABLE_1.flatMap(([pattern, ...cells], row) =>
    MODES.map((mode, i) => ({
      name: `t1r${row + 1}-${mode}`,
      table: 1 as const,
      pattern,
      mode,
      expected: cells[i]!,
      priors: priorsFor(cells[i]!),
    })),
  ),
  ...TABLE_2.flatMap(([pattern, ...cells], row) =>
    MODES.map((mode, i) => ({
      name: `t2r${row + 1}-${mode}`,
      table: 2 as const,
      pattern,
      mode,
      expected: cells[i]!,
      priors: priorsFor(cells[i]!),
    })),
  ),
];

let lab: TestEmulator;
let clients: AlarmClients;
let states: Map<string, MetricAlarm>;

async function putPattern(metricName: string, pattern: string): Promise<void> {
  const cells = pattern.split(' ');
  const data = cells.flatMap((c, i) => {
    if (c === '-') return [];
    // Period i of the range [T - (5 - i) min, T - (4 - i) min); a sample 1 s into it.
    return [
      { MetricName: metricName, Value: c === 'X' ? 10 : 0, Timestamp: new Date(T - (5 - i) * MINUTE + 1000) },
    ];
  });
  if (data.length > 0)
    await clients.cloudwatch.send(new PutMetricDataCommand({ Namespace: 'Lab/Tables', MetricData: data }));
}

async function createAlarm(
  name: string,
  metricName: string,
  table: 1 | 2,
  mode: Mode,
  prior: string,
): Promise<void> {
  await clients.cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      Namespace: 'Lab/Tables',
      MetricName: metricName,
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 3,
      DatapointsToAlarm: table === 1 ? 3 : 2,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: mode,
    }),
  );
  await clients.cloudwatch.send(
    new SetAlarmStateCommand({
      AlarmName: name,
      StateValue: prior as 'OK',
      StateReason: 'prior state of the golden test',
    }),
  );
}

beforeAll(async () => {
  // Start half a minute before T: one boundary (T) is evaluated by the advance below.
  lab = await startTestEmulator({ startAt: T - 30_000 });
  clients = alarmClients(lab.endpoint);
  for (const c of CASES) {
    const metric = `m-${c.name}`;
    await putPattern(metric, c.pattern);
    for (const prior of c.priors)
      await createAlarm(`${c.name}-from-${prior}`, metric, c.table, c.mode, prior);
  }
  await lab.clock.advanceTo(T);
  const described = await clients.cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 100 }));
  let all = described.MetricAlarms ?? [];
  let token = described.NextToken;
  while (token !== undefined) {
    const more = await clients.cloudwatch.send(
      new DescribeAlarmsCommand({ MaxRecords: 100, NextToken: token }),
    );
    all = [...all, ...(more.MetricAlarms ?? [])];
    token = more.NextToken;
  }
  states = new Map(all.map((a) => [a.AlarmName!, a]));
});

afterAll(async () => {
  clients?.destroy();
  await lab?.stop();
});

describe('CloudWatch alarms: the AWS missing-data tables, through the SDK over HTTP', () => {
  it.each(CASES.map((c) => [`table ${c.table}: ${c.pattern} with ${c.mode} → ${c.expected}`, c] as const))(
    '%s',
    (_title, c) => {
      for (const prior of c.priors) {
        const alarm = states.get(`${c.name}-from-${prior}`);
        expect(alarm, `alarm ${c.name}-from-${prior}`).toBeDefined();
        const want = c.expected === 'retain' ? prior : c.expected;
        expect(alarm!.StateValue, `${c.pattern} (${c.mode}) from ${prior}`).toBe(want);
        if (c.expected === 'retain') expect(alarm!.StateReason).toBe('prior state of the golden test');
      }
    },
  );

  it('words the reasons as AWS does (fills, all-missing, premature alarm, insufficient data)', () => {
    expect(states.get('t1r2-breaching-from-ALARM')!.StateReason).toBe(
      'Threshold Crossed: 1 out of the last 3 datapoints [0.0 (15/01/26 10:05:00)] was not greater than the threshold (5.0) and 2 missing datapoints were treated as [Breaching] (minimum 1 datapoint for ALARM -> OK transition).',
    );
    expect(states.get('t1r3-breaching-from-OK')!.StateReason).toBe(
      'Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [Breaching].',
    );
    expect(states.get('t1r3-missing-from-ALARM')!.StateReason).toBe(
      'Insufficient Data: 3 datapoints were unknown.',
    );
    expect(states.get('t1r5-missing-from-OK')!.StateReason).toBe(
      'Threshold Crossed: 1 out of the last 3 datapoints [10.0 (15/01/26 10:07:00)] was greater than the threshold (5.0) (minimum 3 datapoints for OK -> ALARM transition).',
    );
    const data = JSON.parse(states.get('t2r2-missing-from-OK')!.StateReasonData!) as Record<string, unknown>;
    expect(data).toMatchObject({
      version: '1.0',
      queryDate: '2026-01-15T10:10:00.000+0000',
      startDate: '2026-01-15T10:07:00.000+0000',
      statistic: 'Maximum',
      period: 60,
      recentDatapoints: [10, 0, 10],
      threshold: 5,
    });
    expect(states.get('t2r2-missing-from-OK')!.StateReasonData).toContain('"threshold":5.0');
  });
});
