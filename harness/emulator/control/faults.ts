import { AwsServiceError } from '../protocol/errors.ts';

/**
 * Injected failures (`POST /_lab/faults`): the next `count` calls of one operation fail with an AWS
 * error code, an HTTP status, or both. Shipper and runner tests use them to exercise retries.
 */
export interface FaultSpec {
  readonly service: string;
  readonly operation: string;
  /** AWS error code, e.g. `ThrottlingException`, `ServiceUnavailableException`. */
  readonly error?: string;
  /** HTTP status; 5xx → a server fault (`InternalFailure` unless `error` is given). */
  readonly status?: number;
  readonly message?: string;
  readonly count: number;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
}

/** Statuses of well-known error codes when a fault names only the code. */
const KNOWN_STATUS: Readonly<Record<string, number>> = {
  ThrottlingException: 400,
  Throttling: 400,
  ServiceUnavailableException: 500,
  ServiceUnavailable: 503,
  InternalFailure: 500,
  InternalServiceError: 500,
  InternalError: 500,
};

export class FaultInjector {
  #faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    this.#faults.push({ ...spec, remaining: spec.count });
  }

  list(): { service: string; operation: string; error?: string; status?: number; remaining: number }[] {
    return this.#faults.map((f) => ({
      service: f.service,
      operation: f.operation,
      ...(f.error !== undefined ? { error: f.error } : {}),
      ...(f.status !== undefined ? { status: f.status } : {}),
      remaining: f.remaining,
    }));
  }

  clear(): void {
    this.#faults = [];
  }

  /** Consumes one matching fault and returns the error to throw, if any. */
  take(service: string, operation: string): AwsServiceError | undefined {
    const fault = this.#faults.find(
      (f) => f.service === service && f.operation === operation && f.remaining > 0,
    );
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    const nth = fault.count - fault.remaining;
    this.#faults = this.#faults.filter((f) => f.remaining > 0);
    const status = fault.status ?? (fault.error !== undefined ? (KNOWN_STATUS[fault.error] ?? 400) : 500);
    const code = fault.error ?? (status >= 500 ? 'InternalFailure' : 'BadRequest');
    const message =
      fault.message ?? `Injected fault ${nth} of ${fault.count} for ${service} ${operation} (/_lab/faults)`;
    return new AwsServiceError(code, message, { httpStatus: status, senderFault: status < 500 });
  }
}

/** Validates a `POST /_lab/faults` body; returns a problem description or the spec. */
export function parseFaultSpec(body: unknown, knownServices: readonly string[]): FaultSpec | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'expected a JSON object';
  const b = body as Record<string, unknown>;
  if (typeof b['service'] !== 'string' || !knownServices.includes(b['service'])) {
    return `"service" must be one of ${knownServices.join(', ')}`;
  }
  if (typeof b['operation'] !== 'string' || b['operation'] === '')
    return '"operation" must be an operation name';
  if (b['error'] !== undefined && (typeof b['error'] !== 'string' || b['error'] === ''))
    return '"error" must be an AWS error code';
  if (
    b['status'] !== undefined &&
    (!Number.isInteger(b['status']) || (b['status'] as number) < 400 || (b['status'] as number) > 599)
  ) {
    return '"status" must be an HTTP status from 400 to 599';
  }
  if (b['error'] === undefined && b['status'] === undefined)
    return 'give "error" (an AWS error code) or "status" (an HTTP status)';
  const count = b['count'] ?? 1;
  if (!Number.isInteger(count) || (count as number) < 1) return '"count" must be an integer >= 1';
  if (b['message'] !== undefined && typeof b['message'] !== 'string') return '"message" must be a string';
  return {
    service: b['service'],
    operation: b['operation'],
    ...(b['error'] !== undefined ? { error: b['error'] as string } : {}),
    ...(b['status'] !== undefined ? { status: b['status'] as number } : {}),
    ...(b['message'] !== undefined ? { message: b['message'] as string } : {}),
    count: count as number,
  };
}
