/**
 * PutCompositeAlarm: the rule must parse, reference at most 100 existing alarms and no cycle; the
 * actions suppressor must exist (alarms-sns.md §2.11).
 */
import type { PutCompositeAlarmInput } from '@aws-sdk/client-cloudwatch';
import type { RequestContext, Validated } from '../../service.ts';
import {
  AlarmRuleSyntaxError,
  MAX_RULE_CHILDREN,
  parseAlarmRule,
  referencedName,
  ruleReferences,
} from '../composite-rule.ts';
import type { CloudWatchContext } from '../context.ts';
import { validationError } from '../errors.ts';
import { actionsConfig, tagsOf } from './alarm-input.ts';

export function putCompositeAlarm(
  cw: CloudWatchContext,
  input: Validated<PutCompositeAlarmInput>,
  ctx: RequestContext,
): void {
  let rule;
  try {
    rule = parseAlarmRule(input.AlarmRule);
  } catch (error) {
    if (error instanceof AlarmRuleSyntaxError) throw validationError(`Error in AlarmRule: ${error.message}`);
    throw error;
  }
  const refs = ruleReferences(rule).map(referencedName);
  if (refs.length > MAX_RULE_CHILDREN) {
    throw validationError(
      `An alarm rule can reference at most ${MAX_RULE_CHILDREN} alarms; it references ${refs.length}.`,
    );
  }
  const name = input.AlarmName;
  const missing = refs.filter((ref) => cw.alarms.get(ctx.accountId, ctx.region, ref) === undefined);
  if (missing.length > 0) {
    throw validationError(
      `Could not save the composite alarm as alarms [${missing.join(', ')}] in the alarm rule do not exist`,
    );
  }
  if (refs.includes(name) || createsCycle(cw, ctx, name, refs)) {
    throw validationError(`The alarm rule of ${name} creates a cycle: an alarm cannot depend on itself.`);
  }
  const actions = actionsConfig(input);
  if (
    input.ActionsSuppressor !== undefined &&
    cw.alarms.get(ctx.accountId, ctx.region, referencedName(input.ActionsSuppressor)) === undefined
  ) {
    throw validationError(`The actions suppressor alarm ${input.ActionsSuppressor} does not exist.`);
  }
  cw.alarms.putCompositeAlarm(
    ctx.accountId,
    ctx.region,
    {
      alarmName: name,
      alarmDescription: input.AlarmDescription,
      alarmRule: input.AlarmRule,
      ...actions,
      actionsSuppressor: input.ActionsSuppressor,
      actionsSuppressorWaitPeriod: input.ActionsSuppressorWaitPeriod,
      actionsSuppressorExtensionPeriod: input.ActionsSuppressorExtensionPeriod,
    },
    tagsOf(input),
  );
}

/** Whether `name` is reachable from its children through composite rules (a cycle). */
function createsCycle(
  cw: CloudWatchContext,
  ctx: RequestContext,
  name: string,
  refs: readonly string[],
): boolean {
  const seen = new Set<string>();
  const stack = [...refs];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current === name) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...cw.alarms.childrenOf(ctx.accountId, ctx.region, current));
  }
  return false;
}
