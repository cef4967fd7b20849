/**
 * Reads the SigV4 credential scope (`AKID/date/region/service/aws4_request`) from the
 * `Authorization` header, or from `X-Amz-Credential` of a presigned URL. Signatures are never
 * verified (aws-protocols.md §5): LocalStack does not either, and verifying would force tests to share
 * secrets for no local benefit.
 */
export interface CredentialScope {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

/**
 * Whether the request carries a SigV4 signature at all: an `Authorization: AWS4-…` header (the SDK,
 * the CLI, the CloudWatch agent) or a presigned URL's `X-Amz-Signature`. Presence only: the
 * signature itself is not checked (see above).
 */
export function isSigV4Signed(headers: Readonly<Record<string, string>>, query: URLSearchParams): boolean {
  const authorization = headers['authorization'] ?? '';
  if (/^AWS4-[A-Z0-9-]+ \S/.test(authorization)) return true;
  return (query.get('X-Amz-Signature') ?? '') !== '';
}

export function parseCredentialScope(
  authorization: string | undefined,
  query?: URLSearchParams,
): CredentialScope | undefined {
  if (authorization !== undefined) {
    const space = authorization.indexOf(' ');
    if (space > 0 && authorization.slice(0, space).startsWith('AWS4-')) {
      const match = /Credential=([^,\s]+)/.exec(authorization.slice(space + 1));
      if (match) return splitScope(match[1]!);
    }
    return undefined;
  }
  const presigned = query?.get('X-Amz-Credential');
  return presigned ? splitScope(presigned) : undefined;
}

function splitScope(credential: string): CredentialScope | undefined {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') return undefined;
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  if (accessKeyId === '' || region === '' || service === '') return undefined;
  return { accessKeyId, date, region, service };
}
