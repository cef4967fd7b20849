import { describe, expect, it } from 'vitest';
import {
  API_AUTH_MODULES,
  API_MODULE,
  SDK_CANDIDATES,
  SDK_PATCHES,
  vaultLdflags,
  vaultModuleQuery,
} from '../../../../harness/vault/binary/build-recipe.ts';

// The shape of sdk v0.9.2's framework/backend.go init(), around the check the fallback removes.
const BACKEND_INIT = [
  'func (b *Backend) init() {',
  '\tb.pathsRe = make([]*regexp.Regexp, len(b.Paths))',
  '\tfor i, p := range b.Paths {',
  '\t\t// Detect the coding error of failing to initialise Pattern',
  '\t\tif len(p.Pattern) == 0 {',
  '\t\t\tpanic(fmt.Sprintf("Routing pattern cannot be blank"))',
  '\t\t}',
  '',
  '\t\t// Detect the coding error of attempting to define a CreateOperation without defining an ExistenceCheck',
  '\t\tif p.ExistenceCheck == nil {',
  '\t\t\tif _, ok := p.Operations[logical.CreateOperation]; ok {',
  '\t\t\t\tpanic(fmt.Sprintf("Pattern %v defines a CreateOperation but no ExistenceCheck", p.Pattern))',
  '\t\t\t}',
  '\t\t\tif _, ok := p.Callbacks[logical.CreateOperation]; ok {',
  '\t\t\t\tpanic(fmt.Sprintf("Pattern %v defines a CreateOperation but no ExistenceCheck", p.Pattern))',
  '\t\t\t}',
  '\t\t}',
  '',
  '\t\t// Automatically anchor the pattern',
  '',
].join('\n');

describe('the Vault 1.14.0 build recipe', () => {
  it('tries the sdk of the release commit first and falls back to a patched v0.9.2', () => {
    expect(SDK_CANDIDATES.map((c) => [c.version, c.exact, c.patches])).toEqual([
      ['v0.9.2-0.20230619154023-13a649f86018', true, []],
      ['v0.9.2', false, ['drop-create-without-existence-check-panic']],
    ]);
  });

  it('removes exactly the CreateOperation/ExistenceCheck panic and nothing else', () => {
    const patch = SDK_PATCHES.find((p) => p.id === 'drop-create-without-existence-check-panic')!;
    expect(patch.file).toBe('framework/backend.go');
    const patched = BACKEND_INIT.replace(patch.remove, '\n');
    expect(patched).not.toContain('CreateOperation');
    expect(patched).toContain('Routing pattern cannot be blank');
    expect(patched).toContain('// Automatically anchor the pattern');
    expect(patched.split('\n').length).toBe(BACKEND_INIT.split('\n').length - 9);
    expect(patch.remove.test('func (b *Backend) init() {}')).toBe(false);
  });

  it('fills every replace directive of the v1.14.0 go.mod', () => {
    expect(vaultModuleQuery()).toBe('github.com/hashicorp/vault@v1.14.0');
    expect(API_MODULE).toEqual({ path: 'github.com/hashicorp/vault/api', version: 'v1.9.2', dir: 'api' });
    expect(API_AUTH_MODULES.map((m) => m.dir)).toEqual([
      'api/auth/approle',
      'api/auth/kubernetes',
      'api/auth/userpass',
    ]);
  });

  it('stamps the release commit, strips symbols, and adds -checklinkname=0 only when asked', () => {
    expect(vaultLdflags({ checkLinkname: true })).toBe(
      '-s -w -X github.com/hashicorp/vault/version.GitCommit=13a649f860186dffe3f3a4459814d87191efc321',
    );
    expect(vaultLdflags({ checkLinkname: false })).toContain('-checklinkname=0');
  });
});
