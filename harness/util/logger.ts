/**
 * Namespaced debug logging (`lab:vault`, `lab:shipper`, `lab:emulator:logs`...), off unless the
 * `DEBUG` environment variable enables the namespace (`DEBUG=lab:*`), written to stderr. Library code
 * logs here, never with console.log, and passes secrets through `redact()` first.
 */
export interface Logger {
  readonly enabled: boolean;
  (message: string, ...details: unknown[]): void;
  extend(suffix: string): Logger;
}

export function createLogger(namespace: string, env: NodeJS.ProcessEnv = process.env): Logger {
  const enabled = namespaceEnabled(namespace, env['DEBUG'] ?? '');
  const log = ((message: string, ...details: unknown[]) => {
    if (!enabled) return;
    const rest = details.length > 0 ? ' ' + details.map(formatDetail).join(' ') : '';
    process.stderr.write(`${new Date().toISOString()} ${namespace} ${message}${rest}\n`);
  }) as Logger;
  Object.defineProperty(log, 'enabled', { value: enabled });
  log.extend = (suffix: string) => createLogger(`${namespace}:${suffix}`, env);
  return log;
}

export function namespaceEnabled(namespace: string, spec: string): boolean {
  let enabled = false;
  for (const raw of spec.split(/[\s,]+/)) {
    if (raw === '') continue;
    const negate = raw.startsWith('-');
    const pattern = negate ? raw.slice(1) : raw;
    const re = new RegExp('^' + pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$');
    if (re.test(namespace)) enabled = !negate;
  }
  return enabled;
}

function formatDetail(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (detail instanceof Error) return detail.stack ?? detail.message;
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}

/**
 * Shortens a secret (Vault token, AWS secret key, unseal key) to something recognisable but
 * useless: its first 4 characters after any `hvs.`-style prefix, then an ellipsis.
 */
export function redact(secret: string | undefined): string {
  if (secret === undefined || secret === '') return '<none>';
  const match = /^([a-z]{1,4}\.)?(.*)$/s.exec(secret);
  const prefix = match?.[1] ?? '';
  const body = match?.[2] ?? secret;
  return `${prefix}${body.slice(0, 4)}…(redacted)`;
}
