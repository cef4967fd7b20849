import type { Clock } from '../clock.ts';
import type { Logger } from '../util/logger.ts';
import type { AwsServiceError } from './protocol/errors.ts';
import type { LabRequest, LabResponse } from './protocol/http.ts';
import type { WireProtocol } from './protocol/router.ts';
import type { Violation } from './protocol/validate.ts';
import type { ServiceModel } from './models/types.ts';
import type { StateRegistry } from './state/state-registry.ts';

/**
 * The contract between the emulator core and a service (logs, cloudwatch, sns, sqs, sts). A service is
 * built by `create<Service>Service(env, dependencies)`, wired to the others in `emulator.ts`. Services never see HTTP: the
 * protocol layer routes, decodes and validates the input against the model, calls the handler with
 * a typed input and a RequestContext, and renders the output or the thrown AwsServiceError in the
 * client's protocol. See README.md in this folder.
 */
export interface RequestContext {
  /** `000000000000` for access key `test`; a 12-digit access key is its own account. */
  readonly accountId: string;
  /** From the SigV4 credential scope; the emulator's default region when unsigned. */
  readonly region: string;
  readonly requestId: string;
  /** Emulator service name (`logs`, `cloudwatch`, `sns`, `sqs`). */
  readonly service: string;
  readonly operation: string;
  readonly protocol: WireProtocol;
  /** The client sent `x-amzn-query-mode: true` (SDK v3 on CloudWatch/SQS). */
  readonly queryMode: boolean;
  /** `http://host:port` the client used: build SQS queue URLs and SNS SigningCertURL from it. */
  readonly origin: string;
  readonly accessKeyId: string | undefined;
  /** Emulator clock (epoch ms) when the request arrived. */
  readonly receivedAt: number;
  /** Aborts when the client goes away or the emulator stops (SQS long polling). */
  readonly signal: AbortSignal;
}

// Handlers are typed by each service with the SDK's request/response types; the table stores them
// loosely because inputs arrive decoded from the model at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OperationHandler<I = any, O = any> = (input: I, context: RequestContext) => O | Promise<O>;

/**
 * An SDK v3 input type as handlers receive it: the SDK declares required members as `T | undefined`
 * (for forward compatibility); the protocol layer has already checked that they are present, so
 * they are `T` here, at every depth. Optional members stay optional.
 */
export type Validated<T> = T extends readonly (infer U)[]
  ? Validated<U>[]
  : T extends Date | Uint8Array
    ? T
    : T extends object
      ? { [K in keyof T]: object extends Pick<T, K> ? Validated<T[K]> : Validated<Exclude<T[K], undefined>> }
      : T;

export interface StoreScope {
  readonly accountId: string;
  readonly region: string;
}

/** A service's state for one (account, region), and how to persist it to `--state-dir`. */
export interface StoreSpec<S> {
  create(scope: StoreScope): S;
  /** A JSON-serialisable snapshot; without it the service's state is not persisted. */
  serialize?(store: S, scope: StoreScope): unknown;
  restore?(data: unknown, scope: StoreScope): S;
}

export interface ControlRequest {
  readonly request: LabRequest;
  /** Parsed JSON body (undefined when empty). */
  readonly json: unknown;
  readonly params: Readonly<Record<string, string>>;
}

/** An extra route under `/_lab/` (e.g. `GET /_lab/sns/messages`). `path` excludes `/_lab`. */
export interface ControlRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  handle(request: ControlRequest): LabResponse | Promise<LabResponse>;
}

/**
 * `Op`: the model's operation names (`SnsOperation`…), so the handler table must have one handler per
 * operation the model declares: a missing or misspelt handler is a compile error.
 */
export interface ServiceDefinition<S = unknown, Op extends string = string> {
  readonly name: string;
  readonly model: ServiceModel<Op>;
  readonly operations: { readonly [K in Op]: OperationHandler };
  readonly store?: StoreSpec<S>;
  /**
   * Service-wide state kept outside per-(account, region) stores (SNS's signing identity),
   * persisted to `<state-dir>/<service>/global.json`.
   */
  readonly globalState?: {
    serialize(): unknown;
    restore(data: unknown): void;
  };
  readonly controlRoutes?: readonly ControlRoute[];
  /**
   * awsQuery actions AWS serves without a SigV4 signature (SNS `ConfirmSubscription` and
   * `Unsubscribe`: the SubscribeURL and UnsubscribeURL an endpoint visits). Every other request
   * without one is refused with MissingAuthenticationToken.
   */
  readonly anonymousOperations?: readonly string[];
  /**
   * The error AWS returns for constraint violations (required, length, range, pattern, enum). The
   * default uses Coral's message format under the service's usual code; see protocol/validation-errors.ts.
   */
  readonly validationError?: (violations: readonly Violation[], context: RequestContext) => AwsServiceError;
  /** Starts timers (alarm evaluation, deliveries); called once the server listens. */
  start?(): void | Promise<void>;
  /** Stops timers and in-flight work; called on emulator stop. */
  stop?(): void | Promise<void>;
  /** Clears non-store state (timers, outboxes) on `POST /_lab/reset`; stores are dropped by the core. */
  onReset?(): void | Promise<void>;
}

export interface EmulatorEnv {
  readonly clock: Clock;
  /** The default region (unsigned requests, `--region`). */
  readonly region: string;
  readonly logger: Logger;
  readonly state: StateRegistry;
}
