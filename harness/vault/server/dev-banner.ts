/**
 * Reads what `vault server -dev` prints on stdout: the configuration block, then, once the server is
 * up, `Unseal Key: <base64>` and `Root Token: <token>`. Fed line by line; `result` is set once both
 * secrets have been seen.
 */
export interface DevBanner {
  readonly rootToken: string;
  readonly unsealKey: string;
  readonly apiAddress: string | undefined;
  readonly version: string | undefined;
}

export class DevBannerParser {
  #rootToken: string | undefined;
  #unsealKey: string | undefined;
  #apiAddress: string | undefined;
  #version: string | undefined;

  /** Feeds one stdout line; returns the line with any secret replaced (for the server log file). */
  push(line: string): string {
    const clean = stripAnsi(line);
    const unseal = /^\s*Unseal Key:\s*(\S+)\s*$/.exec(clean);
    if (unseal) {
      this.#unsealKey = unseal[1];
      return 'Unseal Key: <redacted by vault-alarm-lab>';
    }
    const token = /^\s*Root Token:\s*(\S+)\s*$/.exec(clean);
    if (token) {
      this.#rootToken = token[1];
      return 'Root Token: <redacted by vault-alarm-lab>';
    }
    const api = /^\s*Api Address:\s*(\S+)\s*$/.exec(clean);
    if (api) this.#apiAddress = api[1];
    const version = /^\s*Version:\s*Vault v(\S+)\s*$/.exec(clean);
    if (version) this.#version = version[1];
    return line;
  }

  get result(): DevBanner | undefined {
    if (this.#rootToken === undefined || this.#unsealKey === undefined) return undefined;
    return {
      rootToken: this.#rootToken,
      unsealKey: this.#unsealKey,
      apiAddress: this.#apiAddress,
      version: this.#version,
    };
  }
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** Start failures worth naming precisely, recognised in the server's stderr. */
export function classifyStartFailure(log: string): 'port-in-use' | 'panic' | undefined {
  if (/address already in use/.test(log)) return 'port-in-use';
  if (/^panic: /m.test(log)) return 'panic';
  return undefined;
}
