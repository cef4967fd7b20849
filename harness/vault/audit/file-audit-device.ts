import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../../errors.ts';
import { waitFor } from '../../util/wait-for.ts';
import type { VaultClient } from '../client/vault-client.ts';
import { VaultAuditError } from '../errors.ts';
import { AuditLogCursor } from './audit-log-cursor.ts';
import { parseAuditLine } from './audit-entry.ts';
import type { AuditEntry } from './audit-entry.ts';

/**
 * Options of the file audit device the lab enables. The defaults are what CloudWatch filter patterns
 * need: JSON, no prefix, HMAC on (tokens, accessors and every string in request/response data).
 */
export interface FileAuditOptions {
  /** Device path (`vault audit enable -path=…`); default `file`. */
  readonly devicePath?: string;
  /** Path of the log as the Vault server sees it; default: `<labDir>/audit/audit.log` (or its container path). */
  readonly filePath?: string;
  /** `false` writes accessors in clear text; default true. */
  readonly hmacAccessor?: boolean;
  /** `true` turns HMAC off entirely (tokens and secrets in clear text!). Never on unless asked. */
  readonly logRaw?: boolean;
  readonly elideListResponses?: boolean;
  /** File mode Vault applies, as an octal string; default Vault's `0600`. */
  readonly mode?: string;
  /** Written before every JSON object; breaks CloudWatch JSON patterns. Default none. */
  readonly prefix?: string;
  /** `json` (default) or `jsonx` (XML; CloudWatch JSON patterns cannot read it). */
  readonly format?: 'json' | 'jsonx';
  readonly description?: string;
  /** How long to wait for the probe line; default 10 s. */
  readonly probeTimeoutMs?: number;
}

export interface EnabledFileAudit {
  readonly devicePath: string;
  /** Where the lab reads the log (a host path, also for container back-ends). */
  readonly hostPath: string;
  /** Where Vault writes it (differs from `hostPath` inside a container). */
  readonly serverPath: string;
  /** The probe entry Vault wrote when the device was enabled (undefined with a prefix or JSONx). */
  readonly probe: AuditEntry | undefined;
}

/** Request path of the test probe Vault writes into a new device (`vault/audit.go`). */
export const AUDIT_PROBE_PATH = 'sys/audit/test';

export function isAuditProbe(entry: AuditEntry): boolean {
  return (
    entry.type === 'request' &&
    entry.request?.path === AUDIT_PROBE_PATH &&
    entry.auth?.client_token === undefined
  );
}

/** The `options` map Vault receives (every value a string, as the API wants). */
export function fileAuditDeviceOptions(
  serverPath: string,
  options: FileAuditOptions = {},
): Record<string, string> {
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'jsonx') {
    throw new ConfigError(`file audit format: expected "json" or "jsonx", got ${JSON.stringify(format)}`);
  }
  if (options.mode !== undefined && !/^0?[0-7]{3,4}$/.test(options.mode)) {
    throw new ConfigError(
      `file audit mode: expected an octal file mode such as "0600", got ${JSON.stringify(options.mode)}`,
    );
  }
  const result: Record<string, string> = { file_path: serverPath, format };
  if (options.hmacAccessor !== undefined) result['hmac_accessor'] = String(options.hmacAccessor);
  if (options.logRaw) result['log_raw'] = 'true';
  if (options.elideListResponses !== undefined)
    result['elide_list_responses'] = String(options.elideListResponses);
  if (options.mode !== undefined) result['mode'] = options.mode;
  if (options.prefix !== undefined && options.prefix !== '') result['prefix'] = options.prefix;
  return result;
}

/**
 * Enables a file audit device through the API and waits until its probe line is in the file, so
 * nothing the caller does next can race the device. `hostPath` is where this process reads the file;
 * `serverPath` where Vault writes it (the same for a local process).
 */
export async function enableFileAudit(
  client: VaultClient,
  paths: { readonly hostPath: string; readonly serverPath?: string },
  options: FileAuditOptions = {},
): Promise<EnabledFileAudit> {
  const devicePath = options.devicePath ?? 'file';
  const serverPath = options.filePath ?? paths.serverPath ?? paths.hostPath;
  await mkdir(dirname(paths.hostPath), { recursive: true, mode: 0o700 });
  // Only lines written from now on count: a reused lab dir may hold an older probe.
  const cursor = await AuditLogCursor.atEnd(paths.hostPath);
  try {
    await client.auditEnable(devicePath, {
      type: 'file',
      description: options.description ?? 'vault-alarm-lab audit log',
      options: fileAuditDeviceOptions(serverPath, options),
    });
  } catch (error) {
    throw new VaultAuditError(
      `could not enable the file audit device "${devicePath}" writing to ${serverPath}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  // With a prefix or JSONx the lines are not plain JSON: recognise the probe by its path and keep the
  // raw line; with the defaults, parse it.
  const plainJson = (options.format ?? 'json') === 'json' && !options.prefix;
  const probeLine = await waitFor(
    async () => {
      for (const line of await cursor.readLines()) {
        if (!line.includes(AUDIT_PROBE_PATH)) continue;
        if (!plainJson) return line;
        const entry = parseAuditLine(line);
        if (isAuditProbe(entry)) return line;
      }
      return undefined;
    },
    {
      description: `the audit probe line (request path "${AUDIT_PROBE_PATH}") in ${paths.hostPath}`,
      timeoutMs: options.probeTimeoutMs ?? 10_000,
      intervalMs: 20,
    },
  ).catch((error: unknown) => {
    throw new VaultAuditError((error as Error).message, { cause: error });
  });
  const probe: AuditEntry | undefined = plainJson ? parseAuditLine(probeLine) : undefined;
  return { devicePath, hostPath: paths.hostPath, serverPath, probe };
}
