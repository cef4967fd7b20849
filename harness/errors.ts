/**
 * The base of every error the harness raises on purpose. `code` is stable and is what callers and
 * tests branch on; the message is for people.
 */
export class LabError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A command line that cannot be run as given: the CLI prints usage and exits with status 2. */
export class CliUsageError extends LabError {
  constructor(message: string) {
    super('LAB_CLI_USAGE', message);
  }
}

/** Invalid user configuration: refused before anything runs. */
export class ConfigError extends LabError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LAB_CONFIG_INVALID', message, options);
  }
}

/** A condition that was awaited did not hold in time. */
export class WaitTimeoutError extends LabError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LAB_WAIT_TIMEOUT', message, options);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
