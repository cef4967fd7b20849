import { LabError } from '../errors.ts';

/**
 * Errors of the Vault part of the harness. Each has a stable `code`; the message says what was
 * looked for and what to do about it.
 */

/** No usable Vault 1.14.0 binary, and none could be built. */
export class VaultBinaryError extends LabError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LAB_VAULT_BINARY', message, options);
  }
}

/** Building Vault from the Go module failed (the message names the failing step). */
export class VaultBuildError extends LabError {
  /** The tail of the failing command's output, for the report. */
  readonly outputTail: string;

  constructor(message: string, options?: { cause?: unknown; outputTail?: string }) {
    super('LAB_VAULT_BUILD', message, options);
    this.outputTail = options?.outputTail ?? '';
  }
}

/** A Vault server did not come up (crashed, port taken, banner never printed, not healthy in time). */
export class VaultStartError extends LabError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LAB_VAULT_START', message, options);
  }
}

/** A back-end cannot run here (no Docker engine, no compose plugin); tests skip on this code. */
export class VaultBackendUnavailableError extends LabError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LAB_VAULT_BACKEND_UNAVAILABLE', message, options);
  }
}

/** The audit device could not be enabled, or its probe line never reached the file. */
export class VaultAuditError extends LabError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LAB_VAULT_AUDIT', message, options);
  }
}
