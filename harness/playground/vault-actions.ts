import { join } from 'node:path';
import { errorMessage } from '../errors.ts';
import type { Lab } from '../runner/index.ts';
import { VaultApiError } from '../vault/index.ts';
import type { VaultClient } from '../vault/index.ts';

export const IDENTITIES = ['root', 'lab-admin', 'lab-limited'] as const;
export type IdentityName = (typeof IDENTITIES)[number];

interface ActionContext {
  readonly lab: Lab;
  readonly client: VaultClient;
  /** A name unique to this call (policies, mounts, audit devices the action creates). */
  readonly unique: string;
}

interface VaultAction {
  readonly label: string;
  /** What it does, in Vault CLI terms, for the button's tooltip. */
  readonly cli: string;
  run(context: ActionContext): Promise<string>;
}

function tokenCreate(policy: string): VaultAction {
  return {
    label: `token create -policy=${policy}`,
    cli: `vault token create -policy=${policy}`,
    run: async ({ client }) => {
      const token = await client.tokenCreate({ policies: [policy], displayName: 'playground' });
      return `token created with policies ${token.policies.join(', ')} (the token stays on the server)`;
    },
  };
}

/** The actions scenarios use, for the Act on Vault buttons. Each returns what Vault answered, in words. */
export const VAULT_ACTIONS: Readonly<Record<string, VaultAction>> = {
  'auth-list': {
    label: 'auth list',
    cli: 'vault auth list',
    run: async ({ client }) => `auth methods: ${Object.keys(await client.authList()).join(', ')}`,
  },
  'token-create': tokenCreate('lab-limited'),
  'token-create-root': tokenCreate('root'),
  'policy-write': {
    label: 'policy write',
    cli: 'vault policy write playground-<n> (read on secret/data/playground/*)',
    run: async ({ client, unique }) => {
      await client.policyWrite(unique, 'path "secret/data/playground/*" { capabilities = ["read"] }\n');
      return `policy ${unique} written`;
    },
  },
  'policy-delete': {
    label: 'policy delete',
    cli: 'vault policy delete playground-<n> (written first as root)',
    run: async ({ lab, client, unique }) => {
      await lab.identities.root.policyWrite(
        unique,
        'path "secret/data/playground/*" { capabilities = ["read"] }\n',
      );
      await client.policyDelete(unique);
      return `policy ${unique} written as root, then deleted`;
    },
  },
  'auth-enable': {
    label: 'auth enable userpass',
    cli: 'vault auth enable -path=playground-<n> userpass',
    run: async ({ client, unique }) => {
      await client.authEnable(unique, { type: 'userpass' });
      return `userpass enabled at ${unique}/`;
    },
  },
  'denied-read': {
    label: 'read a forbidden secret',
    cli: 'vault kv get secret/forbidden/playground',
    run: async ({ client }) => {
      const response = await client.read('secret/data/forbidden/playground');
      return `read answered ${JSON.stringify(response.data ?? {})}`;
    },
  },
  'seal-unseal': {
    label: 'seal, then unseal',
    cli: 'vault operator seal && vault operator unseal <key>',
    run: async ({ lab, client }) => {
      await client.seal();
      // The unseal key never leaves the server; unseal is not audited.
      const status = await lab.identities.root.anonymous().unseal(lab.vault.unsealKey ?? '');
      return `sealed, then ${status.sealed ? 'still sealed after the unseal key' : 'unsealed'}`;
    },
  },
  'audit-disable': {
    label: 'disable an audit device',
    cli: 'vault audit disable playground-<n> (a second file device, enabled first as root)',
    run: async ({ lab, client, unique }) => {
      await lab.identities.root.auditEnable(unique, {
        type: 'file',
        options: { file_path: join(lab.vault.labDir, `${unique}-audit.log`) },
      });
      await client.auditDisable(unique);
      return `audit device ${unique}/ enabled as root, then disabled (the shipped one keeps logging)`;
    },
  },
};

export interface ActionOutcome {
  readonly ok: boolean;
  readonly action: string;
  readonly as: IdentityName;
  /** What Vault answered, or its error (a 403 is an outcome, not a failure of the playground). */
  readonly message: string;
  readonly status?: number;
}

let counter = 0;

/** Runs an action as one of the lab identities, on the server: no token ever reaches the page. */
export async function runVaultAction(lab: Lab, action: string, as: string): Promise<ActionOutcome> {
  const definition = Object.hasOwn(VAULT_ACTIONS, action) ? VAULT_ACTIONS[action] : undefined;
  if (!definition) {
    throw new RangeError(
      `unknown action '${action}'; expected one of ${Object.keys(VAULT_ACTIONS).join(', ')}`,
    );
  }
  if (!(IDENTITIES as readonly string[]).includes(as)) {
    throw new RangeError(`unknown identity '${as}'; expected one of ${IDENTITIES.join(', ')}`);
  }
  const identity = as as IdentityName;
  const client =
    identity === 'root'
      ? lab.identities.root
      : identity === 'lab-admin'
        ? lab.identities.admin
        : lab.identities.limited;
  try {
    const message = await definition.run({ lab, client, unique: `playground-${++counter}` });
    return { ok: true, action, as: identity, message };
  } catch (error) {
    const status = error instanceof VaultApiError ? error.status : undefined;
    return { ok: false, action, as: identity, message: errorMessage(error), ...(status ? { status } : {}) };
  }
}
