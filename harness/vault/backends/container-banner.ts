import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { waitFor } from '../../util/wait-for.ts';
import { DevBannerParser } from '../server/dev-banner.ts';
import type { DevBanner } from '../server/dev-banner.ts';

/**
 * Reads a container's log stream: copies it (secrets redacted) to the host's server log and picks the
 * root token and unseal key out of the dev banner, as for a local process.
 */
export class ContainerBanner {
  readonly #parser = new DevBannerParser();
  readonly serverLogPath: string;

  constructor(serverLogPath: string) {
    this.serverLogPath = serverLogPath;
  }

  consume = (stream: Readable): void => {
    const file = createWriteStream(this.serverLogPath, { flags: 'a', mode: 0o600 });
    createInterface({ input: stream })
      .on('line', (line) => file.write(this.#parser.push(line) + '\n'))
      .on('close', () => file.end());
  };

  wait(timeoutMs: number): Promise<DevBanner> {
    return waitFor(() => this.#parser.result, {
      description: `the Vault dev banner (root token, unseal key) in the container log ${this.serverLogPath}`,
      timeoutMs,
      intervalMs: 50,
    });
  }
}
