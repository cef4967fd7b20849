import type { OperationModel, ServiceModel } from '../models/types.ts';
import {
  InvalidActionError,
  MissingActionError,
  NotImplementedError,
  UnknownOperationException,
  UnsupportedMediaTypeException,
} from './errors.ts';
import type { LabRequest } from './http.ts';
import { readFormParams } from './query/query-protocol.ts';
import type { CredentialScope } from './sigv4.ts';
import { parseCredentialScope } from './sigv4.ts';

/**
 * Which service, wire protocol and operation a request is for, on one port for every service
 * (aws-protocols.md §2.2; LocalStack `service_router.py`):
 *
 * 1. protocol from the request: `Smithy-Protocol: rpc-v2-cbor` is refused; `application/x-amz-json-1.x`
 *    is awsJson; a form body or an `Action` query parameter is awsQuery;
 * 2. service from the SigV4 credential scope (`…/us-east-1/logs/aws4_request`), else the
 *    `X-Amz-Target` prefix, else the form's `Version`, else an SQS queue-URL path `/<12 digits>/<name>`;
 * 3. operation from `X-Amz-Target` (`Prefix.Op`) or `Action`.
 */
export type WireProtocol = 'json1.0' | 'json1.1' | 'query';

export interface Route {
  readonly model: ServiceModel;
  readonly protocol: WireProtocol;
  readonly operation: string;
  readonly operationModel: OperationModel;
  readonly scope: CredentialScope | undefined;
  /** awsQuery parameters (body + query string). */
  readonly params: URLSearchParams | undefined;
  readonly queryMode: boolean;
}

/** What is known before the service is resolved, so early errors render in the client's protocol. */
export interface Preroute {
  readonly protocol: WireProtocol;
  readonly model: ServiceModel | undefined;
}

const QUEUE_URL_PATH = /^\/\d{12}\/[^/]+\/?$/;

export class Router {
  readonly #bySigningName = new Map<string, ServiceModel>();
  readonly #byTargetPrefix = new Map<string, ServiceModel>();
  readonly #byQueryVersion = new Map<string, ServiceModel>();

  constructor(models: readonly ServiceModel[]) {
    for (const model of models) {
      this.#bySigningName.set(model.signingName, model);
      if (model.json) this.#byTargetPrefix.set(model.json.targetPrefix, model);
      if (model.query) this.#byQueryVersion.set(model.query.version, model);
    }
  }

  /** Best guess of protocol and service; never throws (used to render routing errors). */
  preroute(request: LabRequest): Preroute {
    const protocol = detectProtocol(request);
    let model: ServiceModel | undefined;
    try {
      const scope = parseCredentialScope(request.headers['authorization'], request.query);
      model = this.#resolveService(request, protocol, undefined, scope);
    } catch {
      model = undefined;
    }
    return { protocol, model };
  }

  route(request: LabRequest): Route {
    if ((request.headers['smithy-protocol'] ?? '').toLowerCase() === 'rpc-v2-cbor') {
      throw new UnsupportedMediaTypeException(
        'The emulator does not speak smithy-rpc-v2-cbor; use awsJson or awsQuery.',
      );
    }
    const protocol = detectProtocol(request);
    const contentType = request.headers['content-type'] ?? '';
    if (
      protocol !== 'query' &&
      contentType !== '' &&
      !contentType.toLowerCase().startsWith('application/x-amz-json-1.')
    ) {
      throw new UnsupportedMediaTypeException(
        `Content-Type '${contentType}' is not supported with X-Amz-Target; use application/x-amz-json-1.0 or 1.1.`,
      );
    }
    const params = protocol === 'query' ? readFormParams(request) : undefined;
    const scope = parseCredentialScope(request.headers['authorization'], request.query);
    const model = this.#resolveService(request, protocol, params, scope);
    const queryMode = (request.headers['x-amzn-query-mode'] ?? '').toLowerCase() === 'true';
    if (protocol === 'query') {
      if (model.query === undefined) {
        throw new UnsupportedMediaTypeException(
          `${model.serviceId} does not speak awsQuery; send Content-Type: application/x-amz-json-${model.json?.version ?? '1.1'} with X-Amz-Target.`,
        );
      }
      const action = params!.get('Action');
      if (action === null || action === '') throw new MissingActionError();
      // Other SQS clients send query requests to the queue URL itself (`POST /<account>/<queue>`)
      // without a QueueUrl parameter: the path is the queue (LocalStack does the same).
      if (model.name === 'sqs' && QUEUE_URL_PATH.test(request.path) && !params!.has('QueueUrl')) {
        params!.set('QueueUrl', `${request.origin}${request.path.replace(/\/$/, '')}`);
      }
      return { model, protocol, ...this.#operation(model, action, protocol), scope, params, queryMode };
    }
    if (model.json === undefined) {
      throw new UnsupportedMediaTypeException(
        `${model.serviceId} does not speak awsJson; send a form-encoded body (Action=…&Version=${model.query?.version ?? ''}).`,
      );
    }
    const target = request.headers['x-amz-target'];
    if (target === undefined || target === '') {
      throw new UnknownOperationException(
        'Missing X-Amz-Target header: awsJson requests name their operation there.',
      );
    }
    const dot = target.indexOf('.');
    const prefix = dot === -1 ? '' : target.slice(0, dot);
    if (prefix !== model.json.targetPrefix) {
      throw new UnknownOperationException(`Unknown operation ${target} for ${model.serviceId}`);
    }
    return {
      model,
      protocol,
      ...this.#operation(model, target.slice(dot + 1), protocol),
      scope,
      params,
      queryMode,
    };
  }

  #operation(
    model: ServiceModel,
    name: string,
    protocol: WireProtocol,
  ): { operation: string; operationModel: OperationModel } {
    const operationModel = Object.hasOwn(model.operations, name) ? model.operations[name] : undefined;
    if (operationModel !== undefined) return { operation: name, operationModel };
    if (model.otherOperations.includes(name)) {
      throw new NotImplementedError(
        `The vault-alarm-lab emulator does not implement ${model.serviceId} ${name}. Implemented: ${Object.keys(model.operations).join(', ')}.`,
      );
    }
    if (protocol !== 'query')
      throw new UnknownOperationException(`Unknown operation ${name} for ${model.serviceId}`);
    throw new InvalidActionError(
      model.name === 'sqs'
        ? `The action ${name} is not valid for this web service.`
        : `Could not find operation ${name} for version ${model.query?.version ?? model.apiVersion}`,
    );
  }

  #resolveService(
    request: LabRequest,
    protocol: WireProtocol,
    params: URLSearchParams | undefined,
    scope: CredentialScope | undefined,
  ): ServiceModel {
    const bySigning = scope ? this.#bySigningName.get(scope.service) : undefined;
    if (bySigning) return bySigning;
    const target = request.headers['x-amz-target'];
    if (target) {
      const byTarget = this.#byTargetPrefix.get(target.slice(0, Math.max(0, target.indexOf('.'))));
      if (byTarget) return byTarget;
    }
    if (protocol === 'query') {
      const version = (params ?? readFormParams(request)).get('Version');
      const byVersion = version ? this.#byQueryVersion.get(version) : undefined;
      if (byVersion) return byVersion;
    }
    if (QUEUE_URL_PATH.test(request.path)) {
      const sqs = this.#bySigningName.get('sqs');
      if (sqs) return sqs;
    }
    const known = [...this.#bySigningName.keys()].join(', ');
    if (scope) {
      throw new UnknownOperationException(
        `The emulator serves no service signed as '${scope.service}' (credential scope); it serves: ${known}.`,
      );
    }
    throw new UnknownOperationException(
      `Cannot tell which AWS service this request is for: sign it with SigV4 (credential scope service ${known}), or send X-Amz-Target, or a form Version.`,
    );
  }
}

export function detectProtocol(request: LabRequest): WireProtocol {
  const contentType = (request.headers['content-type'] ?? '').toLowerCase();
  if (contentType.startsWith('application/x-amz-json-1.0')) return 'json1.0';
  if (contentType.startsWith('application/x-amz-json-1.1')) return 'json1.1';
  if (contentType.startsWith('application/x-www-form-urlencoded')) return 'query';
  if (request.query.has('Action')) return 'query';
  if (request.headers['x-amz-target'] !== undefined) return 'json1.1';
  return 'query';
}
