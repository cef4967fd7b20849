import { ConfigError, LabError } from '../errors.ts';
import { FilterPatternSyntaxError, MetricTransformationError } from '../filter-pattern/errors.ts';
import { RuleFileError, RuleValidationError } from '../rules/errors.ts';
import { VaultUnreachableError } from '../vault/client/vault-api-error.ts';
import {
  VaultBackendUnavailableError,
  VaultBinaryError,
  VaultBuildError,
  VaultStartError,
} from '../vault/errors.ts';

/**
 * The exit statuses of every command, distinct so that CI can tell a detection regression (1) from a
 * broken configuration (3) or a machine that cannot run the lab (4).
 */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  config: 3,
  environment: 4,
  interrupted: 130,
} as const;

export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

/** The table `--help` and README.md show. */
export const EXIT_STATUS_LINES: readonly string[] = [
  `${EXIT.ok}    success: every expectation held, the command did what was asked`,
  `${EXIT.failed}    failure: a scenario failed (an alarm fired or stayed quiet wrongly), or another error`,
  `${EXIT.usage}    usage: unknown command or option, bad option value`,
  `${EXIT.config}    configuration or input: bad rule file (YAML, field, pattern), bad or missing scenario file`,
  `${EXIT.environment}    environment: no Vault binary or build, Vault, Docker, LocalStack or an AWS endpoint unavailable`,
  `${EXIT.interrupted}  interrupted: SIGINT/SIGTERM; whatever had started was stopped`,
];

const CONFIG_ERRORS = [
  ConfigError,
  RuleFileError,
  RuleValidationError,
  FilterPatternSyntaxError,
  MetricTransformationError,
];

const ENVIRONMENT_ERRORS = [
  VaultBinaryError,
  VaultBuildError,
  VaultStartError,
  VaultBackendUnavailableError,
  VaultUnreachableError,
];

/** Codes of plain LabErrors raised for bad input. */
const CONFIG_CODES = new Set(['LAB_PATTERN_EVENTS_FILE']);

/**
 * Codes of plain LabErrors about the machine, and the codes Node and the AWS SDK give when nothing
 * answers at an address.
 */
const ENVIRONMENT_CODES = new Set([
  'LAB_EMULATOR_LISTEN',
  'LAB_VAULT_NO_AUDIT',
  'LAB_SHIPPER_STATE_LOCKED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'LAB_TARGET_UNREACHABLE',
]);

/** The exit status for an error a command threw (usage errors are the caller's, with their help line). */
export function exitStatusOf(error: unknown): ExitStatus {
  if (CONFIG_ERRORS.some((kind) => error instanceof kind)) return EXIT.config;
  if (error instanceof LabError && CONFIG_CODES.has(error.code)) return EXIT.config;
  if (ENVIRONMENT_ERRORS.some((kind) => error instanceof kind)) return EXIT.environment;
  if (isUnavailable(error)) return EXIT.environment;
  return EXIT.failed;
}

function isUnavailable(error: unknown): boolean {
  // The SDK wraps the socket error; the credential chain says it found no credentials.
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && ENVIRONMENT_CODES.has(code)) return true;
    if (e.name === 'CredentialsProviderError') return true;
  }
  return false;
}
