/**
 * One line of the Vault 1.14 file audit device (`format=json`): a request or a response entry.
 * Field names and nesting as Vault writes them (`audit/format.go` at v1.14.0); every field can be
 * absent because Vault omits empty values. HMAC'd strings look like `hmac-sha256:<64 hex>`.
 */
export interface AuditAuth {
  readonly client_token?: string;
  readonly accessor?: string;
  readonly display_name?: string;
  readonly policies?: readonly string[];
  readonly token_policies?: readonly string[];
  readonly identity_policies?: readonly string[];
  readonly no_default_policy?: boolean;
  readonly policy_results?: {
    readonly allowed: boolean;
    readonly granting_policies?: readonly { name?: string; namespace_id?: string; type: string }[];
  };
  readonly metadata?: Readonly<Record<string, string>>;
  readonly num_uses?: number;
  readonly remaining_uses?: number;
  readonly entity_id?: string;
  readonly token_type?: string;
  readonly token_ttl?: number;
  readonly token_issue_time?: string;
}

export interface AuditRequest {
  readonly id?: string;
  readonly client_id?: string;
  readonly operation?: string;
  readonly mount_point?: string;
  readonly mount_type?: string;
  readonly mount_accessor?: string;
  readonly mount_running_version?: string;
  readonly mount_class?: string;
  readonly client_token?: string;
  readonly client_token_accessor?: string;
  readonly namespace?: { readonly id?: string; readonly path?: string };
  readonly path?: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly remote_address?: string;
  readonly remote_port?: number;
  readonly headers?: Readonly<Record<string, readonly string[]>>;
}

export interface AuditResponse {
  readonly auth?: AuditAuth;
  readonly mount_point?: string;
  readonly mount_type?: string;
  readonly mount_accessor?: string;
  readonly mount_running_plugin_version?: string;
  readonly mount_class?: string;
  readonly secret?: { readonly lease_id?: string };
  readonly data?: Readonly<Record<string, unknown>>;
  readonly warnings?: readonly string[];
  readonly redirect?: string;
  readonly wrap_info?: Readonly<Record<string, unknown>>;
}

export interface AuditEntry {
  readonly time: string;
  readonly type: 'request' | 'response';
  readonly auth?: AuditAuth;
  readonly request?: AuditRequest;
  readonly response?: AuditResponse;
  readonly error?: string;
}

/** `hmac-sha256:` + 64 hex digits: how the device writes every HMAC'd value. */
export const AUDIT_HMAC_PATTERN = /^hmac-sha256:[0-9a-f]{64}$/;

export function isHmac(value: unknown): value is string {
  return typeof value === 'string' && AUDIT_HMAC_PATTERN.test(value);
}

/** Parses one audit line; throws a SyntaxError naming the line when it is not an entry. */
export function parseAuditLine(line: string, lineNumber?: number): AuditEntry {
  const where = lineNumber === undefined ? 'audit line' : `audit line ${lineNumber}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new SyntaxError(`${where} is not JSON: ${(error as Error).message}`);
  }
  const entry = value as Partial<AuditEntry> | null;
  if (!entry || typeof entry !== 'object' || (entry.type !== 'request' && entry.type !== 'response')) {
    throw new SyntaxError(`${where}: expected an object with "type" "request" or "response"`);
  }
  return entry as AuditEntry;
}

/** Parses a whole file's text (one entry a line, empty lines ignored). */
export function parseAuditLog(text: string): AuditEntry[] {
  const entries: AuditEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    entries.push(parseAuditLine(line, i + 1));
  }
  return entries;
}
