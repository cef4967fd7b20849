/** DescribeAlarms (filters, pagination) and DescribeAlarmsForMetric. */
import type {
  DescribeAlarmsForMetricInput,
  DescribeAlarmsForMetricOutput,
  DescribeAlarmsInput,
  DescribeAlarmsOutput,
} from '@aws-sdk/client-cloudwatch';
import type { RequestContext, Validated } from '../../service.ts';
import { pageAfterKey } from '../../shared/paging.ts';
import type { CompositeAlarmRecord, MetricAlarmRecord } from '../alarm-model.ts';
import type { CloudWatchContext } from '../context.ts';
import { invalidNextToken, invalidParameterCombination } from '../errors.ts';
import { identityKey, sortDimensions, type DimensionValue } from '../metric-identity.ts';
import { toCompositeAlarm, toMetricAlarm } from './alarm-shapes.ts';
import { checkDimensions } from './metric-input.ts';

/** DescribeAlarms MaxRecords default. */
const DESCRIBE_DEFAULT_RECORDS = 50;

export function describeAlarms(
  cw: CloudWatchContext,
  input: Validated<DescribeAlarmsInput>,
  ctx: RequestContext,
): DescribeAlarmsOutput {
  const names = input.AlarmNames !== undefined && input.AlarmNames.length > 0 ? input.AlarmNames : undefined;
  if (names !== undefined && input.AlarmNamePrefix !== undefined) {
    throw invalidParameterCombination('AlarmNames and AlarmNamePrefix are mutually exclusive.');
  }
  // "If you omit this parameter, only metric alarms are returned" (DescribeAlarms AlarmTypes).
  const types =
    input.AlarmTypes !== undefined && input.AlarmTypes.length > 0 ? input.AlarmTypes : ['MetricAlarm'];
  let alarms = cw.alarms.list(ctx.accountId, ctx.region).filter((a) => types.includes(a.type));
  if (names !== undefined) alarms = alarms.filter((a) => names.includes(a.config.alarmName));
  const prefix = input.AlarmNamePrefix;
  if (prefix !== undefined) alarms = alarms.filter((a) => a.config.alarmName.startsWith(prefix));
  if (input.StateValue !== undefined) alarms = alarms.filter((a) => a.state.value === input.StateValue);
  const actionPrefix = input.ActionPrefix;
  if (actionPrefix !== undefined) {
    alarms = alarms.filter((a) =>
      [...a.config.alarmActions, ...a.config.okActions, ...a.config.insufficientDataActions].some((arn) =>
        arn.startsWith(actionPrefix),
      ),
    );
  }
  if (input.ChildrenOfAlarmName !== undefined) {
    const children = new Set(cw.alarms.childrenOf(ctx.accountId, ctx.region, input.ChildrenOfAlarmName));
    alarms = alarms.filter((a) => children.has(a.config.alarmName));
  }
  if (input.ParentsOfAlarmName !== undefined) {
    const parents = new Set(
      cw.alarms.parentsOf(ctx.accountId, ctx.region, input.ParentsOfAlarmName).map((p) => p.config.alarmName),
    );
    alarms = alarms.filter((a) => parents.has(a.config.alarmName));
  }
  const { items, nextToken } = pageAfterKey(
    alarms,
    (a) => a.config.alarmName,
    input.NextToken,
    input.MaxRecords ?? DESCRIBE_DEFAULT_RECORDS,
    invalidNextToken,
  );
  return {
    MetricAlarms: items.filter((a): a is MetricAlarmRecord => a.type === 'MetricAlarm').map(toMetricAlarm),
    CompositeAlarms: items
      .filter((a): a is CompositeAlarmRecord => a.type === 'CompositeAlarm')
      .map(toCompositeAlarm),
    ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
  };
}

/** The metric alarms on one metric; with Dimensions, on exactly that set of dimensions. */
export function describeAlarmsForMetric(
  cw: CloudWatchContext,
  input: Validated<DescribeAlarmsForMetricInput>,
  ctx: RequestContext,
): DescribeAlarmsForMetricOutput {
  const wanted =
    input.Dimensions === undefined
      ? undefined
      : dimensionsKey(checkDimensions(input.Dimensions, 'Dimensions'));
  const alarms = cw.alarms
    .list(ctx.accountId, ctx.region)
    .filter((a): a is MetricAlarmRecord => a.type === 'MetricAlarm')
    .filter((a) => {
      const c = a.config;
      if (c.namespace !== input.Namespace || c.metricName !== input.MetricName) return false;
      if (input.Statistic !== undefined && c.statistic !== input.Statistic) return false;
      if (input.ExtendedStatistic !== undefined && c.extendedStatistic !== input.ExtendedStatistic)
        return false;
      if (input.Period !== undefined && c.period !== input.Period) return false;
      if (input.Unit !== undefined && c.unit !== input.Unit) return false;
      return wanted === undefined || dimensionsKey(c.dimensions) === wanted;
    });
  return { MetricAlarms: alarms.map(toMetricAlarm) };
}

/** Equal for the same set of dimensions in any order. */
function dimensionsKey(dimensions: readonly DimensionValue[]): string {
  return identityKey('', '', sortDimensions(dimensions));
}
