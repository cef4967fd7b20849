// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** `files` may not import what the patterns match (each pattern says why). */
function restrictImports(files, patterns) {
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

/**
 * DESIGN.md dependency direction for the layers under the runner: `files` may import none of the
 * upper layers, nor the siblings listed. What rules and sinks share lives in harness/aws.
 */
function belowTheRunner(files, siblings) {
  const upper = ['**/runner/*', '**/emulator/*', '**/vault/*', '**/shipper/*', '**/cli/*', '**/cli.ts'];
  return restrictImports(files, [
    { group: upper, message: 'this layer sits below the runner (DESIGN.md)' },
    { group: siblings, message: 'siblings do not import each other; share through harness/aws' },
  ]);
}

/**
 * The shipper's pipeline runs one way: config/ → input/ → output/, input/ → state/. The output side
 * is handed events and never reaches back into the files they came from, nor into their checkpoints.
 */
function shipperStage(files, forbidden) {
  return restrictImports(files, [
    { group: forbidden, message: 'the shipper pipeline runs config → input → output (+ state)' },
  ]);
}

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
  belowTheRunner(['harness/rules/**/*.ts'], ['**/sinks/*']),
  belowTheRunner(['harness/sinks/**/*.ts'], ['**/rules/*']),
  belowTheRunner(['harness/aws/**/*.ts'], ['**/rules/*', '**/sinks/*']),
  shipperStage(['harness/shipper/config/**/*.ts'], ['**/input/*', '**/output/*', '**/state/*']),
  shipperStage(['harness/shipper/output/**/*.ts'], ['**/input/*', '**/state/*', '**/config/*']),
  shipperStage(['harness/shipper/state/**/*.ts'], ['**/input/*', '**/output/*', '**/config/*']),
);
