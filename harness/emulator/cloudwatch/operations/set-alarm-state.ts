/** SetAlarmState: a transition like an evaluation's, until the next evaluation decides otherwise. */
import type { SetAlarmStateInput } from '@aws-sdk/client-cloudwatch';
import type { RequestContext, Validated } from '../../service.ts';
import type { AlarmStateValue } from '../../../alarm-evaluation/index.ts';
import type { CloudWatchContext } from '../context.ts';
import { invalidFormat, resourceNotFound } from '../errors.ts';

export async function setAlarmState(
  cw: CloudWatchContext,
  input: Validated<SetAlarmStateInput>,
  ctx: RequestContext,
): Promise<void> {
  const alarm = cw.alarms.get(ctx.accountId, ctx.region, input.AlarmName);
  if (alarm === undefined) throw resourceNotFound();
  if (input.StateReasonData !== undefined) {
    try {
      JSON.parse(input.StateReasonData);
    } catch {
      throw invalidFormat('The parameter StateReasonData must be a valid JSON document.');
    }
  }
  await cw.alarms.setAlarmState(
    ctx.accountId,
    ctx.region,
    input.AlarmName,
    input.StateValue as AlarmStateValue,
    input.StateReason,
    input.StateReasonData,
  );
}
