/**
 * TagResource, UntagResource, ListTagsForResource on alarms (the only taggable CloudWatch
 * resources the emulator has). Tags given to PutMetricAlarm/PutCompositeAlarm apply at creation only.
 */
import type {
  ListTagsForResourceInput,
  ListTagsForResourceOutput,
  TagResourceInput,
  UntagResourceInput,
} from '@aws-sdk/client-cloudwatch';
import type { RequestContext, Validated } from '../../service.ts';
import type { AlarmRecord } from '../alarm-model.ts';
import type { CloudWatchContext } from '../context.ts';
import { invalidParameterValue, resourceNotFoundException } from '../errors.ts';

/** "You can associate as many as 50 tags with a CloudWatch resource" (TagResource). */
const MAX_TAGS = 50;

function alarmFor(cw: CloudWatchContext, arn: string, ctx: RequestContext): AlarmRecord {
  const match = /^arn:aws:cloudwatch:([^:]+):(\d{12}):alarm:(.+)$/.exec(arn);
  if (match === null) throw invalidParameterValue(`Invalid ARN: ${arn}`);
  const alarm =
    match[1] === ctx.region && match[2] === ctx.accountId
      ? cw.alarms.get(ctx.accountId, ctx.region, match[3]!)
      : undefined;
  if (alarm === undefined) throw resourceNotFoundException(`Unknown alarm: ${arn}`);
  return alarm;
}

export function tagResource(
  cw: CloudWatchContext,
  input: Validated<TagResourceInput>,
  ctx: RequestContext,
): void {
  const alarm = alarmFor(cw, input.ResourceARN, ctx);
  const tags = new Map(alarm.tags.map((t) => [t.key, t.value]));
  for (const t of input.Tags ?? []) tags.set(t.Key!, t.Value ?? '');
  if (tags.size > MAX_TAGS) throw invalidParameterValue(`A resource can have at most ${MAX_TAGS} tags.`);
  alarm.tags = [...tags].map(([key, value]) => ({ key, value }));
}

export function untagResource(
  cw: CloudWatchContext,
  input: Validated<UntagResourceInput>,
  ctx: RequestContext,
): void {
  const alarm = alarmFor(cw, input.ResourceARN, ctx);
  const remove = new Set(input.TagKeys ?? []);
  alarm.tags = alarm.tags.filter((t) => !remove.has(t.key));
}

export function listTagsForResource(
  cw: CloudWatchContext,
  input: Validated<ListTagsForResourceInput>,
  ctx: RequestContext,
): ListTagsForResourceOutput {
  return { Tags: alarmFor(cw, input.ResourceARN, ctx).tags.map((t) => ({ Key: t.key, Value: t.value })) };
}
