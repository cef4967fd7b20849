import { BUILTIN_RULE_IDS, builtinRuleDefinitions } from './builtin-pack.ts';
import type { PackParameters } from './builtin-pack.ts';
import { RuleValidationError } from './errors.ts';
import type { RuleIssue } from './errors.ts';
import { DEFAULT_LOG_GROUP } from './rule.ts';
import type { Rule } from './rule.ts';
import type { RuleFile } from './rule-file.ts';
import { isRecord } from './untrusted-value.ts';
import { validateRule } from './validate-rule.ts';
import type { PatternChecker } from './validate-rule.ts';
import { ConfigError } from '../errors.ts';
import { MAX_ALARM_NAME_LENGTH } from '../aws/facts/cloudwatch.ts';
import { LOG_GROUP_NAME_PATTERN, MAX_NAME_LENGTH } from '../aws/facts/logs.ts';
import { TOPIC_NAME_PATTERN } from '../aws/facts/sns.ts';

/**
 * The rules to provision, with the names they get on a target: the run prefix (unique per run on
 * shared AWS accounts, empty locally) goes in front of every alarm, filter and topic name.
 */
export interface RuleSet {
  readonly prefix: string;
  readonly logGroupName: string;
  readonly rules: readonly Rule[];
  readonly parameters: PackParameters;
  /** Built-in rules the user file left out (its `disable` list), with that file's path. */
  readonly disabled: ReadonlyArray<{ readonly id: string; readonly by: string }>;
}

export interface RuleSetOptions {
  readonly prefix?: string;
  readonly logGroupName?: string;
  readonly parameters?: PackParameters;
  readonly userFile?: RuleFile;
  /** Leave the built-in pack out (a rule file alone). */
  readonly withoutBuiltins?: boolean;
  /** Time whose UTC offset the business-hours window uses (the lab clock's now). */
  readonly at: number;
  readonly checkPattern?: PatternChecker;
}

const PREFIX_PATTERN = /^[A-Za-z0-9_-]{0,64}$/;

export function buildRuleSet(options: RuleSetOptions): RuleSet {
  const prefix = options.prefix ?? '';
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new ConfigError(
      `run prefix ${JSON.stringify(prefix)}: expected up to 64 letters, digits, '-' or '_'`,
    );
  }
  const logGroupName = options.logGroupName ?? DEFAULT_LOG_GROUP;
  if (logGroupName.length > MAX_NAME_LENGTH || !LOG_GROUP_NAME_PATTERN.test(logGroupName)) {
    throw new ConfigError(
      `log group name ${JSON.stringify(logGroupName)}: expected 1-512 characters from [.-_/#A-Za-z0-9] (no spaces)`,
    );
  }
  const file = options.userFile;
  const parameters: PackParameters = { ...options.parameters, ...file?.parameters };
  const issues: RuleIssue[] = [...(file?.issues ?? [])];
  const builtins = options.withoutBuiltins ? [] : builtinRuleDefinitions(parameters, options.at);
  const disabled = new Set(file?.disable ?? []);
  const overrides = file?.override ?? {};
  const builtinIds: readonly string[] = BUILTIN_RULE_IDS;
  for (const [field, ids] of [
    ['disable', [...disabled]],
    ['override', Object.keys(overrides)],
  ] as const) {
    for (const id of ids.filter((i) => !builtinIds.includes(i))) {
      issues.push({
        source: file!.path,
        rule: id,
        field,
        message: `no built-in rule has this id; built-in ids: ${BUILTIN_RULE_IDS.join(', ')}`,
      });
    }
  }
  const candidates: Array<{ raw: unknown; source: string; index: number }> = [];
  builtins.forEach((raw, index) => {
    const id = raw['id'] as string;
    if (disabled.has(id)) return;
    const override = overrides[id];
    candidates.push({
      raw: override ? deepMerge(raw, override) : raw,
      source: override ? `builtin (overridden in ${file!.path})` : 'builtin',
      index,
    });
  });
  (file?.rules ?? []).forEach((raw, index) => candidates.push({ raw, source: file!.path, index }));

  const rules: Rule[] = [];
  const seen = new Map<string, { source: string; index: number }>();
  const metricOwners = new Map<string, Rule>();
  for (const { raw, source, index } of candidates) {
    const result = validateRule(raw, {
      source,
      index,
      ...(options.checkPattern ? { checkPattern: options.checkPattern } : {}),
    });
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    const rule = result.rule;
    const previous = seen.get(rule.id);
    if (previous !== undefined) {
      issues.push({
        source,
        rule: rule.id,
        field: 'id',
        message:
          previous.source === source
            ? `rule #${index + 1} has the id of rule #${previous.index + 1} in the same file; rule ids must be unique`
            : `duplicates the rule from ${previous.source}; to replace a built-in rule, list it under 'disable' and add yours with another id`,
      });
      continue;
    }
    seen.set(rule.id, { source, index });
    const metric = metricIdentity(rule);
    const owner = metricOwners.get(metric);
    if (owner) {
      issues.push({
        source,
        rule: rule.id,
        field: 'filter.metricName',
        message: `publishes into ${metricLabel(rule)}, the metric of rule '${owner.id}' (${owner.source}): each rule's alarm would fire on the other's matches; give one of them its own metricName or namespace`,
      });
    } else metricOwners.set(metric, rule);
    const alarmName = prefix + rule.id;
    if (alarmName.length > MAX_ALARM_NAME_LENGTH || alarmName.length > MAX_NAME_LENGTH) {
      issues.push({
        source,
        rule: rule.id,
        field: 'id',
        message: `with the prefix the alarm name is longer than ${MAX_ALARM_NAME_LENGTH} characters`,
      });
    }
    if (!TOPIC_NAME_PATTERN.test(prefix + rule.topic)) {
      issues.push({
        source,
        rule: rule.id,
        field: 'topic',
        message: 'with the prefix the topic name is longer than 256 characters',
      });
    }
    rules.push(rule);
  }
  if (issues.length > 0) throw new RuleValidationError(issues);
  const left = builtins.map((raw) => raw['id'] as string).filter((id) => disabled.has(id));
  return Object.freeze({
    prefix,
    logGroupName,
    rules: Object.freeze(rules),
    parameters,
    disabled: Object.freeze(left.map((id) => Object.freeze({ id, by: file!.path }))),
  });
}

export function alarmName(set: RuleSet, rule: Rule): string {
  return set.prefix + rule.id;
}

export function filterName(set: RuleSet, rule: Rule): string {
  return set.prefix + rule.id;
}

export function topicName(set: RuleSet, topic: string): string {
  return set.prefix + topic;
}

/** Distinct topic names (without prefix) the rules notify, in first-use order. */
export function ruleTopics(set: RuleSet): string[] {
  return [...new Set(set.rules.filter((r) => r.notify.length > 0).map((r) => r.topic))];
}

/**
 * A CloudWatch metric is its namespace, name and dimension names (a filter's dimension values split it
 * further, but the alarms of two filters on one name and dimension set read each other's datapoints).
 */
function metricIdentity(rule: Rule): string {
  return JSON.stringify([rule.filter.namespace, rule.filter.metricName, metricDimensionNames(rule)]);
}

function metricLabel(rule: Rule): string {
  const dims = metricDimensionNames(rule);
  return `${rule.filter.namespace}/${rule.filter.metricName}${dims.length > 0 ? ` (dimensions ${dims.join(', ')})` : ''}`;
}

function metricDimensionNames(rule: Rule): string[] {
  return Object.keys(rule.filter.dimensions ?? {}).sort();
}

function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isRecord(current) && isRecord(value) ? deepMerge(current, value) : value;
  }
  return out;
}
