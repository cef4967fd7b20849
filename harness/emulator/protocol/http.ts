/**
 * The emulator core's own request/response values: plain data, so the pipeline runs in-process in
 * unit tests and a thin adapter (`../server.ts`) is the only code that touches Node's http module.
 */
export interface LabRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/` or `/000000000000/my-queue`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names lower-cased; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** Already gunzipped when the request carried `Content-Encoding: gzip`. */
  readonly body: Buffer;
  /** `http://host:port` the client used (from `Host`), for queue URLs and SNS certificate URLs. */
  readonly origin: string;
}

export interface LabResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer;
}

export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): LabResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(value),
  };
}
