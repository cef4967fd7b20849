import type { Validated } from '../../service.ts';
/** What PutMetricAlarm and PutCompositeAlarm read the same way: state actions and tags. */
import type { PutCompositeAlarmInput, PutMetricAlarmInput } from '@aws-sdk/client-cloudwatch';
import type { AlarmConfigBase } from '../alarm-model.ts';
import { validationError } from '../errors.ts';

const ARN = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/;

type AlarmInput = PutMetricAlarmInput | PutCompositeAlarmInput;

/** The actions of each state, checked to be ARNs; actions are enabled unless the input says not. */
export function actionsConfig(
  input: Validated<AlarmInput>,
): Omit<AlarmConfigBase, 'alarmName' | 'alarmDescription'> {
  for (const member of ['AlarmActions', 'OKActions', 'InsufficientDataActions'] as const) {
    for (const arn of input[member] ?? []) {
      if (!ARN.test(arn)) throw validationError(`Invalid arn syntax: ${arn} (in ${member})`);
    }
  }
  return {
    actionsEnabled: input.ActionsEnabled ?? true,
    okActions: input.OKActions ?? [],
    alarmActions: input.AlarmActions ?? [],
    insufficientDataActions: input.InsufficientDataActions ?? [],
  };
}

/** Tags given at creation (a missing value is an empty one). */
export function tagsOf(input: Validated<AlarmInput>): { key: string; value: string }[] {
  return (input.Tags ?? []).map((t) => ({ key: t.Key!, value: t.Value ?? '' }));
}
