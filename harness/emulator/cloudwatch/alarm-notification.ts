/**
 * The SNS message CloudWatch publishes when an alarm changes state (alarms-sns.md §3): a Publish with
 * `MessageStructure=json` whose message holds a `default` variant (the alarm JSON every protocol but
 * email receives), an `sms` variant (the subject line) and an `email` variant (the human text), and
 * the Subject `ALARM: "name" in US East (Ohio)`.
 *
 * Formats checked against real AWS messages: key order, `null` AlarmDescription/Unit, upper-case
 * `Statistic` (`SAMPLE_COUNT` for SampleCount is LocalStack's assumption, unverified), Dimensions as
 * `{"value","name"}`, Java doubles (`Threshold: 90.0`), `+0000` timestamps, long region names,
 * `DatapointsToAlarm` only when set, `""` for unset TreatMissingData/EvaluateLowSampleCountPercentile.
 * The email text follows AWS samples from 2021-2026 ("for at least M of the last N period(s)").
 */
import type {
  AlarmStateRecord,
  AlarmRecord,
  CompositeAlarmRecord,
  MetricAlarmRecord,
} from './alarm-model.ts';
import { cloudwatchTimestamp, dbl, javaDouble, javaJson, longUtcDate } from '../../alarm-evaluation/index.ts';
import { regionLongName } from './region-names.ts';

/** SNS Publish: "Subjects must be ... less than 100 characters long" (botocore Publish). */
const SNS_SUBJECT_MAX = 99;

export interface AlarmNotification {
  readonly subject: string;
  /** The message to publish with MessageStructure=json: `{"default":…,"sms":…,"email":…}`. */
  readonly message: string;
  readonly defaultMessage: string;
  readonly email: string;
}

export interface TriggeringChild {
  readonly arn: string;
  readonly state: string;
  readonly timestamp: number;
}

export function alarmSubject(alarm: AlarmRecord, newState: string): string {
  const region = regionLongName(alarm.region);
  const subject = `${newState}: "${alarm.config.alarmName}" in ${region}`;
  if (subject.length <= SNS_SUBJECT_MAX) return subject;
  // How AWS shortens long names is unknown; keep the state and region, cut the name.
  const room = SNS_SUBJECT_MAX - `${newState}: "..." in ${region}`.length;
  return `${newState}: "${alarm.config.alarmName.slice(0, Math.max(0, room))}..." in ${region}`;
}

export function buildAlarmNotification(
  alarm: AlarmRecord,
  oldState: AlarmStateRecord,
  newState: AlarmStateRecord,
  triggeringChildren: readonly TriggeringChild[] = [],
): AlarmNotification {
  const subject = alarmSubject(alarm, newState.value);
  const defaultMessage =
    alarm.type === 'MetricAlarm'
      ? javaJson(metricAlarmDocument(alarm, oldState, newState))
      : javaJson(compositeAlarmDocument(alarm, oldState, newState, triggeringChildren));
  const email =
    alarm.type === 'MetricAlarm'
      ? metricAlarmEmail(alarm, oldState, newState)
      : compositeAlarmEmail(alarm, oldState, newState, triggeringChildren);
  const message = JSON.stringify({ default: defaultMessage, sms: subject, email });
  return { subject, message, defaultMessage, email };
}

function upperStatistic(statistic: string): string {
  return statistic.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

function metricAlarmDocument(
  alarm: MetricAlarmRecord,
  oldState: AlarmStateRecord,
  newState: AlarmStateRecord,
): Record<string, unknown> {
  const c = alarm.config;
  return {
    AlarmName: c.alarmName,
    AlarmDescription: c.alarmDescription ?? null,
    AWSAccountId: alarm.accountId,
    AlarmConfigurationUpdatedTimestamp: cloudwatchTimestamp(alarm.configuredAt),
    NewStateValue: newState.value,
    NewStateReason: newState.reason,
    StateChangeTime: cloudwatchTimestamp(newState.updatedAt),
    Region: regionLongName(alarm.region),
    AlarmArn: alarm.arn,
    OldStateValue: oldState.value,
    ActionExecutedAfterMuteWindow: false,
    OKActions: c.okActions,
    AlarmActions: c.alarmActions,
    InsufficientDataActions: c.insufficientDataActions,
    Trigger: trigger(alarm),
  };
}

function trigger(alarm: MetricAlarmRecord): Record<string, unknown> {
  const c = alarm.config;
  const tail = {
    EvaluationPeriods: c.evaluationPeriods,
    DatapointsToAlarm: c.datapointsToAlarm,
    ComparisonOperator: c.comparisonOperator,
    Threshold: c.threshold === undefined ? null : dbl(c.threshold),
    TreatMissingData: c.treatMissingData ?? '',
    EvaluateLowSampleCountPercentile: c.evaluateLowSampleCountPercentile ?? '',
  };
  if (c.metrics !== undefined) {
    return {
      Metrics: c.metrics.map((q) => ({
        Expression: q.expression,
        Id: q.id,
        Label: q.label,
        MetricStat:
          q.metricStat === undefined
            ? undefined
            : {
                Metric: {
                  Dimensions: q.metricStat.dimensions.map((d) => ({ value: d.value, name: d.name })),
                  MetricName: q.metricStat.metricName,
                  Namespace: q.metricStat.namespace,
                },
                Period: q.metricStat.period,
                Stat: q.metricStat.stat,
                Unit: q.metricStat.unit,
              },
        ReturnData: q.returnData ?? true,
      })),
      Period: c.period ?? c.metrics.find((q) => q.metricStat)?.metricStat?.period,
      ...tail,
    };
  }
  const statistic =
    c.extendedStatistic !== undefined
      ? { StatisticType: 'ExtendedStatistic', ExtendedStatistic: c.extendedStatistic }
      : { StatisticType: 'Statistic', Statistic: upperStatistic(c.statistic ?? '') };
  return {
    MetricName: c.metricName,
    Namespace: c.namespace,
    ...statistic,
    Unit: c.unit ?? null,
    Dimensions: c.dimensions.map((d) => ({ value: d.value, name: d.name })),
    Period: c.period,
    ...tail,
  };
}

function compositeAlarmDocument(
  alarm: CompositeAlarmRecord,
  oldState: AlarmStateRecord,
  newState: AlarmStateRecord,
  children: readonly TriggeringChild[],
): Record<string, unknown> {
  const c = alarm.config;
  return {
    AlarmName: c.alarmName,
    AlarmDescription: c.alarmDescription ?? null,
    AWSAccountId: alarm.accountId,
    NewStateValue: newState.value,
    NewStateReason: newState.reason,
    StateChangeTime: cloudwatchTimestamp(newState.updatedAt),
    Region: regionLongName(alarm.region),
    AlarmArn: alarm.arn,
    OKActions: c.okActions,
    AlarmActions: c.alarmActions,
    InsufficientDataActions: c.insufficientDataActions,
    OldStateValue: oldState.value,
    AlarmRule: c.alarmRule,
    TriggeringChildren: children.map((child) => ({
      Arn: child.arn,
      State: { Value: child.state, Timestamp: cloudwatchTimestamp(child.timestamp) },
    })),
  };
}

const LABEL_WIDTH = 30;
const METRIC_LABEL_WIDTH = 39;

function line(label: string, value: string, width = LABEL_WIDTH): string {
  return `- ${`${label}:`.padEnd(width - 2)}${value}`;
}

function consoleLink(alarm: AlarmRecord): string {
  const r = alarm.region;
  return `https://${r}.console.aws.amazon.com/cloudwatch/deeplink.js?region=${r}#alarmsV2:alarm/${encodeURIComponent(alarm.config.alarmName)}`;
}

/** The console link and the "Alarm Details" of every alarm email; `rule` lines follow State Change. */
function detailsSection(
  alarm: AlarmRecord,
  oldState: AlarmStateRecord,
  newState: AlarmStateRecord,
  rule: readonly string[] = [],
): string[] {
  return [
    '',
    'View this alarm in the AWS Management Console:',
    consoleLink(alarm),
    '',
    'Alarm Details:',
    line('Name', alarm.config.alarmName),
    line('Description', alarm.config.alarmDescription ?? ''),
    line('State Change', `${oldState.value} -> ${newState.value}`),
    ...rule,
    line('Reason for State Change', newState.reason),
    line('Timestamp', longUtcDate(newState.updatedAt)),
    line('AWS Account', alarm.accountId),
    line('Alarm Arn', alarm.arn),
  ];
}

function actionsSection(alarm: AlarmRecord): string[] {
  const list = (arns: readonly string[]): string => (arns.length === 0 ? '' : `[${arns.join(', ')}]`);
  return [
    'State Change Actions:',
    `- OK: ${list(alarm.config.okActions)}`,
    `- ALARM: ${list(alarm.config.alarmActions)}`,
    `- INSUFFICIENT_DATA: ${list(alarm.config.insufficientDataActions)}`,
    '',
  ];
}

function metricAlarmEmail(
  alarm: MetricAlarmRecord,
  oldState: AlarmStateRecord,
  newState: AlarmStateRecord,
): string {
  const c = alarm.config;
  const region = regionLongName(alarm.region);
  const when = longUtcDate(newState.updatedAt);
  const m = c.datapointsToAlarm ?? c.evaluationPeriods;
  const statistic = c.extendedStatistic ?? c.statistic ?? '';
  const threshold = c.threshold === undefined ? '' : javaDouble(c.threshold);
  const dimensions =
    c.dimensions.length === 0 ? '' : `[${c.dimensions.map((d) => `${d.name} = ${d.value}`).join(', ')}]`;
  const lines = [
    `You are receiving this email because your Amazon CloudWatch Alarm "${c.alarmName}" in the ${region} region has entered the ${newState.value} state, because "${newState.reason}" at "${when}".`,
    ...detailsSection(alarm, oldState, newState),
    '',
    'Threshold:',
    `- The alarm is in the ALARM state when the metric is ${c.comparisonOperator} ${threshold} for at least ${m} of the last ${c.evaluationPeriods} period(s) of ${c.period ?? ''} seconds.`,
    '',
    'Monitored Metric:',
  ];
  if (c.metrics === undefined) {
    lines.push(
      line('MetricNamespace', c.namespace ?? '', METRIC_LABEL_WIDTH),
      line('MetricName', c.metricName ?? '', METRIC_LABEL_WIDTH),
      line('Dimensions', dimensions, METRIC_LABEL_WIDTH),
      line('Period', `${c.period ?? ''} seconds`, METRIC_LABEL_WIDTH),
      line('Statistic', statistic, METRIC_LABEL_WIDTH),
      line('Unit', c.unit ?? 'not specified', METRIC_LABEL_WIDTH),
    );
  } else {
    for (const q of c.metrics) {
      lines.push(
        line(
          q.id,
          q.expression ?? `${q.metricStat?.namespace} ${q.metricStat?.metricName} ${q.metricStat?.stat}`,
          METRIC_LABEL_WIDTH,
        ),
      );
    }
  }
  lines.push(
    c.treatMissingData === undefined ? '' : line('TreatMissingData', c.treatMissingData, METRIC_LABEL_WIDTH),
    '',
    '',
  );
  lines.push(...actionsSection(alarm));
  return lines.join('\n');
}

function compositeAlarmEmail(
  alarm: CompositeAlarmRecord,
  oldState: AlarmStateRecord,
  newState: AlarmStateRecord,
  children: readonly TriggeringChild[],
): string {
  const c = alarm.config;
  const region = regionLongName(alarm.region);
  const when = longUtcDate(newState.updatedAt);
  const lines = [
    `You are receiving this email because your Amazon CloudWatch Alarm "${c.alarmName}" in the ${region} region has transitioned to ${newState.value} state on ${when}, because "${newState.reason}".`,
    ...detailsSection(alarm, oldState, newState, [line('Alarm Rule', c.alarmRule)]),
    '',
    'Triggering children (max. 10):',
    ...children
      .slice(0, 10)
      .map((child) => `- ${child.arn}: ${child.state} at ${longUtcDate(child.timestamp)}`),
    '',
    ...actionsSection(alarm),
  ];
  return lines.join('\n');
}
