import { DEFAULT_BUSINESS_HOURS, offHoursTimeRegex } from './business-hours.ts';
import type { BusinessHours } from './business-hours.ts';

/**
 * The built-in detection rules for Vault 1.14 file-audit logs. Each rule is plain data in the
 * user-file format (validated by the same code), with one line on why its pattern is written that way.
 * Background: ../shared/reference/vault-audit.md §1-2 (entry format, HMAC, pitfalls).
 */
export interface PackParameters {
  readonly businessHours?: BusinessHours;
}

/** Rule ids in pack order; they are the alarm names (after any run prefix). */
export const BUILTIN_RULE_IDS = [
  'root-auth-list-article',
  'root-auth-list',
  'root-token-used',
  'root-token-created',
  'policy-changed',
  'auth-method-enabled',
  'permission-denied',
  'off-hours-activity',
  'vault-sealed',
  'audit-device-disabled',
] as const;
export type BuiltinRuleId = (typeof BUILTIN_RULE_IDS)[number];

/** The client_id every entity-less root-policy token has in the root namespace (vault-audit.md §1.1). */
export const ROOT_CLIENT_ID = '0DHqvq2D77kL2/JTPSZkTMJbkFVmUu0TzMi0jiXcFy8=';

/** Raw definitions (before validation); `at` is the time whose UTC offset the off-hours window uses. */
export function builtinRuleDefinitions(
  parameters: PackParameters = {},
  at: number,
): Record<string, unknown>[] {
  const hours = parameters.businessHours ?? DEFAULT_BUSINESS_HOURS;
  return [
    {
      id: 'root-auth-list-article',
      severity: 'high',
      techniques: ['T1078', 'T1087'],
      title: 'Root lists auth methods (the article’s RootAuthListFilter, as published)',
      rationale:
        'Kept verbatim as the baseline: display_name "root" only holds for init/generate-root tokens, so a root token minted with token create (or -dev-root-token-id) slips through.',
      filter: {
        pattern: '{$.auth.display_name = "root" && $.request.path = "sys/auth" && $.type = "response"}',
        metricName: 'RootAuthListCount',
        namespace: 'VaultMetricNamespace',
        value: '1',
      },
      alarm: {
        description: 'The root token listed the auth methods (vault auth list), matched on display_name.',
      },
    },
    {
      id: 'root-auth-list',
      severity: 'high',
      techniques: ['T1078', 'T1087'],
      title: 'A root-policy token lists auth methods',
      rationale:
        'Keys on policies[0] = "root" (Vault collapses any list containing root to ["root"]) instead of display_name, and on response entries only so each auth list counts once.',
      filter: {
        pattern:
          '{ $.type = "response" && $.request.path = "sys/auth" && $.request.operation = "read" && $.auth.policies[0] = "root" }',
        metricName: 'RootPolicyAuthListCount',
      },
      alarm: { description: 'A token with the root policy listed the auth methods (GET sys/auth).' },
    },
    {
      id: 'root-token-used',
      severity: 'high',
      techniques: ['T1078'],
      title: 'A root-policy token is used',
      rationale:
        'Counts request entries, because sys/seal writes no response entry and a request entry is written even when execution fails; the audit probe has no policies.',
      filter: {
        pattern: '{ $.type = "request" && $.auth.policies[0] = "root" }',
        metricName: 'RootTokenUseCount',
      },
      alarm: { description: 'A token with the root policy made a request to Vault.' },
    },
    {
      id: 'root-token-created',
      severity: 'critical',
      techniques: ['T1098.001', 'T1078'],
      title: 'A root token is created',
      rationale:
        'The requested policies are HMAC’d in request.data, so it keys on the issued token (response.auth.policies) and on a completed generate-root.',
      filter: {
        pattern:
          '{ $.type = "response" && ($.response.auth.policies[0] = "root" || ($.request.path = "sys/generate-root/update" && $.response.data.complete IS TRUE)) }',
        metricName: 'RootTokenCreatedCount',
      },
      alarm: { description: 'A token with the root policy was issued (token create or generate-root).' },
    },
    {
      id: 'policy-changed',
      severity: 'high',
      techniques: ['T1098'],
      title: 'An ACL policy is created, changed or deleted',
      rationale:
        'Covers both APIs (legacy sys/policy/NAME used by node-vault addPolicy, and sys/policies/acl/NAME), write and delete, successful responses only; the body is HMAC’d so only the path says which policy.',
      filter: {
        pattern:
          '{ $.type = "response" && ($.request.path = "sys/policy/*" || $.request.path = "sys/policies/acl/*") && ($.request.operation = "update" || $.request.operation = "create" || $.request.operation = "delete") && $.error NOT EXISTS }',
        metricName: 'PolicyChangeCount',
      },
      alarm: { description: 'An ACL policy was written or deleted (sys/policy or sys/policies/acl).' },
    },
    {
      id: 'auth-method-enabled',
      severity: 'high',
      techniques: ['T1556'],
      title: 'An auth method is enabled',
      rationale:
        'Enable is an update on sys/auth/PATH that carries a type (HMAC’d but present); tune (sys/auth/PATH/tune) carries none, so a mount path ending in /tune is still caught.',
      filter: {
        pattern:
          '{ $.type = "response" && $.request.path = "sys/auth/*" && $.request.operation = "update" && $.request.data.type = "*" && $.error NOT EXISTS }',
        metricName: 'AuthMethodEnabledCount',
      },
      alarm: { description: 'An auth method was enabled (POST sys/auth/PATH).' },
    },
    {
      id: 'permission-denied',
      severity: 'medium',
      techniques: ['T1110'],
      title: 'Burst of permission-denied requests',
      rationale:
        'Both entries of a denied request carry the error, so only responses count; the regex finds "permission denied" without relying on how * treats the "\\n\\t" inside Vault’s multierror text.',
      filter: {
        pattern: '{ $.type = "response" && $.error = %permission.denied% }',
        metricName: 'PermissionDeniedCount',
      },
      alarm: {
        threshold: 3,
        description: 'Three or more requests were refused with permission denied within a minute.',
      },
    },
    {
      id: 'off-hours-activity',
      severity: 'medium',
      techniques: ['T1078'],
      title: `Authenticated activity outside business hours (${hours.window} ${hours.timeZone})`,
      rationale:
        'Filter patterns know no time zones or weekdays, so the window becomes a regex over the UTC clock time in $.time; the client_token clause skips the audit probe and unauthenticated calls.',
      filter: {
        pattern: `{ $.type = "request" && $.auth.client_token = "hmac-sha256:*" && $.time = %${offHoursTimeRegex(hours, at)}% }`,
        metricName: 'OffHoursRequestCount',
      },
      alarm: {
        description: `An authenticated request was made outside business hours (${hours.window} ${hours.timeZone}).`,
      },
    },
    {
      id: 'vault-sealed',
      severity: 'high',
      techniques: ['T1489'],
      title: 'Vault seal requested',
      rationale:
        'sys/seal writes only a request entry (no response, no policy_results), before the ACL check; unseal is never audited, so only the seal is visible in the log.',
      filter: {
        pattern: '{ $.type = "request" && $.request.path = "sys/seal" }',
        metricName: 'VaultSealCount',
      },
      alarm: { description: 'Someone asked Vault to seal (PUT sys/seal).' },
    },
    {
      id: 'audit-device-disabled',
      severity: 'critical',
      techniques: ['T1562.008'],
      title: 'An audit device is disabled',
      rationale:
        'Uses the request entry: once a device is disabled its own file never receives the response entry, so a response-based rule misses the device being shipped.',
      filter: {
        pattern:
          '{ $.type = "request" && $.request.path = "sys/audit/*" && $.request.operation = "delete" && $.error NOT EXISTS }',
        metricName: 'AuditDeviceDisabledCount',
      },
      alarm: { description: 'An audit device was disabled (DELETE sys/audit/PATH).' },
    },
  ];
}
