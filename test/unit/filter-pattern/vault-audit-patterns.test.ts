import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  compileFilterPattern,
  compileMetricFilter,
  prepareEvent,
} from '../../../harness/filter-pattern/index.ts';

/**
 * The patterns of vault-audit.md §2 against the audit lines recorded from the real Vault 1.14.0
 * binary (`npm run fixtures:record`). Each pattern is run over every recorded line, and the set of
 * lines it matches must be exactly the expected one: what §2 says should match, and nothing else.
 */
const FIXTURES = fileURLToPath(new URL('../../fixtures/vault-1.14.0/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${FIXTURES}manifest.json`, 'utf8')) as {
  hmac: Record<string, string>;
};

interface Line {
  readonly id: string; // "auth-list.log:2"
  readonly message: string;
}

const LINES: readonly Line[] = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.log'))
  .sort()
  .flatMap((file) =>
    readFileSync(`${FIXTURES}${file}`, 'utf8')
      .split('\n')
      .map((message, index) => ({ id: `${file}:${index + 1}`, message }))
      .filter((line) => line.message !== ''),
  );

function matching(pattern: string, lines: readonly Line[] = LINES): string[] {
  const compiled = compileFilterPattern(pattern);
  return lines.filter((line) => compiled.matches(prepareEvent(line.message))).map((line) => line.id);
}

/** Every request entry made with the dev root token (the recording's display_name is "root"). */
const ROOT_REQUESTS = [
  'audit-disable-second-device.log:1',
  'audit-enable-second-device.log:1',
  'audit-enable-second-device.new-file.log:3',
  'audit-hash.log:1',
  'audit-list.log:1',
  'auth-disable-userpass.log:1',
  'auth-enable-userpass.log:1',
  'auth-list.log:1',
  'auth-tune-userpass.log:1',
  'policy-delete-acl.log:1',
  'policy-delete-legacy.log:1',
  'policy-list-acl.log:1',
  'policy-read-acl.log:1',
  'policy-write-acl.log:1',
  'policy-write-legacy.log:1',
  'seal.log:1',
  'secret-list.log:1',
  'secret-read.log:1',
  'secret-update.log:1',
  'secret-write.log:1',
  'token-create-limited.log:1',
  'token-create-num-uses.log:1',
  'token-create-orphan.log:1',
  'token-create-root.log:1',
  'userpass-user-write.log:1',
];

describe('vault-audit.md §2 patterns on recorded Vault 1.14.0 audit lines', () => {
  it('has the recorded fixture lines', () => {
    expect(LINES.length).toBeGreaterThan(50);
    expect(LINES.every((line) => prepareEvent(line.message).json() !== undefined)).toBe(true);
  });

  it('§2.1 the article pattern matches the auth list response (random dev root token: display_name "root")', () => {
    expect(
      matching('{$.auth.display_name = "root" && $.request.path = "sys/auth" && $.type = "response"}'),
    ).toEqual(['auth-list.log:2']);
  });

  it('§2.1 the article pattern misses a root token minted by auth/token/create (display_name "token"); the corrected one does not', () => {
    const [response] = LINES.filter((line) => line.id === 'auth-list.log:2');
    const minted = {
      id: 'minted',
      message: response!.message.replace('"display_name":"root"', '"display_name":"token"'),
    };
    expect(minted.message).not.toBe(response!.message);
    expect(
      matching('{$.auth.display_name = "root" && $.request.path = "sys/auth" && $.type = "response"}', [
        minted,
      ]),
    ).toEqual([]);
    expect(
      matching(
        '{ $.type = "response" && $.request.path = "sys/auth" && $.request.operation = "read" && $.auth.policies[0] = "root" }',
        [minted],
      ),
    ).toEqual(['minted']);
  });

  it('§2.1 the corrected RootAuthList pattern matches only the auth list response', () => {
    expect(
      matching(
        '{ $.type = "response" && $.request.path = "sys/auth" && $.request.operation = "read" && $.auth.policies[0] = "root" }',
      ),
    ).toEqual(['auth-list.log:2']);
  });

  it('root token use: every root request entry, not the test probe, the enable response or other identities', () => {
    expect(matching('{ $.type = "request" && $.auth.policies[0] = "root" }')).toEqual(ROOT_REQUESTS);
  });

  it('root token use by client_id: the same entries except sys/seal, which has no client_id', () => {
    expect(
      matching(
        '{ $.type = "request" && $.request.client_id = "0DHqvq2D77kL2/JTPSZkTMJbkFVmUu0TzMi0jiXcFy8=" }',
      ),
    ).toEqual(ROOT_REQUESTS.filter((id) => id !== 'seal.log:1'));
  });

  it('root token creation: only the response that issued a root token', () => {
    expect(
      matching(
        '{ $.type = "response" && ($.response.auth.policies[0] = "root" || ($.request.path = "sys/generate-root/update" && $.response.data.complete IS TRUE)) }',
      ),
    ).toEqual(['token-create-root.log:2']);
  });

  it('policy modification: writes and deletes on both endpoints, not reads or lists', () => {
    expect(
      matching(
        '{ $.type = "response" && ($.request.path = "sys/policy/*" || $.request.path = "sys/policies/acl/*") && ($.request.operation = "update" || $.request.operation = "create" || $.request.operation = "delete") && $.error NOT EXISTS }',
      ),
    ).toEqual([
      'policy-delete-acl.log:2',
      'policy-delete-legacy.log:2',
      'policy-write-acl.log:2',
      'policy-write-legacy.log:2',
    ]);
  });

  it('new auth method: the enable response, not tune, disable or list', () => {
    expect(
      matching(
        '{ $.type = "response" && $.request.path = "sys/auth/*" && $.request.path != "*/tune" && $.request.operation = "update" && $.error NOT EXISTS }',
      ),
    ).toEqual(['auth-enable-userpass.log:2']);
  });

  it('new auth method of one type, through the HMAC of "userpass" under the device salt', () => {
    expect(
      matching(
        `{ $.type = "response" && $.request.path = "sys/auth/*" && $.request.data.type = "${manifest.hmac['userpassType']}" }`,
      ),
    ).toEqual(['auth-enable-userpass.log:2']);
  });

  it('permission denied: ACL denials and invalid tokens, once each (response entries), across the \\n\\t in the error', () => {
    expect(matching('{ $.type = "response" && $.error = "*permission denied*" }')).toEqual([
      'invalid-token-read.log:2',
      'permission-denied-read.log:2',
    ]);
    expect(matching('{ $.type = "response" && $.auth.policy_results.allowed IS FALSE }')).toEqual([
      'permission-denied-read.log:2',
    ]);
    // Pitfall (1): without the type both entries of each denial match.
    expect(matching('{ $.error = "*permission denied*" }')).toEqual([
      'invalid-token-read.log:1',
      'invalid-token-read.log:2',
      'permission-denied-read.log:1',
      'permission-denied-read.log:2',
    ]);
  });

  it('activity outside business hours: authenticated request entries whose UTC hour is 00-07 or 18-23', () => {
    const pattern =
      '{ $.type = "request" && $.auth.client_token = "hmac-sha256:*" && $.time = %T0[0-7]|T1[89]|T2[0-3]% }';
    const at = (hour: number) =>
      LINES.map((line) => ({
        id: line.id,
        message: line.message.replace(
          /"time":"(\d{4}-\d\d-\d\d)T\d\d/,
          `"time":"$1T${String(hour).padStart(2, '0')}`,
        ),
      }));
    const authenticated = [
      ...ROOT_REQUESTS,
      'permission-denied-read.log:1',
      'token-lookup-self-limited.log:1',
    ].sort();
    for (let hour = 0; hour < 24; hour += 1) {
      const outside = hour < 8 || hour >= 18;
      expect(matching(pattern, at(hour)), `hour ${hour}`).toEqual(outside ? authenticated : []);
    }
  });

  it('seal: the single request entry of sys/seal', () => {
    expect(matching('{ $.type = "request" && $.request.path = "sys/seal" }')).toEqual(['seal.log:1']);
  });

  it('audit device disabled: the delete response only', () => {
    expect(
      matching('{ $.type = "response" && $.request.path = "sys/audit/*" && $.request.operation = "delete" }'),
    ).toEqual(['audit-disable-second-device.log:2']);
  });

  it('publishes one datapoint per root request, with the request path as a dimension', () => {
    const filter = compileMetricFilter('{ $.type = "request" && $.auth.policies[0] = "root" }', [
      {
        metricName: 'RootTokenUse',
        metricNamespace: 'Vault',
        metricValue: '1',
        dimensions: { Path: '$.request.path' },
      },
    ]);
    const emissions = LINES.flatMap((line) => filter.apply(line.message) ?? []);
    expect(emissions).toHaveLength(ROOT_REQUESTS.length);
    expect(emissions.find((e) => e.dimensions['Path'] === 'sys/seal')).toMatchObject({
      value: 1,
      metricName: 'RootTokenUse',
    });
  });
});
