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

/** Every layer folder under harness/ (DESIGN.md "Folders"), as import patterns. */
const LAYERS = {
  runner: ['**/runner/*'],
  cli: ['**/cli/*', '**/cli.ts'],
  vault: ['**/vault/*'],
  shipper: ['**/shipper/*'],
  rules: ['**/rules/*'],
  sinks: ['**/sinks/*'],
  aws: ['**/aws/*'],
  emulator: ['**/emulator/*'],
  filterPattern: ['**/filter-pattern/*'],
  alarmEvaluation: ['**/alarm-evaluation/*'],
  backtest: ['**/backtest/*'],
  conformance: ['**/conformance/*'],
  playground: ['**/playground/*'],
  util: ['**/util/*'],
  clock: ['**/clock.ts'],
};

/** Layers except the named ones, flattened into one pattern group. */
function layersExcept(...allowed) {
  return Object.entries(LAYERS)
    .filter(([name]) => !allowed.includes(name))
    .flatMap(([, patterns]) => patterns);
}

/** Node built-ins that reach outside the process (files, network, processes, the terminal, the host). */
const NODE_IO = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'tls',
  'dgram',
  'dns',
  'dns/promises',
  'child_process',
  'cluster',
  'worker_threads',
  'readline',
  'os',
  'process',
  'inspector',
  'vm',
].flatMap((name) => [name, `node:${name}`]);

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
    // The playground's page: plain ES modules run by the browser, no build step.
    files: ['harness/playground/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
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
  {
    // The alarm evaluation is pure and shared by the emulator and the backtest: it imports only
    // its own modules (no other layer, no package, no Node API).
    files: ['harness/alarm-evaluation/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./[^/]+\\.ts$)',
              message: 'harness/alarm-evaluation is pure: it imports only its own modules (DESIGN.md)',
            },
          ],
        },
      ],
    },
  },
  restrictImports(
    ['harness/backtest/**/*.ts'],
    [
      {
        // The backtest replays logs through rules, filter patterns and the alarm evaluation; it sits
        // beside the runner and never reaches into the emulator.
        group: ['**/emulator/*', '**/runner/*', '**/cli/*', '**/cli.ts', '**/vault/*', '**/shipper/*'],
        message: 'backtest depends on rules, filter-pattern and alarm-evaluation only (DESIGN.md)',
      },
    ],
  ),
  {
    // The filter pattern language is pure: a function of the pattern and the event, usable from the
    // browser playground, the emulator and the rules alike. Its only outside import is harness/errors.ts.
    files: ['harness/filter-pattern/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_IO.map((name) => ({ name, message: 'filter-pattern is pure: no I/O (DESIGN.md)' })),
          patterns: [
            { group: layersExcept(), message: 'filter-pattern imports no other harness layer (DESIGN.md)' },
          ],
        },
      ],
    },
  },
  restrictImports(
    ['harness/emulator/**/*.ts'],
    [
      {
        // The emulator stands alone (a function from request to response): it may use the pure layers,
        // the shared AWS facts, the clock, util and harness/errors.ts, and nothing above it.
        group: layersExcept('emulator', 'filterPattern', 'alarmEvaluation', 'aws', 'clock', 'util'),
        message:
          'the emulator imports only filter-pattern, alarm-evaluation, aws, clock and util (DESIGN.md)',
      },
    ],
  ),
);
