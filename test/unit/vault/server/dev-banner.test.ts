import { describe, expect, it } from 'vitest';
import {
  classifyStartFailure,
  DevBannerParser,
  stripAnsi,
} from '../../../../harness/vault/server/dev-banner.ts';
import { devServerArgs, devServerEnv } from '../../../../harness/vault/server/dev-server-args.ts';

// Shaped like a Vault service token, assembled so no token-shaped literal sits in the repository.
const FAKE_ROOT_TOKEN = ['hvs', 'FakeToken' + 'ForBannerTests0'].join('.');

describe('DevBannerParser', () => {
  it('picks the unseal key and root token out of the dev banner and redacts them for the log', () => {
    const parser = new DevBannerParser();
    const lines = [
      '==> Vault server configuration:',
      '             Api Address: http://127.0.0.1:8200',
      '                 Version: Vault v1.14.0',
      '==> Vault server started! Log data will stream in below:',
      'Unseal Key: xa0L/6Pqbd5axjNgO/Vn/aGUbAcO1+E5h/ZENHCw1qM=',
    ];
    const logged = lines.map((line) => parser.push(line));
    expect(parser.result).toBeUndefined();
    logged.push(parser.push(`Root Token: ${FAKE_ROOT_TOKEN}`));
    expect(parser.result).toEqual({
      rootToken: FAKE_ROOT_TOKEN,
      unsealKey: 'xa0L/6Pqbd5axjNgO/Vn/aGUbAcO1+E5h/ZENHCw1qM=',
      apiAddress: 'http://127.0.0.1:8200',
      version: '1.14.0',
    });
    expect(logged.join('\n')).not.toMatch(/hvs\.Fake|xa0L/);
    expect(logged.at(-1)).toBe('Root Token: <redacted by vault-alarm-lab>');
  });

  it('reads coloured output too', () => {
    const parser = new DevBannerParser();
    parser.push('\x1b[0mUnseal Key: abc=\x1b[0m');
    parser.push('\x1b[0mRoot Token: hvs.token\x1b[0m');
    expect(parser.result?.rootToken).toBe('hvs.token');
    expect(stripAnsi('\x1b[1;31mred\x1b[0m')).toBe('red');
  });

  it('recognises a taken port and a panic in the server output', () => {
    expect(
      classifyStartFailure(
        'Error initializing listener of type tcp: listen tcp4 127.0.0.1:8200: bind: address already in use',
      ),
    ).toBe('port-in-use');
    expect(
      classifyStartFailure(
        '2026 [INFO] core: vault is unsealed\npanic: Pattern managed-keys/ defines a CreateOperation but no ExistenceCheck',
      ),
    ).toBe('panic');
    expect(classifyStartFailure('Error parsing listener configuration')).toBeUndefined();
  });
});

describe('dev server command line and environment', () => {
  it('listens on loopback, never stores the token in ~/.vault-token and never fixes the root token id', () => {
    const args = devServerArgs({ port: 18200 });
    expect(args).toEqual([
      'server',
      '-dev',
      '-dev-listen-address=127.0.0.1:18200',
      '-dev-no-store-token',
      '-log-level=info',
    ]);
    expect(args.join(' ')).not.toContain('root-token-id');
  });

  it('passes no VAULT_* variable of the caller to the server and points HOME at the lab dir', () => {
    const env = devServerEnv(
      {
        PATH: '/bin',
        HOME: '/home/u',
        VAULT_DEV_ROOT_TOKEN_ID: 'x',
        VAULT_TOKEN: 't',
        VAULT_ADDR: 'a',
        TZ: 'UTC',
      },
      '/tmp/lab',
    );
    expect(env).toEqual({ PATH: '/bin', HOME: '/tmp/lab', VAULT_CLI_NO_COLOR: '1', TZ: 'UTC' });
  });
});
