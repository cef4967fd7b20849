/** DescribeAlarmHistory: items by alarm, type and time, newest first unless ScanBy says otherwise. */
import type { DescribeAlarmHistoryInput, DescribeAlarmHistoryOutput } from '@aws-sdk/client-cloudwatch';
import type { RequestContext, Validated } from '../../service.ts';
import { pageAfterKey } from '../../shared/paging.ts';
import type { CloudWatchContext } from '../context.ts';
import { invalidNextToken, invalidParameterValue } from '../errors.ts';

/** DescribeAlarmHistory MaxRecords default. */
const HISTORY_DEFAULT_RECORDS = 100;

export function describeAlarmHistory(
  cw: CloudWatchContext,
  input: Validated<DescribeAlarmHistoryInput>,
  ctx: RequestContext,
): DescribeAlarmHistoryOutput {
  const types =
    input.AlarmTypes !== undefined && input.AlarmTypes.length > 0 ? input.AlarmTypes : ['MetricAlarm'];
  const start = input.StartDate === undefined ? -Infinity : new Date(input.StartDate).getTime();
  const end = input.EndDate === undefined ? Infinity : new Date(input.EndDate).getTime();
  if (start > end)
    throw invalidParameterValue('The parameter StartDate must be less than the parameter EndDate.');
  const items = cw.alarms
    .history(ctx.accountId, ctx.region)
    .filter(
      (h) =>
        types.includes(h.alarmType) &&
        (input.AlarmName === undefined || h.alarmName === input.AlarmName) &&
        (input.HistoryItemType === undefined || h.historyItemType === input.HistoryItemType) &&
        h.timestamp >= start &&
        h.timestamp <= end,
    );
  const ascending = input.ScanBy === 'TimestampAscending';
  const sorted = [...items].sort((a, b) => (ascending ? a.seq - b.seq : b.seq - a.seq));
  // Page by insertion sequence, padded so string order is numeric order in either direction.
  const key = (h: { seq: number }): string =>
    String(ascending ? h.seq : Number.MAX_SAFE_INTEGER - h.seq).padStart(16, '0');
  const { items: page, nextToken } = pageAfterKey(
    sorted,
    key,
    input.NextToken,
    input.MaxRecords ?? HISTORY_DEFAULT_RECORDS,
    invalidNextToken,
  );
  return {
    AlarmHistoryItems: page.map((h) => ({
      AlarmName: h.alarmName,
      AlarmType: h.alarmType,
      Timestamp: new Date(h.timestamp),
      HistoryItemType: h.historyItemType,
      HistorySummary: h.historySummary,
      HistoryData: h.historyData,
    })),
    ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
  };
}
