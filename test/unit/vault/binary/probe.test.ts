import { describe, expect, it } from 'vitest';
import { isExpectedVault, parseVaultVersion } from '../../../../harness/vault/binary/probe.ts';

describe('parseVaultVersion', () => {
  it('reads a release build line', () => {
    expect(
      parseVaultVersion(
        'Vault v1.14.0 (13a649f860186dffe3f3a4459814d87191efc321), built 2023-06-19T11:40:23Z\n',
      ),
    ).toEqual({
      version: '1.14.0',
      commit: '13a649f860186dffe3f3a4459814d87191efc321',
      line: 'Vault v1.14.0 (13a649f860186dffe3f3a4459814d87191efc321), built 2023-06-19T11:40:23Z',
    });
  });

  it('reads builds without a commit and enterprise/dev suffixes', () => {
    expect(parseVaultVersion('Vault v1.14.0')?.commit).toBeUndefined();
    expect(parseVaultVersion('Vault v1.14.0+ent (abcdef1)')?.version).toBe('1.14.0+ent');
    expect(parseVaultVersion('Vault v1.15.0-dev')?.version).toBe('1.15.0-dev');
    expect(parseVaultVersion('Terraform v1.5.0')).toBeUndefined();
    expect(parseVaultVersion('')).toBeUndefined();
  });

  it('accepts exactly 1.14.0 of the release commit', () => {
    expect(
      isExpectedVault(parseVaultVersion('Vault v1.14.0 (13a649f860186dffe3f3a4459814d87191efc321)')),
    ).toBe(true);
    expect(isExpectedVault(parseVaultVersion('Vault v1.14.0'))).toBe(true);
    expect(
      isExpectedVault(parseVaultVersion('Vault v1.14.0 (0000000000000000000000000000000000000000)')),
    ).toBe(false);
    expect(isExpectedVault(parseVaultVersion('Vault v1.14.0+ent'))).toBe(false);
    expect(isExpectedVault(parseVaultVersion('Vault v1.14.1'))).toBe(false);
    expect(isExpectedVault(undefined)).toBe(false);
  });
});
