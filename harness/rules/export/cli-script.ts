import type { DesiredState } from '../provision/desired-state.ts';

/**
 * A bash script that provisions the rule set with the AWS CLI: the same calls the lab makes through
 * the SDK (create-log-group if missing, sns create-topic, put-metric-filter, put-metric-alarm), so a
 * team can apply reviewed rules without this tool. `AWS` may carry extra flags, e.g.
 * `AWS="aws --endpoint-url http://127.0.0.1:4566" ./rules.sh`.
 */
export function exportCliScript(desired: DesiredState, generatedBy: string): string {
  const lines: string[] = [
    '#!/usr/bin/env bash',
    `# ${generatedBy}`,
    `# ${desired.metricFilters.length} metric filters and alarms on log group ${desired.logGroupName}.`,
    '# Environment: AWS (the aws command, default "aws"), LOG_GROUP, ALERT_EMAIL (optional e-mail subscription).',
    'set -euo pipefail',
    'AWS="${AWS:-aws}"',
    `LOG_GROUP="\${LOG_GROUP:-${desired.logGroupName}}"`,
    '',
    'if [ "$($AWS logs describe-log-groups --log-group-name-prefix "$LOG_GROUP" --query "length(logGroups[?logGroupName==\'$LOG_GROUP\'])" --output text)" = "0" ]; then',
    '  $AWS logs create-log-group --log-group-name "$LOG_GROUP"',
    'fi',
    '',
  ];
  const topicVar = new Map<string, string>();
  desired.topics.forEach((topic, i) => {
    const v = `TOPIC_ARN_${i + 1}`;
    topicVar.set(topic, v);
    lines.push(
      `# CreateTopic is idempotent: it returns the existing topic's ARN.`,
      `${v}="$($AWS sns create-topic --name ${q(topic)} --query TopicArn --output text)"`,
      `if [ -n "\${ALERT_EMAIL:-}" ]; then`,
      `  $AWS sns subscribe --topic-arn "$${v}" --protocol email --notification-endpoint "$ALERT_EMAIL" >/dev/null`,
      'fi',
      '',
    );
  });
  for (const f of desired.metricFilters) {
    lines.push(
      `# ${f.ruleId}`,
      `$AWS logs put-metric-filter --log-group-name "$LOG_GROUP" \\`,
      `  --filter-name ${q(f.filterName)} \\`,
      `  --filter-pattern ${q(f.filterPattern)} \\`,
      `  --metric-transformations ${q(JSON.stringify([f.transformation]))}`,
    );
    const alarm = desired.alarms.find((a) => a.ruleId === f.ruleId)!;
    const actions = (flag: string, topics: readonly string[]): string[] =>
      topics.length > 0 ? [`  ${flag} ${topics.map((t) => `"$${topicVar.get(t)}"`).join(' ')} \\`] : [];
    lines.push(
      `$AWS cloudwatch put-metric-alarm --alarm-name ${q(alarm.alarmName)} \\`,
      `  --alarm-description ${q(alarm.description)} \\`,
      `  --namespace ${q(alarm.namespace)} --metric-name ${q(alarm.metricName)} \\`,
      `  --statistic ${alarm.statistic} --period ${alarm.period} \\`,
      `  --evaluation-periods ${alarm.evaluationPeriods} --datapoints-to-alarm ${alarm.datapointsToAlarm} \\`,
      `  --threshold ${alarm.threshold} --comparison-operator ${alarm.comparison} \\`,
      `  --treat-missing-data ${alarm.treatMissingData} \\`,
      ...(alarm.dimensions.length > 0 ? [`  --dimensions ${q(JSON.stringify(alarm.dimensions))} \\`] : []),
      ...(alarm.unit ? [`  --unit ${alarm.unit} \\`] : []),
      ...actions('--alarm-actions', alarm.alarmTopics),
      ...actions('--ok-actions', alarm.okTopics),
      ...actions('--insufficient-data-actions', alarm.insufficientDataTopics),
      // The lab's ownership tags, so `rules apply` can later remove the alarm if the rule goes.
      `  --tags ${q(JSON.stringify(alarm.tags))} \\`,
      `  --actions-enabled`,
      '',
    );
  }
  lines.push(`echo "Provisioned ${desired.alarms.length} alarms on log group $LOG_GROUP."`);
  return lines.join('\n') + '\n';
}

/** Single-quotes a word for bash: nothing inside single quotes is special except the quote itself. */
export function q(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
