import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Logger } from '../util/logger.ts';
import { createControlApi, isControlPath } from './control/control-api.ts';
import type { FaultInjector } from './control/faults.ts';
import { accountIdForAccessKey } from './protocol/accounts.ts';
import {
  AwsServiceError,
  InternalFailure,
  LabRequestRefusedError,
  MissingAuthenticationTokenError,
  NotImplementedError,
} from './protocol/errors.ts';
import type { LabRequest, LabResponse } from './protocol/http.ts';
import { jsonResponse } from './protocol/http.ts';
import {
  decodeJsonRequest,
  serializeJsonError,
  serializeJsonResponse,
} from './protocol/json/json-protocol.ts';
import { decodeQueryInput } from './protocol/query/form-decoder.ts';
import {
  readFormParams,
  serializeQueryError,
  serializeQueryResponse,
} from './protocol/query/query-protocol.ts';
import type { Route, WireProtocol } from './protocol/router.ts';
import { Router } from './protocol/router.ts';
import { isSigV4Signed } from './protocol/sigv4.ts';
import { validateInput } from './protocol/validate.ts';
import { defaultValidationError } from './protocol/validation-errors.ts';
import type { ServiceModel } from './models/types.ts';
import type { RequestContext, ServiceDefinition } from './service.ts';
import type { StateRegistry } from './state/state-registry.ts';

/** Operations that change no state: no persistence save is scheduled after them. */
const READ_ONLY_OPERATION = /^(Describe|List|Get|Test|Filter)/;

export interface EmulatorCoreOptions {
  readonly clock: Clock;
  readonly region: string;
  readonly services: readonly ServiceDefinition[];
  readonly state: StateRegistry;
  readonly faults: FaultInjector;
  readonly logger: Logger;
  /** Clears every store and service-held state. */
  readonly reset: () => Promise<void>;
  /** Told of every AWS request that succeeded (the lab watches what users create, from outside). */
  readonly onRequest?: (event: EmulatorRequestEvent) => void;
}

/** One successful AWS API call, as the emulator understood it. */
export interface EmulatorRequestEvent {
  readonly service: string;
  readonly operation: string;
  readonly accountId: string;
  readonly region: string;
  readonly input: unknown;
}

export interface EmulatorCore {
  handle(request: LabRequest, signal?: AbortSignal): Promise<LabResponse>;
  /**
   * The answer to a request the HTTP adapter's loopback guard refused (foreign Host, cross-origin):
   * 403 with the reason, as `{"error"}` on `/_lab/` and in the request's own protocol elsewhere.
   */
  refuse(request: LabRequest, reason: string): LabResponse;
}

/**
 * The emulator as a function from request to response; `server.ts` is only a Node adapter around it.
 * The pipeline, in order: control routes (`/_lab/`) → a SigV4 signature must be present (except the
 * few operations AWS serves anonymously) → route (service, protocol, operation) → account and region
 * → injected fault → decode input (model-typed) → validate constraints → handler → serialize in the
 * request's protocol. AwsServiceErrors render per protocol; anything else becomes
 * an `InternalFailure` (500) logged with its stack, never a crash.
 */
export function createEmulatorCore(options: EmulatorCoreOptions): EmulatorCore {
  const byName = new Map(options.services.map((s) => [s.model.name, s]));
  const router = new Router(options.services.map((s) => s.model));
  const control = createControlApi({
    clock: options.clock,
    region: options.region,
    services: options.services.map((s) => s.name),
    faults: options.faults,
    reset: options.reset,
    routes: options.services.flatMap((s) => s.controlRoutes ?? []),
  });
  const log = options.logger;
  const neverAborted = new AbortController().signal;

  function isAnonymousAllowed(request: LabRequest): boolean {
    const { protocol, model } = router.preroute(request);
    if (protocol !== 'query' || model === undefined) return false;
    const anonymous = byName.get(model.name)?.anonymousOperations ?? [];
    return anonymous.includes(readFormParams(request).get('Action') ?? '');
  }

  async function handleAws(request: LabRequest, signal: AbortSignal): Promise<LabResponse> {
    const requestId = randomUUID();
    const started = performance.now();
    let route: Route | undefined;
    let response: LabResponse;
    try {
      if (!isSigV4Signed(request.headers, request.query) && !isAnonymousAllowed(request)) {
        throw new MissingAuthenticationTokenError(
          router.preroute(request).protocol === 'query' ? 'query' : 'json',
        );
      }
      route = router.route(request);
      const service = byName.get(route.model.name)!;
      const context: RequestContext = {
        accountId: accountIdForAccessKey(route.scope?.accessKeyId),
        region: route.scope?.region ?? options.region,
        requestId,
        service: service.name,
        operation: route.operation,
        protocol: route.protocol,
        queryMode: route.queryMode,
        origin: request.origin,
        accessKeyId: route.scope?.accessKeyId,
        receivedAt: options.clock.now(),
        signal,
      };
      const fault = options.faults.take(service.name, route.operation);
      if (fault) throw fault;
      const { model, operationModel } = route;
      const input =
        route.protocol === 'query'
          ? decodeQueryInput(model, operationModel.input, route.params!)
          : decodeJsonRequest(model, operationModel.input, request.body);
      if (operationModel.input !== undefined) {
        const violations = validateInput(model, operationModel.input, input);
        if (violations.length > 0) {
          throw service.validationError
            ? service.validationError(violations, context)
            : defaultValidationError(service.name, violations);
        }
      }
      const handler = service.operations[route.operation];
      if (handler === undefined) {
        throw new NotImplementedError(
          `The vault-alarm-lab emulator does not implement ${model.serviceId} ${route.operation} yet.`,
        );
      }
      const output = await handler(input, context);
      response =
        route.protocol === 'query'
          ? serializeQueryResponse(
              model,
              route.operation,
              operationModel.output,
              operationModel.resultWrapper,
              output,
              requestId,
            )
          : serializeJsonResponse(
              model,
              operationModel.output,
              output,
              jsonVersion(route.protocol),
              requestId,
            );
      if (!READ_ONLY_OPERATION.test(route.operation)) options.state.markDirty();
      options.onRequest?.({
        service: service.name,
        operation: route.operation,
        accountId: context.accountId,
        region: context.region,
        input,
      });
    } catch (thrown) {
      const error = classify(thrown, log, route);
      response = renderError(error, route ?? router.preroute(request), request, requestId);
    }
    if (log.enabled) {
      const name = route ? `${route.model.name}.${route.operation}` : `${request.method} ${request.path}`;
      log(`${name} ${response.status} ${(performance.now() - started).toFixed(1)}ms ${requestId}`);
    }
    return response;
  }

  return {
    async handle(request, signal = neverAborted) {
      if (isControlPath(request.path)) {
        try {
          return await control(request);
        } catch (error) {
          log(`control ${request.method} ${request.path} failed`, error);
          return {
            status: 500,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ error: error instanceof Error ? error.message : String(error) }),
          };
        }
      }
      return handleAws(request, signal);
    },
    refuse(request, reason) {
      log(`refused ${request.method} ${request.path}: ${reason}`);
      if (isControlPath(request.path)) return jsonResponse(403, { error: reason });
      return renderError(new LabRequestRefusedError(reason), router.preroute(request), request, randomUUID());
    },
  };
}

function jsonVersion(protocol: WireProtocol): '1.0' | '1.1' {
  return protocol === 'json1.0' ? '1.0' : '1.1';
}

function classify(thrown: unknown, log: Logger, route: Route | undefined): AwsServiceError {
  if (thrown instanceof AwsServiceError) return thrown;
  const where = route ? `${route.model.name}.${route.operation}` : 'routing';
  log(`InternalFailure in ${where}`, thrown);
  return new InternalFailure();
}

function renderError(
  error: AwsServiceError,
  route: { protocol: WireProtocol; model: ServiceModel | undefined },
  request: LabRequest,
  requestId: string,
): LabResponse {
  if (route.protocol === 'query') return serializeQueryError(error, route.model, requestId);
  const json = route.model?.json;
  return serializeJsonError(error, {
    version: jsonVersion(route.protocol),
    requestId,
    queryCompatible: json?.queryCompatible ?? false,
    queryMode: (request.headers['x-amzn-query-mode'] ?? '').toLowerCase() === 'true',
    ...(json?.errorNamespace !== undefined ? { errorNamespace: json.errorNamespace } : {}),
  });
}
