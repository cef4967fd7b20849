/** EnableAlarmActions and DisableAlarmActions: unknown names are ignored, as at AWS. */
import type { DisableAlarmActionsInput, EnableAlarmActionsInput } from '@aws-sdk/client-cloudwatch';
import type { RequestContext, Validated } from '../../service.ts';
import type { CloudWatchContext } from '../context.ts';

export function enableAlarmActions(
  cw: CloudWatchContext,
  input: Validated<EnableAlarmActionsInput>,
  ctx: RequestContext,
): void {
  cw.alarms.setActionsEnabled(ctx.accountId, ctx.region, input.AlarmNames ?? [], true);
}

export function disableAlarmActions(
  cw: CloudWatchContext,
  input: Validated<DisableAlarmActionsInput>,
  ctx: RequestContext,
): void {
  cw.alarms.setActionsEnabled(ctx.accountId, ctx.region, input.AlarmNames ?? [], false);
}
