export {
  AwsServiceError,
  FrameworkError,
  InternalFailure,
  InvalidActionError,
  MissingActionError,
  NotImplementedError,
  SerializationException,
  UnknownOperationException,
  UnsupportedMediaTypeException,
  errorFactory,
} from './errors.ts';
export type { AwsServiceErrorOptions, ServiceErrorFactory } from './errors.ts';
export type { LabRequest, LabResponse } from './http.ts';
export { jsonResponse } from './http.ts';
export { parseCredentialScope } from './sigv4.ts';
export type { CredentialScope } from './sigv4.ts';
export { accountIdForAccessKey, DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from './accounts.ts';
export { Router, detectProtocol } from './router.ts';
export type { Route, WireProtocol } from './router.ts';
export { validateInput, formatValidationMessage, compilePattern } from './validate.ts';
export type { Violation } from './validate.ts';
export { defaultValidationError } from './validation-errors.ts';
export { decodeJsonInput } from './json/json-input.ts';
export { encodeJsonOutput } from './json/json-output.ts';
export { serializeJsonError, serializeJsonResponse, contentTypeFor } from './json/json-protocol.ts';
export { decodeQueryInput } from './query/form-decoder.ts';
export { serializeXmlMembers, escapeXml } from './query/xml-serializer.ts';
export { serializeQueryError, serializeQueryResponse, readFormParams } from './query/query-protocol.ts';
export { toEpochSeconds, toIsoTimestamp, parseTimestamp } from './timestamps.ts';
