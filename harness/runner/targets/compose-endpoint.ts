import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { ConfigError } from '../../errors.ts';

/** LocalStack's edge port (LocalStack docs, "Configuration": GATEWAY_LISTEN default 4566). */
export const LOCALSTACK_EDGE_PORT = 4566;

/**
 * The LocalStack endpoint published by the compose file: the host side of the port mapping of the
 * service whose image is `localstack/localstack*`, on 127.0.0.1.
 */
export async function localstackEndpointFromCompose(
  composeFile: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  let doc: unknown;
  try {
    doc = parse(await readFile(composeFile, 'utf8'));
  } catch (error) {
    throw new ConfigError(`compose file ${composeFile}: cannot read it (${(error as Error).message})`, {
      cause: error,
    });
  }
  const services =
    (doc as { services?: Record<string, { image?: string; ports?: unknown[] }> })?.services ?? {};
  const entry = Object.entries(services).find(
    ([name, s]) => /localstack/.test(s.image ?? '') || name === 'localstack',
  );
  if (!entry)
    throw new ConfigError(`compose file ${composeFile}: no LocalStack service (image localstack/localstack)`);
  for (const port of entry[1].ports ?? []) {
    const hostPort = hostPortFor(
      typeof port === 'string' ? interpolate(port, env) : port,
      LOCALSTACK_EDGE_PORT,
    );
    if (hostPort !== undefined) return `http://127.0.0.1:${hostPort}`;
  }
  throw new ConfigError(
    `compose file ${composeFile}: service '${entry[0]}' publishes no port for ${LOCALSTACK_EDGE_PORT}`,
  );
}

/** Host port of a compose `ports` entry mapping to `containerPort` (short or long syntax). */
export function hostPortFor(port: unknown, containerPort: number): number | undefined {
  if (typeof port === 'object' && port !== null) {
    const p = port as { target?: number; published?: number | string };
    return Number(p.target) === containerPort && p.published !== undefined ? Number(p.published) : undefined;
  }
  const text = String(port).replace(/\/tcp$/, '');
  const parts = text.split(':');
  const container = Number(parts.at(-1));
  if (container !== containerPort) return undefined;
  return parts.length >= 2 ? Number(parts.at(-2)) : containerPort;
}

/** Compose variable interpolation: `${VAR}`, `${VAR:-default}` (unset or empty), `${VAR-default}` (unset). */
export function interpolate(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}/g,
    (_m, name: string, op?: string, fallback?: string) => {
      const value = env[name];
      if (op === ':-') return value === undefined || value === '' ? (fallback ?? '') : value;
      if (op === '-') return value === undefined ? (fallback ?? '') : value;
      return value ?? '';
    },
  );
}
