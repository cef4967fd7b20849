import { DescribeAlarmHistoryCommand } from '@aws-sdk/client-cloudwatch';
import type { AlarmStateValue, AwsClients } from '../aws/index.ts';
import { readAlarms } from '../rules/index.ts';
import type { ObservedTransition } from './observations.ts';

/** DescribeAlarmHistory MaxRecords is 1..100 (CloudWatch API reference). */
const HISTORY_PAGE = 100;

/**
 * Reads state transitions of the lab's alarms from DescribeAlarmHistory (StateUpdate items) and hands
 * out only the ones not seen before, so "what happened during this act phase" is exact whatever the
 * target's timestamp precision.
 */
export class AlarmWatch {
  readonly #seen = new Set<string>();
  readonly #names: () => ReadonlySet<string>;

  /** `alarmNames` is read at every call, so alarms added to a live lab are watched too. */
  constructor(
    private readonly aws: AwsClients,
    alarmNames: readonly string[] | (() => readonly string[]),
  ) {
    this.#names =
      typeof alarmNames === 'function'
        ? () => new Set(alarmNames())
        : (
            (fixed) => () =>
              fixed
          )(new Set(alarmNames));
  }

  /** Marks everything in the history so far as seen: the next `newTransitions()` starts from here. */
  async mark(): Promise<void> {
    for (const { key } of await this.#read()) this.#seen.add(key);
  }

  /** Transitions recorded since the last call (or mark), oldest first. */
  async newTransitions(): Promise<ObservedTransition[]> {
    const fresh: ObservedTransition[] = [];
    for (const { key, transition } of await this.#read()) {
      if (this.#seen.has(key)) continue;
      this.#seen.add(key);
      fresh.push(transition);
    }
    return fresh.sort((a, b) => a.at - b.at);
  }

  /** Current state of every watched alarm. */
  async states(): Promise<Map<string, AlarmStateValue>> {
    const alarms = await readAlarms(this.aws, [...this.#names()]);
    return new Map([...alarms].map(([name, alarm]) => [name, alarm.StateValue as AlarmStateValue]));
  }

  async #read(): Promise<Array<{ key: string; transition: ObservedTransition }>> {
    const out: Array<{ key: string; transition: ObservedTransition }> = [];
    const names = this.#names();
    let next: string | undefined;
    do {
      const page = await this.aws.cloudwatch.send(
        new DescribeAlarmHistoryCommand({
          HistoryItemType: 'StateUpdate',
          MaxRecords: HISTORY_PAGE,
          NextToken: next,
        }),
      );
      for (const item of page.AlarmHistoryItems ?? []) {
        if (!item.AlarmName || !names.has(item.AlarmName)) continue;
        const at = item.Timestamp?.getTime() ?? 0;
        const key = `${item.AlarmName}|${at}|${item.HistorySummary}`;
        const data = parseHistoryData(item.HistoryData);
        out.push({
          key,
          transition: {
            alarmName: item.AlarmName,
            from: (data?.oldState?.stateValue ?? 'INSUFFICIENT_DATA') as AlarmStateValue,
            to: (data?.newState?.stateValue ?? stateFromSummary(item.HistorySummary)) as AlarmStateValue,
            at,
            reason: data?.newState?.stateReason ?? item.HistorySummary ?? '',
          },
        });
      }
      next = page.NextToken;
    } while (next);
    return out;
  }
}

interface HistoryData {
  oldState?: { stateValue?: string };
  newState?: { stateValue?: string; stateReason?: string };
}

function parseHistoryData(text: string | undefined): HistoryData | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as HistoryData;
  } catch {
    return undefined;
  }
}

/** "Alarm updated from OK to ALARM" → ALARM (for targets whose HistoryData is sparse). */
function stateFromSummary(summary: string | undefined): string {
  return /to (ALARM|OK|INSUFFICIENT_DATA)\b/.exec(summary ?? '')?.[1] ?? 'INSUFFICIENT_DATA';
}
