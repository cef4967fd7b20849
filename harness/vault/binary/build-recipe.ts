import { VAULT_COMMIT, VAULT_VERSION } from '../constants.ts';

/**
 * How Vault 1.14.0 is built from the official Go module (reference: vault-audit.md §4).
 *
 * `go install github.com/hashicorp/vault@v1.14.0` cannot work: the module's go.mod replaces its
 * api, api/auth/* and sdk modules with sub-directories that the module zip leaves out. So the
 * build copies the module out of the module cache and puts the matching modules into those
 * directories, then runs `go build` with the release's settings (no cgo, no UI, commit stamped).
 *
 * Bump `BUILD_RECIPE_ID` whenever anything here changes: cached binaries built by another recipe
 * are rebuilt.
 */
export const BUILD_RECIPE_ID = 'vault-1.14.0/gomodule/2';

/** The cached binary is the official release zip's, verified against its pinned SHA-256. */
export const RELEASE_RECIPE_ID = 'vault-1.14.0/release-zip/1';

export const VAULT_MODULE = 'github.com/hashicorp/vault';

/** `./api` at the tag is byte-identical to `api/v1.9.2`. */
export const API_MODULE = { path: 'github.com/hashicorp/vault/api', version: 'v1.9.2', dir: 'api' } as const;

/**
 * The api/auth modules replaced by directories. approle and userpass at the tag equal v0.4.1;
 * kubernetes is imported by consul-template (part of the binary), so empty stubs do not build.
 */
export const API_AUTH_MODULES = (['approle', 'kubernetes', 'userpass'] as const).map((name) => ({
  path: `github.com/hashicorp/vault/api/auth/${name}`,
  version: 'v0.4.1',
  dir: `api/auth/${name}`,
}));

export interface SdkCandidate {
  readonly version: string;
  /** True when this is the sdk exactly as it is at the release tag. */
  readonly exact: boolean;
  /** Patches applied to the copied sdk (ids of `SDK_PATCHES`). */
  readonly patches: readonly string[];
  readonly note: string;
}

/**
 * First the sdk at the release commit (its pseudo-version), then `sdk v0.9.2` as the fallback when
 * the module proxy does not serve that pseudo-version. v0.9.2 (tagged on main five weeks later)
 * added a start-up check that panics on paths declaring a CreateOperation without an
 * ExistenceCheck; 1.14.0's own `sys/managed-keys/` path trips it, so a v0.9.2 build panics on the
 * first request of a dev server. The patch removes that check and nothing else.
 */
export const SDK_CANDIDATES: readonly SdkCandidate[] = [
  {
    version: 'v0.9.2-0.20230619154023-13a649f86018',
    exact: true,
    patches: [],
    note: 'the sdk at the v1.14.0 release commit',
  },
  {
    version: 'v0.9.2',
    exact: false,
    patches: ['drop-create-without-existence-check-panic'],
    note: 'sdk v0.9.2 with its CreateOperation/ExistenceCheck start-up panic removed',
  },
];

export const SDK_MODULE_PATH = 'github.com/hashicorp/vault/sdk';

export interface SourcePatch {
  readonly id: string;
  /** File inside the sdk directory. */
  readonly file: string;
  /** Exactly what is removed; the build fails if it is not found (a different sdk needs review). */
  readonly remove: RegExp;
}

export const SDK_PATCHES: readonly SourcePatch[] = [
  {
    id: 'drop-create-without-existence-check-panic',
    file: 'framework/backend.go',
    remove:
      /\n[ \t]*\/\/ Detect the coding error of attempting to define a CreateOperation without defining an ExistenceCheck\n[ \t]*if p\.ExistenceCheck == nil \{\n(?:.*\n){6}[ \t]*\}\n/,
  },
];

/** Stamped like a release build; `-s -w` drop symbols and DWARF (about 25% smaller). */
export function vaultLdflags(options: { checkLinkname: boolean }): string {
  return [
    '-s',
    '-w',
    ...(options.checkLinkname ? [] : ['-checklinkname=0']),
    `-X github.com/hashicorp/vault/version.GitCommit=${VAULT_COMMIT}`,
  ].join(' ');
}

export function vaultModuleQuery(): string {
  return `${VAULT_MODULE}@v${VAULT_VERSION}`;
}
