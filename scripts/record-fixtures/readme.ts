import { VAULT_COMMIT, VAULT_VERSION } from '../../harness/vault/index.ts';

/** One fixture file as `manifest.json` and the README table describe it. */
export interface Recorded {
  readonly file: string;
  readonly operation: string;
  readonly call: string;
  readonly identity: string;
  readonly description: string;
  readonly entries: number;
  readonly types: readonly string[];
}

/** The fixture directory's README.md: how the files were recorded, then one table row per file. */
export function readme(recorded: readonly Recorded[]): string {
  const rows = recorded.map(
    (r) =>
      `| \`${r.file}\` | ${r.entries} (${r.types.join(', ') || 'none'}) | \`${r.call}\` | ${r.identity} | ${r.description} |`,
  );
  return `# Vault ${VAULT_VERSION} audit log fixtures

Recorded from the real Vault ${VAULT_VERSION} binary (commit \`${VAULT_COMMIT}\`), never written by hand.
\`npm run fixtures:record\` (\`scripts/record-fixtures.ts\`) starts a fresh dev server (\`vault server -dev\`,
random root token, so \`display_name\` is "root" as after \`vault operator init\`), enables the file audit
device through the API with the lab's defaults (\`format=json\`, HMAC on, no prefix), then runs each
operation below through the lab's typed client (node-vault) and writes exactly the audit lines that
operation produced to its own file. How it isolates them: after each operation it reads a unique
\`cubbyhole/audit-marker-*\` path; Vault writes entries in order before it answers, so the lines between
the previous mark and the marker belong to the operation (those marker reads are not in any file).

Each \`.log\` holds one JSON entry per line, byte for byte as Vault wrote it (re-serialised by
\`JSON.stringify\`, which keeps Vault's key order). Empty files are meaningful: those operations are
not audited. \`manifest.json\` lists the files with the call and identity behind each, and the HMACs
of known values (root and limited token, the userpass token, the string "userpass", the secret value,
the permission-denied error text) under this recording's device salt, so unit tests can match HMAC'd
fields without a server. The secret value written by \`secret-write\` (\`manifest.secretValueInClear\`)
appears nowhere else in clear text; the script refuses to write fixtures that contain it, the userpass
password or the root token.

Re-record after changing the operations (\`npm run fixtures:record\`); times, ids, ports and HMACs change
on every recording.

| file | entries | call | identity | what it shows |
|---|---|---|---|---|
${rows.join('\n')}
`;
}
