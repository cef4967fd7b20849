/**
 * The one Vault release the lab runs. Everything that depends on the version (the build recipe, the
 * Docker image, the audit entry shapes in the recorded fixtures) hangs off these constants.
 */
export const VAULT_VERSION = '1.14.0';

/** The v1.14.0 release commit: `vault version` prints it, and the build stamps it into the binary. */
export const VAULT_COMMIT = '13a649f860186dffe3f3a4459814d87191efc321';

/** Pinned once, also in `docker/vault/Dockerfile` and `docker-compose.yml` (a unit test keeps them equal). */
export const VAULT_IMAGE = `hashicorp/vault:${VAULT_VERSION}`;

/** Port the dev server listens on inside a container. */
export const VAULT_CONTAINER_PORT = 8200;

/** Directory inside a container where the audit directory of the lab is mounted. */
export const CONTAINER_AUDIT_DIR = '/vault/audit';

/** File name of the audit log inside `<labDir>/audit/`, the same for every back-end. */
export const AUDIT_LOG_FILE_NAME = 'audit.log';
