// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'coverage/', 'reports/', '.lab/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Library code reports through return values and the debug logger; only the CLI, scripts,
    // benchmarks and tests write to the console.
    files: ['harness/**/*.ts'],
    ignores: ['harness/cli.ts', 'harness/cli/**'],
    rules: { 'no-console': 'error' },
  },
);
