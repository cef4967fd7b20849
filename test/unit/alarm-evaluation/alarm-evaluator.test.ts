import { describe, expect, it } from 'vitest';
import {
  decideAlarmState,
  evaluationRangeSize,
  type AlarmStateValue,
  type RangeDatapoint,
  type TreatMissingData,
} from '../../../harness/alarm-evaluation/alarm-evaluator.ts';

// The two AWS tables of alarms-sns.md §2.4 (user guide "Configuring how CloudWatch alarms treat
// missing data"): newest datapoint on the right; `0` not breaching, `X` breaching, `-` missing.
type Expected = AlarmStateValue | 'retain';
const TABLES: { m: number; rows: [string, Expected, Expected, Expected, Expected][] }[] = [
  {
    m: 3,
    rows: [
      ['0 - X - X', 'OK', 'OK', 'OK', 'OK'],
      ['0 - - - -', 'OK', 'OK', 'OK', 'OK'],
      ['- - - - -', 'INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK'],
      ['0 X X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
      ['- - X - -', 'ALARM', 'retain', 'ALARM', 'OK'],
    ],
  },
  {
    m: 2,
    rows: [
      ['0 - X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
      ['0 0 X 0 X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
      ['0 - X - -', 'OK', 'OK', 'ALARM', 'OK'],
      ['- - - - 0', 'OK', 'OK', 'ALARM', 'OK'],
      ['- - - X -', 'ALARM', 'retain', 'ALARM', 'OK'],
    ],
  },
];
const MODES: TreatMissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching'];

function range(pattern: string): RangeDatapoint[] {
  return pattern.split(' ').map((c, i) => ({
    timestamp: i * 60_000,
    value: c === '-' ? undefined : c === 'X' ? 10 : 0,
    sampleCount: c === '-' ? undefined : 1,
  }));
}

function outcome(pattern: string, m: number, mode: TreatMissingData): Expected {
  const decision = decideAlarmState(range(pattern), {
    evaluationPeriods: 3,
    datapointsToAlarm: m,
    treatMissingData: mode,
    isBreaching: (v) => v > 5,
  });
  switch (decision.kind) {
    case 'retain':
      return 'retain';
    case 'insufficient':
      return 'INSUFFICIENT_DATA';
    default:
      return decision.state;
  }
}

describe('decideAlarmState: the AWS tables (N = 3, evaluation range 5)', () => {
  for (const table of TABLES) {
    for (const [pattern, ...expected] of table.rows) {
      it.each(MODES.map((mode, i) => [mode, expected[i]!] as const))(
        `M=${table.m} ${pattern} with %s → %s`,
        (mode, want) => {
          expect(outcome(pattern, table.m, mode)).toBe(want);
        },
      );
    }
  }

  it('uses a range of 5 for N = 3', () => {
    expect(evaluationRangeSize(3)).toBe(5);
  });
});

describe('decideAlarmState: the premature-alarm rule (missing)', () => {
  it.each([
    // [data, M, expected]
    ['- - - - X', 3, 'retain'], // too fresh: 1 period old < M
    ['- - - X -', 3, 'retain'], // 2 periods old < M
    ['- - X - -', 3, 'ALARM'], // 3 periods old >= M, nothing newer
    ['- - - - X', 1, 'ALARM'], // M = 1: one breaching datapoint is enough
    ['- - - X -', 2, 'ALARM'],
    ['- - X X -', 3, 'ALARM'], // oldest breaching 3 periods old, newer ones breaching or missing
    ['- - X 0 -', 3, 'OK'], // a real non-breaching datapoint: no premature alarm
    ['X - - - -', 3, 'retain'], // the breaching point left the evaluation periods
  ])('%s with M = %i → %s', (pattern, m, want) => {
    expect(outcome(pattern, m, 'missing')).toBe(want);
  });

  it('does not apply with ignore, which keeps the state instead', () => {
    expect(outcome('- - X - -', 3, 'ignore')).toBe('retain');
  });
});
