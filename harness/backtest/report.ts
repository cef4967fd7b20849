import type { BacktestRule } from './backtest-rule.ts';
import type { FileSummary, MergedScan } from './merge-results.ts';
import { causeKey } from './scan-result.ts';
import type { CausingEntry } from './scan-result.ts';
import type { AlarmTransition } from './simulate-alarm.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface Firing {
  /** When the alarm went to ALARM (the evaluation boundary), ISO UTC. */
  readonly at: string;
  /** The same instant in the rule file's business-hours time zone, `YYYY-MM-DD HH:MM`. */
  readonly atLocal: string;
  /** When it left ALARM, ISO UTC; null when it was still in ALARM at the end of the replay. */
  readonly recoveredAt: string | null;
  readonly recoveredTo: 'OK' | 'INSUFFICIENT_DATA' | null;
  /** CloudWatch's StateReason for the transition. */
  readonly reason: string;
  /** Matching entries in the evaluated periods: how many, and the first of them. */
  readonly causeCount: number;
  readonly causes: readonly CausingEntry[];
}

export interface RuleOutcome {
  readonly id: string;
  readonly title: string;
  readonly matches: number;
  /** Transitions to ALARM. */
  readonly alarms: number;
  /** Transitions from ALARM back to another state. */
  readonly recoveries: number;
  readonly firings: readonly Firing[];
  /** Matches per minute with any (epoch ms → count), for the timeline chart. */
  readonly matchesPerMinute: readonly (readonly [number, number])[];
}

export interface DayRow {
  readonly date: string;
  readonly entries: number;
  readonly matches: Readonly<Record<string, number>>;
  readonly firings: Readonly<Record<string, number>>;
}

export interface BacktestReport {
  readonly files: readonly FileSummary[];
  readonly timeZone: string;
  readonly window: { readonly from: string | null; readonly to: string | null };
  /** The minutes (UTC) of the first and the last entry replayed. */
  readonly firstEvent: string | null;
  readonly lastEvent: string | null;
  readonly entries: number;
  readonly outsideWindow: number;
  readonly malformed: {
    readonly count: number;
    readonly lines: readonly { readonly file: string; readonly line: number; readonly reason: string }[];
  };
  readonly rules: readonly RuleOutcome[];
  readonly days: readonly DayRow[];
  readonly totals: { readonly entries: number; readonly matches: number; readonly firings: number };
  readonly throughput: {
    readonly bytes: number;
    readonly seconds: number;
    readonly mbPerSecond: number;
    readonly entriesPerSecond: number;
  };
}

export interface ReportInput {
  readonly rules: readonly BacktestRule[];
  readonly merged: MergedScan;
  readonly transitions: readonly (readonly AlarmTransition[])[];
  /** The second pass's causing entries per firing (causeKey). */
  readonly causes: ReadonlyMap<string, readonly CausingEntry[]>;
  readonly timeZone: string;
  readonly window: { readonly fromMs?: number | undefined; readonly toMs?: number | undefined };
  readonly seconds: number;
}

export function buildReport(input: ReportInput): BacktestReport {
  const { merged } = input;
  const local = localFormatter(input.timeZone);
  const rules = input.rules.map((rule, i): RuleOutcome => {
    const stats = merged.rules[i]!;
    const firings: Firing[] = [];
    const transitions = input.transitions[i]!;
    const periodMs = rule.alarm.period * 1000;
    // One walk: a firing opens on a transition to ALARM and closes on the next one out of it.
    let open: { at: number; reason: string } | undefined;
    const close = (leave: AlarmTransition | undefined): void => {
      if (open === undefined) return;
      let causeCount = 0;
      for (
        let minute = open.at - rule.alarm.evaluationPeriods * periodMs;
        minute < open.at;
        minute += MINUTE_MS
      )
        causeCount += stats.minutes.get(minute)?.matches ?? 0;
      firings.push({
        at: new Date(open.at).toISOString(),
        atLocal: local(open.at),
        recoveredAt: leave === undefined ? null : new Date(leave.at).toISOString(),
        recoveredTo: leave === undefined ? null : (leave.to as 'OK' | 'INSUFFICIENT_DATA'),
        reason: open.reason,
        causeCount,
        causes: input.causes.get(causeKey(i, open.at)) ?? [],
      });
      open = undefined;
    };
    for (const t of transitions) {
      if (t.from === 'ALARM') close(t);
      if (t.to === 'ALARM') open = { at: t.at, reason: t.reason };
    }
    close(undefined);
    return {
      id: rule.id,
      title: rule.title,
      matches: stats.matches,
      alarms: firings.length,
      recoveries: transitions.filter((t) => t.from === 'ALARM').length,
      firings,
      matchesPerMinute: [...stats.minutes]
        .filter(([, b]) => b.matches > 0)
        .map(([minute, b]) => [minute, b.matches] as const)
        .sort((a, b) => a[0] - b[0]),
    };
  });
  const bytes = merged.files.reduce((sum, f) => sum + f.bytes, 0);
  return {
    files: merged.files,
    timeZone: input.timeZone,
    window: {
      from: input.window.fromMs === undefined ? null : new Date(input.window.fromMs).toISOString(),
      to: input.window.toMs === undefined ? null : new Date(input.window.toMs).toISOString(),
    },
    firstEvent: merged.firstEventMs === undefined ? null : new Date(merged.firstEventMs).toISOString(),
    lastEvent: merged.lastEventMs === undefined ? null : new Date(merged.lastEventMs).toISOString(),
    entries: merged.entries,
    outsideWindow: merged.outsideWindow,
    malformed: { count: merged.malformedCount, lines: merged.malformed },
    rules,
    days: dayRows(merged, rules),
    totals: {
      entries: merged.entries,
      matches: rules.reduce((sum, r) => sum + r.matches, 0),
      firings: rules.reduce((sum, r) => sum + r.alarms, 0),
    },
    throughput: {
      bytes,
      seconds: input.seconds,
      mbPerSecond: input.seconds > 0 ? bytes / 1e6 / input.seconds : 0,
      entriesPerSecond: input.seconds > 0 ? (merged.entries + merged.malformedCount) / input.seconds : 0,
    },
  };
}

/** One row per UTC day with entries: how many, and per rule its matches and firings. */
function dayRows(merged: MergedScan, rules: readonly RuleOutcome[]): DayRow[] {
  const days = new Map<
    number,
    { entries: number; matches: Record<string, number>; firings: Record<string, number> }
  >();
  const day = (ms: number) => {
    const key = Math.floor(ms / DAY_MS) * DAY_MS;
    let row = days.get(key);
    if (row === undefined) {
      row = { entries: 0, matches: {}, firings: {} };
      days.set(key, row);
    }
    return row;
  };
  for (const [minute, count] of merged.entriesPerMinute) day(minute).entries += count;
  for (const rule of rules) {
    for (const [minute, count] of rule.matchesPerMinute) {
      const row = day(minute);
      row.matches[rule.id] = (row.matches[rule.id] ?? 0) + count;
    }
    for (const firing of rule.firings) {
      const row = day(Date.parse(firing.at));
      row.firings[rule.id] = (row.firings[rule.id] ?? 0) + 1;
    }
  }
  return [...days]
    .sort((a, b) => a[0] - b[0])
    .map(([key, row]) => ({ date: new Date(key).toISOString().slice(0, 10), ...row }));
}

/** `YYYY-MM-DD HH:MM` in a time zone. */
export function localFormatter(timeZone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (ms) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
    return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
  };
}
