/**
 * Queue URLs point at the emulator: built from the origin the client used
 * (`http://127.0.0.1:PORT/<account>/<name>`), so the SDK, which may send to the QueueUrl host, reaches
 * the emulator (aws-protocols.md §2.3); a request's QueueUrl names its queue.
 */
import type { RequestContext } from '../../service.ts';
import type { SqsContext } from '../context.ts';
import type { Queue } from '../queue-store.ts';

export function queueUrl(ctx: RequestContext, queue: Queue): string {
  return `${ctx.origin}/${queue.accountId}/${queue.name}`;
}

/** The queue a request's QueueUrl names (QueueDoesNotExist otherwise). */
export function queueOf(
  sqs: SqsContext,
  input: { QueueUrl?: string | undefined },
  ctx: RequestContext,
): Queue {
  return sqs.engine.queueByUrl(ctx.accountId, ctx.region, input.QueueUrl ?? '');
}
