/**
 * How the lab runs `vault server -dev`: loopback only, no `-dev-root-token-id` (the generated root
 * token must keep `display_name` "root", as after a real `vault operator init`), and nothing written
 * to the user's home (`-dev-no-store-token`, HOME pointed at the lab directory).
 */
export type VaultLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export function devServerArgs(options: { port: number; logLevel?: VaultLogLevel; host?: string }): string[] {
  return [
    'server',
    '-dev',
    `-dev-listen-address=${options.host ?? '127.0.0.1'}:${options.port}`,
    '-dev-no-store-token',
    `-log-level=${options.logLevel ?? 'info'}`,
  ];
}

/**
 * A clean environment: none of the user's VAULT_* variables reach the server (VAULT_DEV_ROOT_TOKEN_ID
 * would change the root token's display_name, VAULT_ADDR/VAULT_TOKEN have no business there).
 */
export function devServerEnv(env: NodeJS.ProcessEnv, labDir: string): Record<string, string> {
  const result: Record<string, string> = {
    PATH: env['PATH'] ?? '/usr/bin:/bin',
    HOME: labDir,
    VAULT_CLI_NO_COLOR: '1',
  };
  for (const key of ['TMPDIR', 'TZ', 'LANG', 'LC_ALL'] as const) {
    const value = env[key];
    if (value !== undefined) result[key] = value;
  }
  return result;
}
