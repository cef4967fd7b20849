/**
 * The field paths of Vault audit entries (`request.path`, `auth.policy_results.allowed`…), arrays
 * looked through, collected from recorded lines. Below an open map (request/response `data`, auth
 * `metadata`) keys depend on the operation, so paths stop there.
 */
export const OPEN_MAPS: readonly string[] = [
  'request.data',
  'response.data',
  'auth.metadata',
  'response.auth.metadata',
];

export function auditFieldPaths(lines: Iterable<string>): string[] {
  const paths = new Set<string>();
  const walk = (value: unknown, path: string): void => {
    if (path !== '') paths.add(path);
    if (OPEN_MAPS.includes(path)) return;
    if (Array.isArray(value)) for (const item of value) walk(item, path);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) walk(child, path === '' ? key : `${path}.${key}`);
    }
  };
  for (const line of lines) if (line.trim() !== '') walk(JSON.parse(line), '');
  return [...paths].sort();
}
