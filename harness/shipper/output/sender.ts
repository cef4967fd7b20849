import type { Clock } from '../../clock.ts';
import type { ErrorClass } from './error-class.ts';
import { classifyError, describeError } from './error-class.ts';
import type { InputEvent, LogsApi, RejectedInfo } from './logs-api.ts';
import { findBatch } from './reconcile.ts';
import type { RetryPolicy } from './retry.ts';
import { retryDelay } from './retry.ts';
import type { LogStreamProvisioner } from './log-stream-provisioner.ts';

/**
 * Sends one batch until CloudWatch Logs accepts it, the error is one retrying cannot fix, or the
 * shipper stops. The outcome is a value; the caller (the destination queue) decides what moves the
 * checkpoint: only `accepted` does.
 */
export type SendOutcome =
  | {
      readonly state: 'accepted';
      readonly rejected: RejectedInfo | undefined;
      readonly attempts: number;
      /** True when an ambiguous failure was resolved by finding the batch in the stream. */
      readonly foundAfterFailure: boolean;
    }
  | {
      readonly state: 'failed';
      readonly error: unknown;
      readonly description: string;
      readonly attempts: number;
    }
  | { readonly state: 'aborted'; readonly attempts: number };

export interface RetryNotice {
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: string;
  readonly errorClass: ErrorClass;
}

export interface SendRequest {
  readonly group: string;
  readonly stream: string;
  readonly events: readonly InputEvent[];
  readonly signal: AbortSignal;
  readonly onRetry?: (notice: RetryNotice) => void;
}

export interface SenderOptions {
  readonly api: LogsApi;
  readonly clock: Clock;
  readonly provisioner: LogStreamProvisioner;
  readonly retry: RetryPolicy;
  /** Look for the batch in the stream after an ambiguous failure before resending. Default true. */
  readonly verifyAmbiguous?: boolean;
  /** Per-request timeout (wall time); a timeout counts as an ambiguous network failure. */
  readonly requestTimeoutMs?: number;
  readonly random?: () => number;
}

/** ResourceNotFound right after creating the stream means something deletes it: stop looping. */
const MAX_CREATE_ROUNDS = 3;

export class Sender {
  readonly #o: SenderOptions;

  constructor(options: SenderOptions) {
    this.#o = options;
  }

  async send(request: SendRequest): Promise<SendOutcome> {
    const { api, clock, provisioner, retry } = this.#o;
    const { group, stream, events, signal } = request;
    let attempts = 0;
    let retries = 0;
    let createRounds = 0;
    await provisioner.ensureRetention(group, signal);
    for (;;) {
      if (signal.aborted) return { state: 'aborted', attempts };
      attempts++;
      let error: unknown;
      try {
        const output = await api.putLogEvents(
          { logGroupName: group, logStreamName: stream, logEvents: events },
          this.#signal(signal),
        );
        return {
          state: 'accepted',
          rejected: output.rejectedLogEventsInfo,
          attempts,
          foundAfterFailure: false,
        };
      } catch (caught) {
        error = caught;
      }
      if (signal.aborted) return { state: 'aborted', attempts };
      let cls = classifyError(error);
      if (cls.kind === 'not-found') {
        if (++createRounds > MAX_CREATE_ROUNDS) {
          return {
            state: 'failed',
            error,
            description: `${describeError(error)} (still missing after creating it ${MAX_CREATE_ROUNDS} times)`,
            attempts,
          };
        }
        try {
          await provisioner.ensureStream(group, stream, this.#signal(signal));
          continue;
        } catch (createError) {
          if (signal.aborted) return { state: 'aborted', attempts };
          error = createError;
          cls = classifyError(createError);
          if (cls.kind === 'not-found')
            cls = { kind: 'retry', profile: 'fast', ambiguous: false, code: cls.code };
        }
      }
      if (cls.kind === 'fatal')
        return { state: 'failed', error, description: describeError(error), attempts };
      if (cls.kind === 'retry' && cls.ambiguous && (this.#o.verifyAmbiguous ?? true)) {
        const found = await this.#lookFor(request).catch(() => 'absent' as const);
        if (found !== 'absent')
          return { state: 'accepted', rejected: undefined, attempts, foundAfterFailure: true };
      }
      const profile = cls.kind === 'retry' ? retry[cls.profile] : retry.fast;
      const delayMs = retryDelay(retries++, profile, this.#o.random);
      request.onRetry?.({ attempt: attempts, delayMs, error: describeError(error), errorClass: cls });
      try {
        await clock.sleep(delayMs, signal);
      } catch {
        return { state: 'aborted', attempts };
      }
    }
  }

  #lookFor(request: SendRequest) {
    let firstTs = Infinity;
    let lastTs = -Infinity;
    for (const e of request.events) {
      if (e.timestamp < firstTs) firstTs = e.timestamp;
      if (e.timestamp > lastTs) lastTs = e.timestamp;
    }
    return findBatch(this.#o.api, request, request.events, { firstTs, lastTs }, this.#signal(request.signal));
  }

  #signal(stop: AbortSignal): AbortSignal {
    const timeout = this.#o.requestTimeoutMs;
    return timeout === undefined ? stop : AbortSignal.any([stop, AbortSignal.timeout(timeout)]);
  }
}
