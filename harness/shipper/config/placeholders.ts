import type { HostInfo } from './host-info.ts';
import { instanceIdFallback } from './host-info.ts';

/**
 * The agent's `{name}` placeholders in log group and stream names, expanded once at load (the agent
 * also expands `{date}` only once, at start, so it does not roll over at midnight).
 */
export const PLACEHOLDERS = [
  'instance_id',
  'hostname',
  'local_hostname',
  'ip_address',
  'date',
  'aws_region',
  'account_id',
] as const;

export interface PlaceholderContext {
  readonly host: HostInfo;
  /** Epoch ms used for `{date}`. */
  readonly now: number;
}

export type ExpansionResult =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly problem: string };

/**
 * Expands every `{name}`. Unlike the agent, which leaves an unknown `{x}` in place (and then ships
 * to a stream literally called "{x}"), an unknown or unresolvable placeholder is an error.
 */
export function expandPlaceholders(template: string, context: PlaceholderContext): ExpansionResult {
  const problems: string[] = [];
  const value = template.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
    const resolved = resolvePlaceholder(name, context);
    if (resolved === undefined) {
      problems.push(
        (PLACEHOLDERS as readonly string[]).includes(name)
          ? `placeholder ${whole} cannot be resolved on this host`
          : `unknown placeholder ${whole}; known placeholders: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`,
      );
      return whole;
    }
    return resolved;
  });
  return problems.length > 0 ? { ok: false, problem: problems.join('; ') } : { ok: true, value };
}

function resolvePlaceholder(name: string, { host, now }: PlaceholderContext): string | undefined {
  switch (name) {
    case 'instance_id':
      return host.instanceId ?? instanceIdFallback(host);
    case 'hostname':
      return host.hostname;
    case 'local_hostname':
      return host.localHostname;
    case 'ip_address':
      return host.ipAddress;
    case 'date':
      return localDate(now);
    case 'aws_region':
      return host.region;
    case 'account_id':
      return host.accountId;
    default:
      return undefined;
  }
}

/** YYYY-MM-DD in local time, as the agent's Go layout "2006-01-02" renders `time.Now()`. */
function localDate(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
