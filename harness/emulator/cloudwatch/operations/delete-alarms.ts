import type { DeleteAlarmsInput } from '@aws-sdk/client-cloudwatch';
import type { RequestContext, Validated } from '../../service.ts';
import type { CloudWatchContext } from '../context.ts';
import { resourceNotFound } from '../errors.ts';

/** DeleteAlarms: all or nothing; the alarms' history stays. */
export function deleteAlarms(
  cw: CloudWatchContext,
  input: Validated<DeleteAlarmsInput>,
  ctx: RequestContext,
): void {
  const names = input.AlarmNames ?? [];
  // "If you specify an incorrect alarm name ... no alarms are deleted" (DeleteAlarms).
  if (names.some((name) => cw.alarms.get(ctx.accountId, ctx.region, name) === undefined))
    throw resourceNotFound();
  cw.alarms.deleteAlarms(ctx.accountId, ctx.region, names);
}
