/**
 * DescribeAlarmHistory items and the HistoryData documents CloudWatch writes (alarms-sns.md §2.9):
 * - StateUpdate: `Alarm updated from OK to ALARM`,
 *   `{"version":"1.0","oldState":{"stateValue","stateReason"[,"stateReasonData"]},"newState":{…}}`
 *   with stateReasonData embedded as an object;
 * - ConfigurationUpdate: `Alarm "name" created|updated|deleted`,
 *   `{"version":"1.0","type":"Create","createdAlarm":{…}}` (the Update/Delete shapes follow the same
 *   pattern with `updatedAlarm`/`deletedAlarm`; AWS has not been seen writing them, so unverified);
 * - Action: `Successfully executed action <arn>` / `Failed to execute action <arn>. Received error: "…"`,
 *   `{"error":null,"actionState":"Succeeded","notificationResource":…,"stateUpdateTimestamp":<ms>,"publishedMessage":…}`.
 * History is kept two weeks, and after the alarm is deleted.
 */
import type { AlarmRecord, AlarmStateRecord, MetricAlarmRecord } from './alarm-model.ts';
import { RawJson, cloudwatchTimestamp, dbl, javaJson } from '../../alarm-evaluation/index.ts';

/** "Alarm history is retained for two weeks" (DescribeAlarmHistory API reference). */
export const ALARM_HISTORY_RETENTION_MS = 14 * 24 * 3600_000;
/** HistorySummary max length (AlarmHistoryItem model). */
const HISTORY_SUMMARY_MAX = 255;

export type HistoryItemType = 'ConfigurationUpdate' | 'StateUpdate' | 'Action';

export interface AlarmHistoryItem {
  readonly alarmName: string;
  readonly alarmType: 'MetricAlarm' | 'CompositeAlarm';
  readonly timestamp: number;
  readonly historyItemType: HistoryItemType;
  readonly historySummary: string;
  readonly historyData: string;
  /** Insertion order, to keep items with equal timestamps stable. */
  readonly seq: number;
}

export type HistoryDraft = Omit<AlarmHistoryItem, 'seq'>;

function stateDoc(state: AlarmStateRecord): Record<string, unknown> {
  return {
    stateValue: state.value,
    stateReason: state.reason,
    stateReasonData: state.reasonData === undefined ? undefined : new RawJson(state.reasonData),
  };
}

export function stateUpdateItem(
  alarm: AlarmRecord,
  oldState: AlarmStateRecord,
  newState: AlarmStateRecord,
): HistoryDraft {
  return {
    alarmName: alarm.config.alarmName,
    alarmType: alarm.type,
    timestamp: newState.updatedAt,
    historyItemType: 'StateUpdate',
    historySummary: truncate(`Alarm updated from ${oldState.value} to ${newState.value}`),
    historyData: javaJson({ version: '1.0', oldState: stateDoc(oldState), newState: stateDoc(newState) }),
  };
}

export type ConfigurationChange = 'Create' | 'Update' | 'Delete';

export function configurationUpdateItem(
  alarm: AlarmRecord,
  change: ConfigurationChange,
  at: number,
): HistoryDraft {
  const verb = change === 'Create' ? 'created' : change === 'Update' ? 'updated' : 'deleted';
  const key = change === 'Create' ? 'createdAlarm' : change === 'Update' ? 'updatedAlarm' : 'deletedAlarm';
  return {
    alarmName: alarm.config.alarmName,
    alarmType: alarm.type,
    timestamp: at,
    historyItemType: 'ConfigurationUpdate',
    historySummary: truncate(`Alarm "${alarm.config.alarmName}" ${verb}`),
    historyData: javaJson({ version: '1.0', type: change, [key]: alarmDocument(alarm) }),
  };
}

export interface ActionOutcome {
  readonly arn: string;
  readonly succeeded: boolean;
  readonly error?: string | undefined;
  /** The message as published (`{"default":…,"sms":…,"email":…}`), for SNS actions. */
  readonly publishedMessage?: string | undefined;
}

export function actionItem(
  alarm: AlarmRecord,
  outcome: ActionOutcome,
  stateUpdatedAt: number,
  at: number,
): HistoryDraft {
  return {
    alarmName: alarm.config.alarmName,
    alarmType: alarm.type,
    timestamp: at,
    historyItemType: 'Action',
    historySummary: truncate(
      outcome.succeeded
        ? `Successfully executed action ${outcome.arn}`
        : `Failed to execute action ${outcome.arn}. Received error: "${outcome.error ?? 'unknown error'}"`,
    ),
    historyData: javaJson({
      error: outcome.succeeded ? null : (outcome.error ?? 'unknown error'),
      actionState: outcome.succeeded ? 'Succeeded' : 'Failed',
      notificationResource: outcome.arn,
      stateUpdateTimestamp: stateUpdatedAt,
      publishedMessage: outcome.publishedMessage ?? null,
    }),
  };
}

/** The camelCase alarm document of ConfigurationUpdate items (key order as AWS writes it). */
function alarmDocument(alarm: AlarmRecord): Record<string, unknown> {
  const c = alarm.config;
  const common = {
    alarmName: c.alarmName,
    alarmDescription: c.alarmDescription,
    alarmArn: alarm.arn,
    alarmConfigurationUpdatedTimestamp: cloudwatchTimestamp(alarm.configuredAt),
  };
  const tail = {
    stateValue: alarm.state.value,
    stateUpdatedTimestamp: cloudwatchTimestamp(alarm.state.updatedAt),
    actionsEnabled: c.actionsEnabled,
    alarmActions: c.alarmActions,
    insufficientDataActions: c.insufficientDataActions,
    okactions: c.okActions,
  };
  if (alarm.type === 'CompositeAlarm') return { ...common, alarmRule: alarm.config.alarmRule, ...tail };
  const m = (alarm as MetricAlarmRecord).config;
  return {
    ...common,
    namespace: m.namespace,
    metricName: m.metricName,
    statistic: m.statistic,
    extendedStatistic: m.extendedStatistic,
    period: m.period,
    unit: m.unit,
    dimensions:
      m.metrics === undefined ? m.dimensions.map((d) => ({ value: d.value, name: d.name })) : undefined,
    metrics: m.metrics,
    threshold: m.threshold === undefined ? undefined : dbl(m.threshold),
    comparisonOperator: m.comparisonOperator,
    evaluationPeriods: m.evaluationPeriods,
    datapointsToAlarm: m.datapointsToAlarm,
    treatMissingData: m.treatMissingData,
    evaluateLowSampleCountPercentile: m.evaluateLowSampleCountPercentile,
    thresholdMetricId: m.thresholdMetricId,
    ...tail,
  };
}

function truncate(text: string): string {
  return text.length <= HISTORY_SUMMARY_MAX ? text : text.slice(0, HISTORY_SUMMARY_MAX);
}

/** The history of one account/region: append, query, expire. */
export class AlarmHistory {
  readonly #items: AlarmHistoryItem[] = [];
  #seq = 0;

  add(draft: HistoryDraft): AlarmHistoryItem {
    const item = { ...draft, seq: this.#seq++ };
    this.#items.push(item);
    return item;
  }

  /** Drops items older than the retention. */
  expire(now: number): void {
    const cutoff = now - ALARM_HISTORY_RETENTION_MS;
    let drop = 0;
    while (drop < this.#items.length && this.#items[drop]!.timestamp < cutoff) drop++;
    if (drop > 0) this.#items.splice(0, drop);
  }

  all(): readonly AlarmHistoryItem[] {
    return this.#items;
  }

  restore(items: readonly AlarmHistoryItem[]): void {
    this.#items.splice(0, this.#items.length, ...items);
    this.#seq = items.reduce((max, i) => Math.max(max, i.seq + 1), 0);
  }
}
