/**
 * A parent process for the "no orphan" tests: starts a Vault dev server with the given guard, prints
 * one JSON line ({pid, address}) and then idles until it is killed. The test SIGKILLs this process
 * (no cleanup code can run) and checks that Vault goes away with it.
 *
 * Usage: node bin/run-ts.js test/support/vault-crash-parent.ts <pdeathsig|supervisor> <vault binary>
 */
import { startVault } from '../../harness/vault/index.ts';
import type { ChildGuardKind } from '../../harness/vault/index.ts';

const [guard, binary] = process.argv.slice(2);
if ((guard !== 'pdeathsig' && guard !== 'supervisor') || !binary) {
  process.stderr.write('usage: vault-crash-parent.ts <pdeathsig|supervisor> <vault binary>\n');
  process.exit(2);
}
const vault = await startVault({ vaultBinary: binary, guard: guard as ChildGuardKind, audit: false });
process.stdout.write(JSON.stringify({ pid: vault.pid, address: vault.address, labDir: vault.labDir }) + '\n');
setInterval(() => undefined, 60_000);
