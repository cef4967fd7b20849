import {
  DescribeAlarmHistoryCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import type { MetricAlarm, StateValue } from '@aws-sdk/client-cloudwatch';
import { AreaRecorder, describeOutcome } from '../check.ts';
import type { ConformanceContext } from '../context.ts';
import { eventually, mapLimit, nextBoundary, readingTracker } from '../context.ts';
import { describeAlarms, NAMESPACE, putAlarm } from '../aws-steps.ts';
import { SOURCES } from '../sources.ts';

/**
 * Alarm evaluation as AWS documents it, driven with PutMetricData: the two tables of "Configuring how
 * CloudWatch alarms treat missing data" (M of N, the four treatments, the evaluation range of 5 for
 * N = 3, the premature-alarm row), the state at creation and after an update, the reasons' wording,
 * StateReasonData, and the history. Every cell is an alarm of its own on a metric of its own, all
 * evaluated at one minute boundary, so a wall-clock run costs about two minutes.
 */
type Cell = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' | 'retain';
type Mode = 'missing' | 'ignore' | 'breaching' | 'notBreaching';
const MODES: readonly Mode[] = ['missing', 'ignore', 'breaching', 'notBreaching'];

// [data (oldest → newest; 0 ok, X breaching, - missing), MISSING, IGNORE, BREACHING, NOT BREACHING]
const TABLE_1: readonly [string, Cell, Cell, Cell, Cell][] = [
  ['0 - X - X', 'OK', 'OK', 'OK', 'OK'],
  ['0 - - - -', 'OK', 'OK', 'OK', 'OK'],
  ['- - - - -', 'INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK'],
  ['0 X X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
  ['- - X - -', 'ALARM', 'retain', 'ALARM', 'OK'],
];
const TABLE_2: readonly [string, Cell, Cell, Cell, Cell][] = [
  ['0 - X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
  ['0 0 X 0 X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
  ['0 - X - -', 'OK', 'OK', 'ALARM', 'OK'],
  ['- - - - 0', 'OK', 'OK', 'ALARM', 'OK'],
  ['- - - X -', 'ALARM', 'retain', 'ALARM', 'OK'],
];

interface CellCase {
  readonly key: string;
  readonly m: number;
  readonly data: string;
  readonly mode: Mode;
  readonly expected: Cell;
  readonly title: string;
  readonly source: string;
}

const CELLS: readonly CellCase[] = [
  ...[TABLE_1, TABLE_2].flatMap((table, t) =>
    table.flatMap(([data, ...cells], row) =>
      MODES.map((mode, i) => ({
        key: `t${t + 1}r${row + 1}-${mode}`,
        m: t === 0 ? 3 : 2,
        data,
        mode,
        expected: cells[i]!,
        title: `${t === 0 ? '3' : '2'} of 3, range ${data}, TreatMissingData ${mode}`,
        source: SOURCES.missingData,
      })),
    ),
  ),
  // Breaching points older than the last N do not count (a peer counts the whole range).
  {
    key: 'last-n-only',
    m: 2,
    data: 'X X 0 0 0',
    mode: 'missing',
    expected: 'OK',
    title: '2 of 3, range X X 0 0 0: only the 3 most recent datapoints count',
    source: SOURCES.missingData,
  },
];

const PRIOR_REASON = 'prior state set by vault-alarm-lab conformance';
/** How long before the evaluation boundary the table cells are created (creating 41 takes seconds). */
const CREATE_BEFORE_BOUNDARY_MS = 35_000;
const MINUTE = 60_000;

export async function runAlarms(context: ConformanceContext): Promise<AreaRecorder> {
  const area = new AreaRecorder('alarms');
  const p = `${context.prefix}al-`;
  const cw = context.clients.cloudwatch;
  const alarmInput = (name: string, metric: string, m: number, mode: Mode) => ({
    AlarmName: name,
    Namespace: NAMESPACE,
    MetricName: metric,
    Statistic: 'Maximum' as const,
    Period: 60,
    EvaluationPeriods: 3,
    DatapointsToAlarm: m,
    Threshold: 5,
    ComparisonOperator: 'GreaterThanThreshold' as const,
    TreatMissingData: mode,
  });

  // State at creation, read at once.
  context.progress('alarms: state at creation and after an update');
  const initial = `${p}initial`;
  await putAlarm(context, alarmInput(initial, `${p}initial`, 1, 'missing'));
  const created = (await describeAlarms(context, initial)).get(initial);
  area.compare({
    id: 'alarms/creation/state',
    title: 'a new alarm starts in INSUFFICIENT_DATA',
    source: SOURCES.putMetricAlarm,
    expected: 'INSUFFICIENT_DATA',
    actual: created?.StateValue ?? 'alarm not found',
  });
  area.compare({
    id: 'alarms/creation/reason',
    title: 'the reason of a new alarm',
    source: SOURCES.recordedAlarm,
    expected: 'Unchecked: Initial alarm creation',
    actual: created?.StateReason ?? 'alarm not found',
  });

  // An alarm that goes to ALARM by itself (no data, missing data breaching) at the boundary below,
  // then is updated: the update must not put it back to INSUFFICIENT_DATA.
  const updated = `${p}update`;
  await putAlarm(context, alarmInput(updated, updated, 1, 'breaching'));

  // The tables: data at the minutes each row names, one evaluation boundary T.
  const now = await context.clock.now();
  const boundary = nextBoundary(now, CREATE_BEFORE_BOUNDARY_MS);
  // AWS evaluates every alarm at the minute boundary; an endpoint that evaluates each alarm a period
  // after its creation (LocalStack) sees the periods that precede that moment. Created just before
  // the boundary, the cells are evaluated in the minute after it either way, over the periods the
  // tables name: otherwise the result depends on the second the run happened to start (LocalStack
  // agreed on 45 of 51 created 41 s before the boundary, 26 of 51 created 76 s before it).
  context.progress(`alarms: ${CELLS.length} table cells, evaluated at ${new Date(boundary).toISOString()}`);
  await context.clock.passUntil(boundary - CREATE_BEFORE_BOUNDARY_MS, context.signal);
  const setupErrors = new Map<string, string>();
  await mapLimit(CELLS, 6, async (cell) => {
    const name = `${p}${cell.key}`;
    try {
      const data = cell.data.split(' ').flatMap((c, i) =>
        c === '-'
          ? []
          : [
              {
                MetricName: name,
                Value: c === 'X' ? 10 : 0,
                Timestamp: new Date(boundary - (5 - i) * MINUTE + 1000),
              },
            ],
      );
      if (data.length > 0)
        await cw.send(new PutMetricDataCommand({ Namespace: NAMESPACE, MetricData: data }));
      await putAlarm(context, alarmInput(name, name, cell.m, cell.mode));
      await cw.send(
        new SetAlarmStateCommand({
          AlarmName: name,
          StateValue: priorFor(cell.expected),
          StateReason: PRIOR_REASON,
        }),
      );
    } catch (error) {
      setupErrors.set(cell.key, describeOutcome(error));
    }
  });
  if (context.clock.kind === 'lab') await context.clock.passUntil(boundary);
  else await awaitEvaluation(context, p, boundary, setupErrors);
  const beforeUpdate = (await describeAlarms(context, updated)).get(updated)?.StateValue;
  await cw.send(
    new PutMetricAlarmCommand({
      ...alarmInput(updated, updated, 1, 'breaching'),
      Threshold: 6,
      AlarmDescription: 'updated by vault-alarm-lab conformance',
    }),
  );
  const afterUpdate = (await describeAlarms(context, updated)).get(updated)?.StateValue;
  area.compare({
    id: 'alarms/update/keeps-state',
    title: 'PutMetricAlarm on an existing alarm leaves its state unchanged',
    source: SOURCES.putMetricAlarm,
    expected: 'ALARM before the update, ALARM after it',
    actual: `${beforeUpdate ?? 'no state'} before the update, ${afterUpdate ?? 'alarm not found'} after it`,
  });
  const alarms = await describeAlarms(context, p);

  for (const cell of CELLS) {
    const alarm = alarms.get(`${p}${cell.key}`);
    const prior = priorFor(cell.expected);
    area.compare({
      id: `alarms/tables/${cell.key}`,
      title: cell.title,
      source: cell.source,
      expected: cell.expected === 'retain' ? `${prior} (retained)` : cell.expected,
      actual:
        setupErrors.get(cell.key) ??
        (alarm === undefined
          ? 'alarm not found'
          : alarm.StateValue === prior && alarm.StateReason === PRIOR_REASON
            ? `${prior} (retained)`
            : (alarm.StateValue ?? 'no state')),
    });
  }

  judgeReasons(area, alarms, p, boundary);
  await judgeHistory(context, area, `${p}t1r5-missing`, alarms.get(`${p}t1r5-missing`));
  return area;
}

/**
 * On the wall clock, from the boundary until the states have settled: every cell that AWS moves has
 * left the prior state the check set and the states have held for the settle time, or some have and
 * nothing has changed for the quiet time (the others are not coming); bounded. AWS evaluates them all
 * at the boundary; an endpoint that evaluates each alarm a period after its creation (LocalStack) gets
 * there later, more so on a busy machine, and is judged on the states it reaches, not on its timing.
 */
async function awaitEvaluation(
  context: ConformanceContext,
  p: string,
  boundary: number,
  notSetUp: ReadonlyMap<string, string>,
): Promise<void> {
  await context.clock.passUntil(boundary, context.signal);
  const moving = CELLS.filter((c) => c.expected !== 'retain' && !notSetUp.has(c.key)).map(
    (c) => `${p}${c.key}`,
  );
  const unchangedFor = readingTracker(context);
  await eventually(
    context,
    async () => {
      const alarms = await describeAlarms(context, p);
      const states = moving.map((name) => alarms.get(name));
      const held = unchangedFor(JSON.stringify(states.map((a) => [a?.StateValue, a?.StateReason])));
      const evaluated = states.filter((a) => a !== undefined && a.StateReason !== PRIOR_REASON).length;
      if (held === undefined || evaluated === 0) return undefined;
      return (evaluated === moving.length && held >= context.bounds.settleMs) ||
        held >= context.bounds.quietMs
        ? true
        : undefined;
    },
    boundary + context.bounds.afterBoundaryMs - Date.now(),
  );
}

/** A prior state the expected outcome differs from, so "not evaluated" never passes for a transition. */
function priorFor(expected: Cell): StateValue {
  return expected === 'ALARM' ? 'OK' : 'ALARM';
}

function judgeReasons(
  area: AreaRecorder,
  alarms: Map<string, MetricAlarm>,
  p: string,
  boundary: number,
): void {
  const reason = (key: string): string => alarms.get(`${p}${key}`)?.StateReason ?? 'alarm not found';
  area.compare({
    id: 'alarms/reasons/all-missing-breaching',
    title: 'reason when every datapoint is missing and missing data is breaching',
    source: SOURCES.recordedAlarm,
    expected:
      'Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [Breaching].',
    actual: reason('t1r3-breaching'),
  });
  const insufficient = reason('t1r3-missing');
  area.record({
    id: 'alarms/reasons/insufficient-data',
    title: 'reason of INSUFFICIENT_DATA when every datapoint is missing',
    source: SOURCES.recordedAlarm,
    expected: 'Insufficient Data: <n> datapoint(s) was/were unknown.',
    actual: insufficient,
    agreed: /^Insufficient Data: \d+ datapoints? (was|were) unknown\.$/.test(insufficient),
  });
  area.compare({
    id: 'alarms/reasons/threshold-crossed',
    title: 'reason of the premature alarm (- - X - -, 3 of 3)',
    source: SOURCES.eventBridgeSamples,
    expected: `Threshold Crossed: 1 out of the last 3 datapoints [10.0 (${reasonTime(boundary - 3 * MINUTE)})] was greater than the threshold (5.0) (minimum 3 datapoints for OK -> ALARM transition).`,
    actual: reason('t1r5-missing'),
  });
  const raw = alarms.get(`${p}t2r2-missing`)?.StateReasonData;
  let data: Record<string, unknown> = {};
  try {
    data = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    data = {};
  }
  const keys = ['version', 'queryDate', 'startDate', 'statistic', 'period', 'recentDatapoints', 'threshold'];
  area.compare({
    id: 'alarms/reasons/state-reason-data',
    title: 'StateReasonData after a threshold transition (keys, version, time format)',
    source: SOURCES.recordedAlarm,
    expected: `keys ${keys.join(', ')}; version 1.0; queryDate yyyy-MM-ddTHH:mm:ss.SSS+0000; statistic Maximum; period 60`,
    actual: raw
      ? `keys ${keys.filter((k) => k in data).join(', ')}${missingKeys(keys, data)}; version ${String(data['version'])}; queryDate ${
          /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/.test(String(data['queryDate']))
            ? 'yyyy-MM-ddTHH:mm:ss.SSS+0000'
            : String(data['queryDate'])
        }; statistic ${String(data['statistic'])}; period ${String(data['period'])}`
      : 'no StateReasonData',
  });
}

function missingKeys(keys: readonly string[], data: Record<string, unknown>): string {
  const missing = keys.filter((k) => !(k in data));
  return missing.length > 0 ? ` (missing ${missing.join(', ')})` : '';
}

/** `dd/MM/yy HH:mm:ss` in UTC, as AWS writes datapoint times in reasons. */
function reasonTime(t: number): string {
  const d = new Date(t);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCFullYear() % 100)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

async function judgeHistory(
  context: ConformanceContext,
  area: AreaRecorder,
  name: string,
  alarm: MetricAlarm | undefined,
): Promise<void> {
  let items: { HistoryItemType?: string; HistorySummary?: string; HistoryData?: string }[] = [];
  let failure: string | undefined;
  try {
    const response = await context.clients.cloudwatch.send(
      new DescribeAlarmHistoryCommand({ AlarmName: name, MaxRecords: 100 }),
    );
    items = response.AlarmHistoryItems ?? [];
  } catch (error) {
    failure = describeOutcome(error);
  }
  const types = [...new Set(items.map((i) => i.HistoryItemType))].sort().join(', ');
  area.record({
    id: 'alarms/history/configuration-update',
    title: 'DescribeAlarmHistory has the creation (ConfigurationUpdate)',
    source: SOURCES.describeAlarmHistory,
    expected: `a ConfigurationUpdate item "Alarm "${name}" created"`,
    actual:
      failure ??
      items.find((i) => i.HistoryItemType === 'ConfigurationUpdate')?.HistorySummary ??
      `item types: ${types || 'none'}`,
    agreed: items.some(
      (i) => i.HistoryItemType === 'ConfigurationUpdate' && i.HistorySummary === `Alarm "${name}" created`,
    ),
  });
  const transition = items.find(
    (i) => i.HistoryItemType === 'StateUpdate' && i.HistorySummary === 'Alarm updated from OK to ALARM',
  );
  area.compare({
    id: 'alarms/history/state-update',
    title: 'DescribeAlarmHistory has the transition (StateUpdate)',
    source: SOURCES.recordedAlarm,
    expected: 'a StateUpdate item "Alarm updated from OK to ALARM"',
    actual:
      failure ??
      (transition
        ? 'a StateUpdate item "Alarm updated from OK to ALARM"'
        : `summaries: ${items.map((i) => `${i.HistoryItemType}: ${i.HistorySummary}`).join(' | ') || 'none'}`),
  });
  let data: {
    version?: unknown;
    oldState?: { stateValue?: unknown };
    newState?: { stateValue?: unknown; stateReason?: unknown };
  } = {};
  try {
    data = transition?.HistoryData ? (JSON.parse(transition.HistoryData) as typeof data) : {};
  } catch {
    data = {};
  }
  area.compare({
    id: 'alarms/history/state-update-data',
    title: "the StateUpdate item's HistoryData (version, old and new state, reason)",
    source: SOURCES.recordedAlarm,
    expected: `version 1.0; OK -> ALARM; newState.stateReason = the alarm's StateReason`,
    actual:
      failure ??
      `version ${String(data.version)}; ${String(data.oldState?.stateValue)} -> ${String(data.newState?.stateValue)}; ${
        data.newState?.stateReason === alarm?.StateReason
          ? "newState.stateReason = the alarm's StateReason"
          : `newState.stateReason ${JSON.stringify(data.newState?.stateReason)}`
      }`,
  });
}
