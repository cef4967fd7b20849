import { stringify as stringifyYaml } from 'yaml';
import { metricAlarmFields } from '../provision/desired-state.ts';
import type { DesiredAlarm, DesiredState } from '../provision/desired-state.ts';

export type TemplateSyntax = 'json' | 'yaml';

/**
 * A CloudFormation template, JSON or YAML, with the topics, metric filters and alarms. Intrinsic
 * functions use their long form (`Fn::If`, `Ref`) in both, so the YAML needs no `!` tags. The log
 * group is usually created by the CloudWatch agent already; `CreateLogGroup=true` lets the stack own
 * it instead.
 */
export function exportCloudFormation(
  desired: DesiredState,
  generatedBy: string,
  syntax: TemplateSyntax = 'json',
): string {
  const resources: Record<string, unknown> = {
    AuditLogGroup: {
      Type: 'AWS::Logs::LogGroup',
      Condition: 'CreateLogGroupCondition',
      Properties: { LogGroupName: { Ref: 'LogGroupName' } },
    },
  };
  const logGroupRef = {
    'Fn::If': ['CreateLogGroupCondition', { Ref: 'AuditLogGroup' }, { Ref: 'LogGroupName' }],
  };
  const topicId = new Map<string, string>();
  for (const topic of desired.topics) {
    const id = `${logicalId(topic)}Topic`;
    topicId.set(topic, id);
    resources[id] = { Type: 'AWS::SNS::Topic', Properties: { TopicName: topic } };
    resources[`${id}EmailSubscription`] = {
      Type: 'AWS::SNS::Subscription',
      Condition: 'HasAlertEmail',
      Properties: { TopicArn: { Ref: id }, Protocol: 'email', Endpoint: { Ref: 'AlertEmail' } },
    };
  }
  for (const f of desired.metricFilters) {
    const t = f.transformation;
    resources[`${logicalId(f.ruleId)}Filter`] = {
      Type: 'AWS::Logs::MetricFilter',
      Properties: {
        FilterName: f.filterName,
        LogGroupName: logGroupRef,
        FilterPattern: f.filterPattern,
        MetricTransformations: [
          {
            MetricName: t.metricName,
            MetricNamespace: t.metricNamespace,
            MetricValue: t.metricValue,
            ...(t.defaultValue !== undefined ? { DefaultValue: t.defaultValue } : {}),
            ...(t.dimensions
              ? { Dimensions: Object.entries(t.dimensions).map(([Key, Value]) => ({ Key, Value })) }
              : {}),
            ...(t.unit ? { Unit: t.unit } : {}),
          },
        ],
      },
    };
    const alarm = desired.alarms.find((a) => a.ruleId === f.ruleId)!;
    resources[`${logicalId(f.ruleId)}Alarm`] = alarmResource(alarm, topicId, `${logicalId(f.ruleId)}Filter`);
  }
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Vault audit-log detection rules (${desired.alarms.length} alarms). ${generatedBy}`,
    Parameters: {
      LogGroupName: {
        Type: 'String',
        Default: desired.logGroupName,
        Description: 'Log group the Vault audit log is shipped to',
      },
      CreateLogGroup: { Type: 'String', Default: 'false', AllowedValues: ['true', 'false'] },
      AlertEmail: {
        Type: 'String',
        Default: '',
        Description: 'Optional e-mail address subscribed to the alarm topics',
      },
    },
    Conditions: {
      CreateLogGroupCondition: { 'Fn::Equals': [{ Ref: 'CreateLogGroup' }, 'true'] },
      HasAlertEmail: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlertEmail' }, ''] }] },
    },
    Resources: resources,
    Outputs: Object.fromEntries(
      [...topicId.entries()].map(([topic, id]) => [
        `${id}Arn`,
        { Description: `ARN of topic ${topic}`, Value: { Ref: id } },
      ]),
    ),
  };
  if (syntax === 'json') return JSON.stringify(template, null, 2) + '\n';
  // CloudFormation reads YAML 1.1 (so 2010-09-09 must be quoted, or it is a timestamp) and refuses
  // aliases; folded lines would make the patterns hard to review.
  return `# ${generatedBy}\n${stringifyYaml(template, { version: '1.1', aliasDuplicateObjects: false, lineWidth: 0 })}`;
}

function alarmResource(alarm: DesiredAlarm, topicId: Map<string, string>, filterId: string): unknown {
  const refs = (topics: readonly string[]): unknown[] => topics.map((t) => ({ Ref: topicId.get(t)! }));
  return {
    Type: 'AWS::CloudWatch::Alarm',
    // The metric exists only once the filter does; ordering keeps the alarm from flapping at creation.
    DependsOn: filterId,
    Properties: metricAlarmFields(alarm, {
      alarm: refs(alarm.alarmTopics),
      ok: refs(alarm.okTopics),
      insufficientData: refs(alarm.insufficientDataTopics),
    }),
  };
}

/** CloudFormation logical ids are alphanumeric: `root-token-used` → `RootTokenUsed`. */
export function logicalId(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}
