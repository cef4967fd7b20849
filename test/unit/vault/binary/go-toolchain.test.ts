import { describe, expect, it } from 'vitest';
import { parseJsonStream } from '../../../../harness/vault/binary/go-command.ts';
import { goEnv, goVersionAtLeast, parseGoVersion } from '../../../../harness/vault/binary/go-toolchain.ts';

describe('Go toolchain helpers', () => {
  it('reads `go version`', () => {
    expect(parseGoVersion('go version go1.26.8 linux/amd64')).toBe('1.26.8');
    expect(parseGoVersion('go version go1.21 darwin/arm64')).toBe('1.21');
    expect(parseGoVersion('command not found')).toBeUndefined();
  });

  it('needs Go 1.20 or newer (the module says go 1.20)', () => {
    expect(goVersionAtLeast('1.20.5')).toBe(true);
    expect(goVersionAtLeast('1.26.8')).toBe(true);
    expect(goVersionAtLeast('2.0')).toBe(true);
    expect(goVersionAtLeast('1.19.13')).toBe(false);
  });

  it('forces the settings the recipe depends on and drops -mod= from GOFLAGS', () => {
    const env = goEnv({
      PATH: '/bin',
      GOFLAGS: '-mod=vendor -modcacherw',
      GOPROXY: 'https://proxy.example',
      CGO_ENABLED: '1',
    });
    expect(env).toMatchObject({
      PATH: '/bin',
      GOPROXY: 'https://proxy.example',
      CGO_ENABLED: '0',
      GOWORK: 'off',
      GOTOOLCHAIN: 'local',
      GOFLAGS: '-modcacherw',
    });
  });

  it('splits the JSON object stream of `go mod download -json`', () => {
    const text =
      '{\n\t"Path": "a",\n\t"Dir": "/x/{weird}"\n}\n{\n\t"Path": "b",\n\t"Error": "say \\"}\\" please"\n}\n';
    expect(parseJsonStream(text)).toEqual([
      { Path: 'a', Dir: '/x/{weird}' },
      { Path: 'b', Error: 'say "}" please' },
    ]);
    expect(parseJsonStream('')).toEqual([]);
  });
});
