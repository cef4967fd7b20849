import type { ServiceModel } from '../../models/types.ts';
import type { AwsServiceError } from '../errors.ts';
import { FrameworkError } from '../errors.ts';
import type { LabRequest, LabResponse } from '../http.ts';
import { escapeXml, serializeXmlMembers } from './xml-serializer.ts';

/**
 * awsQuery (https://smithy.io/2.0/aws/protocols/aws-query-protocol.html), spoken by SNS for every
 * client and by CloudWatch and SQS for the AWS CLI 2.9.19:
 *
 * - requests are form-encoded `Action=<Op>&Version=<apiVersion>&…` in a POST body (either `+` or
 *   `%20` for spaces), or the same parameters in a GET query string;
 * - responses are `text/xml`:
 *   `<OpResponse xmlns=NS><OpResult>…</OpResult><ResponseMetadata><RequestId/></ResponseMetadata></OpResponse>`.
 *   The CLI 2.9.19 parser is strict (§3.2): never an empty body, always `<OpResult>` for operations
 *   with output, even an empty one;
 * - errors are `<ErrorResponse><Error><Type>Sender|Receiver</Type><Code/><Message/></Error><RequestId/></ErrorResponse>`
 *   with the modelled status (never 2xx, or the CLI parses the error as a result).
 */
export const XML_CONTENT_TYPE = 'text/xml';

const MALFORMED_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/** Form parameters of the request: the URL query string, overridden by a form body. */
export function readFormParams(request: LabRequest): URLSearchParams {
  const params = new URLSearchParams(request.query);
  const text = request.body.toString('utf8');
  if (text !== '') {
    if (MALFORMED_ESCAPE.test(text)) {
      throw new FrameworkError(
        'MalformedQueryString',
        'The request body is not a valid form: a % escape is not followed by two hex digits.',
        {
          httpStatus: 400,
        },
      );
    }
    for (const [key, value] of new URLSearchParams(text)) params.set(key, value);
  }
  return params;
}

export function serializeQueryResponse(
  model: ServiceModel,
  operation: string,
  outputShape: string | undefined,
  resultWrapper: string | undefined,
  output: unknown,
  requestId: string,
): LabResponse {
  const namespace = model.query?.xmlNamespace ?? '';
  const result =
    outputShape === undefined
      ? ''
      : `<${resultWrapper ?? `${operation}Result`}>${serializeXmlMembers(model, outputShape, output)}</${resultWrapper ?? `${operation}Result`}>`;
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${operation}Response xmlns="${namespace}">${result}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>\n`;
  return { status: 200, headers: { 'content-type': XML_CONTENT_TYPE, 'x-amzn-requestid': requestId }, body };
}

export function serializeQueryError(
  error: AwsServiceError,
  model: ServiceModel | undefined,
  requestId: string,
): LabResponse {
  const namespace = model?.query?.xmlNamespace ?? '';
  const message = error.queryMessage ?? error.message;
  const detail = model?.name === 'sqs' ? '<Detail/>' : '';
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<ErrorResponse xmlns="${namespace}"><Error><Type>${error.senderFault ? 'Sender' : 'Receiver'}</Type>` +
    `<Code>${escapeXml(error.queryCode)}</Code>` +
    (error.omitMessage ? '' : `<Message>${escapeXml(message)}</Message>`) +
    `${detail}</Error><RequestId>${requestId}</RequestId></ErrorResponse>\n`;
  return {
    status: error.httpStatus < 300 ? 400 : error.httpStatus,
    headers: { 'content-type': XML_CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body,
  };
}
