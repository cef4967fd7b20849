/**
 * Severity and MITRE ATT&CK (Enterprise) techniques: what a rule detects, in the vocabulary a SOC
 * maps its coverage in. Names and URLs of the techniques the built-in pack cites, from
 * https://attack.mitre.org/techniques/ (ATT&CK v16); a user rule may cite any well-formed id.
 */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** `T1078` or a sub-technique `T1562.008`. */
export const TECHNIQUE_ID_PATTERN = /^T\d{4}(?:\.\d{3})?$/;

/*
 * Why the built-in pack cites what it cites:
 * - T1078 Valid Accounts: the adversary uses an existing credential; root-policy tokens in use and
 *   authenticated activity at unusual hours are the technique's own detection examples.
 * - T1087 Account Discovery: listing auth methods (GET sys/auth) enumerates where identities come from.
 * - T1098.001 Additional Cloud Credentials: minting a root token adds a new, unbounded credential.
 * - T1098 Account Manipulation: writing or deleting an ACL policy changes what tokens may do.
 * - T1556 Modify Authentication Process: enabling an auth method adds a way to log in.
 * - T1110 Brute Force: bursts of permission-denied answers (guessed tokens or paths).
 * - T1489 Service Stop: sealing Vault stops it serving every secret.
 * - T1562.008 Disable or Modify Cloud Logs: disabling an audit device removes the record.
 */
export const ATTACK_TECHNIQUES: Readonly<Record<string, string>> = {
  T1078: 'Valid Accounts',
  T1087: 'Account Discovery',
  'T1098.001': 'Account Manipulation: Additional Cloud Credentials',
  T1098: 'Account Manipulation',
  T1110: 'Brute Force',
  T1489: 'Service Stop',
  T1556: 'Modify Authentication Process',
  'T1562.008': 'Impair Defenses: Disable or Modify Cloud Logs',
};

export function techniqueName(id: string): string | undefined {
  return ATTACK_TECHNIQUES[id];
}

/** https://attack.mitre.org/techniques/T1562/008/ for T1562.008. */
export function techniqueUrl(id: string): string {
  return `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;
}
