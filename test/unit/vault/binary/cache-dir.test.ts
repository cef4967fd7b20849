import { describe, expect, it } from 'vitest';
import { labCacheDir, vaultCachePaths } from '../../../../harness/vault/binary/cache-dir.ts';

describe('the cache directory', () => {
  it('prefers VAULT_ALARM_LAB_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(labCacheDir({ VAULT_ALARM_LAB_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/c');
    expect(labCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/x/vault-alarm-lab');
    expect(labCacheDir({ HOME: '/h' })).toBe('/h/.cache/vault-alarm-lab');
  });

  it('ignores a relative XDG_CACHE_HOME (the XDG spec says so) and refuses a relative override', () => {
    expect(labCacheDir({ XDG_CACHE_HOME: 'rel', HOME: '/h' })).toBe('/h/.cache/vault-alarm-lab');
    expect(() => labCacheDir({ VAULT_ALARM_LAB_CACHE_DIR: 'rel' })).toThrow(
      expect.objectContaining({ code: 'LAB_CONFIG_INVALID' }),
    );
  });

  it('keeps the layout other parts of the lab rely on', () => {
    expect(vaultCachePaths({ VAULT_ALARM_LAB_CACHE_DIR: '/c' })).toEqual({
      vaultDir: '/c/vault',
      versionDir: '/c/vault/v1.14.0',
      binary: '/c/vault/v1.14.0/vault',
      metadata: '/c/vault/v1.14.0/build.json',
      lock: '/c/vault/v1.14.0.lock',
    });
  });
});
