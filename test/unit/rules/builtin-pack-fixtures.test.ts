import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFilterPattern } from '../../../harness/filter-pattern/index.ts';
import { buildRuleSet } from '../../../harness/rules/rule-set.ts';
import { checkFilterPattern } from '../../../harness/rules/pattern-check.ts';

/**
 * Every built-in pattern against the audit lines recorded from real Vault 1.14.0
 * (test/fixtures/vault-1.14.0, `npm run fixtures:record`), through the lab's filter-pattern engine.
 * Off-hours is left out here (it depends on the clock time in `$.time`) and tested below.
 */
const FIXTURES = join(import.meta.dirname, '../../fixtures/vault-1.14.0');
const set = buildRuleSet({ at: Date.UTC(2024, 0, 15, 12), checkPattern: checkFilterPattern });
const patterns = new Map(set.rules.map((r) => [r.id, compileFilterPattern(r.filter.pattern)]));

function lines(file: string): string[] {
  return readFileSync(join(FIXTURES, file), 'utf8').split('\n').filter(Boolean);
}

/** Rule id → number of matching lines in the file (off-hours excluded). */
function matches(file: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of lines(file)) {
    for (const [id, p] of patterns) {
      if (id !== 'off-hours-activity' && p.matches(line)) counts[id] = (counts[id] ?? 0) + 1;
    }
  }
  return counts;
}

const ROOT_USE = { 'root-token-used': 1 };

describe('built-in patterns on recorded Vault 1.14.0 audit lines', () => {
  it.each<[string, Record<string, number>]>([
    ['auth-list.log', { 'root-auth-list-article': 1, 'root-auth-list': 1, ...ROOT_USE }],
    ['token-create-root.log', { 'root-token-created': 1, ...ROOT_USE }],
    ['token-create-limited.log', ROOT_USE],
    ['token-create-orphan.log', ROOT_USE],
    ['token-create-num-uses.log', ROOT_USE],
    ['policy-write-acl.log', { 'policy-changed': 1, ...ROOT_USE }],
    ['policy-write-legacy.log', { 'policy-changed': 1, ...ROOT_USE }],
    ['policy-delete-acl.log', { 'policy-changed': 1, ...ROOT_USE }],
    ['policy-delete-legacy.log', { 'policy-changed': 1, ...ROOT_USE }],
    ['policy-read-acl.log', ROOT_USE],
    ['policy-list-acl.log', ROOT_USE],
    ['auth-enable-userpass.log', { 'auth-method-enabled': 1, ...ROOT_USE }],
    ['auth-tune-userpass.log', ROOT_USE],
    ['auth-disable-userpass.log', ROOT_USE],
    ['permission-denied-read.log', { 'permission-denied': 1 }],
    ['invalid-token-read.log', { 'permission-denied': 1 }],
    ['invalid-hvs-token-read.log', {}],
    ['token-lookup-self-limited.log', {}],
    ['seal.log', { 'vault-sealed': 1, ...ROOT_USE }],
    ['unseal.log', {}],
    ['health-and-seal-status.log', {}],
    ['audit-disable-second-device.log', { 'audit-device-disabled': 1, ...ROOT_USE }],
    ['audit-enable-second-device.log', ROOT_USE],
    // The new device's file: probe, enable response (no request entry), then the recorder's marker read.
    ['audit-enable-second-device.new-file.log', ROOT_USE],
    ['audit-enable.log', {}],
    ['audit-list.log', ROOT_USE],
    ['audit-hash.log', ROOT_USE],
    ['secret-write.log', ROOT_USE],
    ['secret-read.log', ROOT_USE],
    ['userpass-login.log', {}],
    ['userpass-user-write.log', ROOT_USE],
  ])('%s', (file, expected) => {
    expect(matches(file)).toEqual(expected);
  });

  it('off-hours matches authenticated requests only, by the UTC hour in $.time', () => {
    const offHours = compileFilterPattern(
      buildRuleSet({
        at: 0,
        parameters: { businessHours: { window: '08:00-18:00', timeZone: 'UTC' } },
      }).rules.find((r) => r.id === 'off-hours-activity')!.filter.pattern,
    );
    const at = (line: string, hhmm: string): string =>
      line.replace(/"time":"(\d{4}-\d\d-\d\d)T\d\d:\d\d/, `"time":"$1T${hhmm}`);
    const [request, response] = lines('token-lookup-self-limited.log');
    expect(offHours.matches(at(request!, '07:59'))).toBe(true);
    expect(offHours.matches(at(request!, '08:00'))).toBe(false);
    expect(offHours.matches(at(request!, '17:59'))).toBe(false);
    expect(offHours.matches(at(request!, '18:00'))).toBe(true);
    expect(offHours.matches(at(response!, '03:00'))).toBe(false);
    // The audit probe has no client token.
    expect(offHours.matches(at(lines('audit-enable.log')[0]!, '03:00'))).toBe(false);
  });
});
