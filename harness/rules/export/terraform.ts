import type { DesiredState } from '../provision/desired-state.ts';

/** The AWS provider major version whose resource arguments the export uses. */
const AWS_PROVIDER_VERSION = '>= 5.0';

/**
 * A Terraform configuration for the rule set, ready for `terraform init && terraform apply`: the AWS
 * provider (region as a variable), `aws_sns_topic`, `aws_cloudwatch_log_metric_filter` and
 * `aws_cloudwatch_metric_alarm`, with variables for the log group, whether to create it (as the CLI
 * script and the CloudFormation template can) and an optional e-mail address.
 */
export function exportTerraform(desired: DesiredState, generatedBy: string, region = 'us-east-1'): string {
  const out: string[] = [
    `# ${generatedBy}`,
    '',
    'terraform {',
    '  required_providers {',
    '    aws = {',
    '      source  = "hashicorp/aws"',
    `      version = ${hcl(AWS_PROVIDER_VERSION)}`,
    '    }',
    '  }',
    '}',
    '',
    'variable "region" {',
    '  description = "Region of the log group, the alarms and the topics"',
    '  type        = string',
    `  default     = ${hcl(region)}`,
    '}',
    '',
    'provider "aws" {',
    '  region = var.region',
    '}',
    '',
    'variable "log_group_name" {',
    '  description = "Log group the Vault audit log is shipped to"',
    '  type        = string',
    `  default     = ${hcl(desired.logGroupName)}`,
    '}',
    '',
    'variable "create_log_group" {',
    '  description = "Create the log group here (false: the CloudWatch agent or another stack owns it)"',
    '  type        = bool',
    '  default     = false',
    '}',
    '',
    'variable "alert_email" {',
    '  description = "Optional e-mail address subscribed to the alarm topics"',
    '  type        = string',
    '  default     = ""',
    '}',
    '',
    'resource "aws_cloudwatch_log_group" "audit" {',
    '  count = var.create_log_group ? 1 : 0',
    '  name  = var.log_group_name',
    '}',
    '',
    'locals {',
    '  # Through the resource when it is created here, so the filters wait for it.',
    '  log_group_name = var.create_log_group ? aws_cloudwatch_log_group.audit[0].name : var.log_group_name',
    '}',
    '',
  ];
  const topicRes = new Map<string, string>();
  for (const topic of desired.topics) {
    const id = identifier(topic);
    topicRes.set(topic, id);
    out.push(
      `resource "aws_sns_topic" ${hcl(id)} {`,
      `  name = ${hcl(topic)}`,
      '}',
      '',
      `resource "aws_sns_topic_subscription" ${hcl(`${id}_email`)} {`,
      '  count     = var.alert_email == "" ? 0 : 1',
      `  topic_arn = aws_sns_topic.${id}.arn`,
      '  protocol  = "email"',
      '  endpoint  = var.alert_email',
      '}',
      '',
    );
  }
  for (const f of desired.metricFilters) {
    const id = identifier(f.ruleId);
    const t = f.transformation;
    out.push(
      `resource "aws_cloudwatch_log_metric_filter" ${hcl(id)} {`,
      `  name           = ${hcl(f.filterName)}`,
      '  log_group_name = local.log_group_name',
      `  pattern        = ${hcl(f.filterPattern)}`,
      '',
      '  metric_transformation {',
      `    name      = ${hcl(t.metricName!)}`,
      `    namespace = ${hcl(t.metricNamespace!)}`,
      `    value     = ${hcl(t.metricValue!)}`,
      ...(t.defaultValue !== undefined ? [`    default_value = ${hcl(String(t.defaultValue))}`] : []),
      ...(t.unit ? [`    unit      = ${hcl(t.unit)}`] : []),
      ...(t.dimensions ? [`    dimensions = ${hclMap(t.dimensions, '    ')}`] : []),
      '  }',
      '}',
      '',
    );
    const a = desired.alarms.find((x) => x.ruleId === f.ruleId)!;
    const arns = (topics: readonly string[]): string =>
      `[${topics.map((tp) => `aws_sns_topic.${topicRes.get(tp)}.arn`).join(', ')}]`;
    out.push(
      `resource "aws_cloudwatch_metric_alarm" ${hcl(id)} {`,
      `  alarm_name          = ${hcl(a.alarmName)}`,
      `  alarm_description   = ${hcl(a.description)}`,
      `  namespace           = ${hcl(a.namespace)}`,
      `  metric_name         = ${hcl(a.metricName)}`,
      `  statistic           = ${hcl(a.statistic)}`,
      `  period              = ${a.period}`,
      `  evaluation_periods  = ${a.evaluationPeriods}`,
      `  datapoints_to_alarm = ${a.datapointsToAlarm}`,
      `  threshold           = ${a.threshold}`,
      `  comparison_operator = ${hcl(a.comparison)}`,
      `  treat_missing_data  = ${hcl(a.treatMissingData)}`,
      ...(a.unit ? [`  unit                = ${hcl(a.unit)}`] : []),
      ...(a.dimensions.length > 0
        ? [`  dimensions = ${hclMap(Object.fromEntries(a.dimensions.map((d) => [d.Name, d.Value])), '  ')}`]
        : []),
      '  actions_enabled     = true',
      `  alarm_actions       = ${arns(a.alarmTopics)}`,
      `  ok_actions          = ${arns(a.okTopics)}`,
      `  insufficient_data_actions = ${arns(a.insufficientDataTopics)}`,
      // A multi-line map is a line of its own in `out`, so alignAttributes leaves it as written.
      `  tags = ${hclMap(Object.fromEntries(a.tags.map((t) => [t.Key, t.Value])), '  ')}`,
      '',
      `  depends_on = [aws_cloudwatch_log_metric_filter.${id}]`,
      '}',
      '',
    );
  }
  for (const [topic, id] of topicRes) {
    out.push(
      `output ${hcl(`${id}_arn`)} {`,
      `  description = ${hcl(`ARN of topic ${topic}`)}`,
      `  value       = aws_sns_topic.${id}.arn`,
      '}',
      '',
    );
  }
  return alignAttributes(out).join('\n');
}

/**
 * Aligns the `=` of consecutive single-line attributes at the same indentation, as `terraform fmt`
 * does, so the export is already in canonical form.
 */
function alignAttributes(lines: string[]): string[] {
  const attr = /^(\s*)([A-Za-z_][A-Za-z0-9_-]*)\s*=\s(.*)$/;
  const result = [...lines];
  let i = 0;
  while (i < result.length) {
    const m = attr.exec(result[i]!);
    if (!m) {
      i++;
      continue;
    }
    let j = i;
    const group: number[] = [];
    while (j < result.length) {
      const n = attr.exec(result[j]!);
      if (!n || n[1] !== m[1]) break;
      group.push(j);
      j++;
      // A multi-line value (`{` opening a map) ends the group after its own line.
      if (n[3]!.endsWith('{')) break;
    }
    const width = Math.max(...group.map((k) => attr.exec(result[k]!)![2]!.length));
    for (const k of group) {
      const n = attr.exec(result[k]!)!;
      result[k] = `${n[1]}${n[2]!.padEnd(width)} = ${n[3]}`;
    }
    i = j;
  }
  return result;
}

/**
 * An HCL quoted string. Besides `\` and `"`, the template sequences `${` and `%{` must be escaped
 * (`$${`, `%%{`), which matters for filter patterns such as `{ $.type = ... }` only when a `$` or `%`
 * is directly followed by `{`.
 */
export function hcl(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
  return `"${escaped}"`;
}

/** A multi-line map with its `=` aligned, as `terraform fmt` writes it. */
function hclMap(map: Readonly<Record<string, string>>, indent: string): string {
  const width = Math.max(0, ...Object.keys(map).map((k) => hcl(k).length));
  const entries = Object.entries(map).map(([k, v]) => `${indent}  ${hcl(k).padEnd(width)} = ${hcl(v)}`);
  return `{\n${entries.join('\n')}\n${indent}}`;
}

/** Terraform resource names: letters, digits, `_` and `-`, starting with a letter or `_`. */
export function identifier(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}
