import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { defineCommand } from '../command.ts';
import {
  createLiveView,
  LAB_VAULT_BACKENDS,
  loadScenarios,
  renderJunit,
  renderTable,
  resolveScenarioSelection,
  runSuite,
  TARGET_NAMES,
} from '../../runner/index.ts';
import { CliUsageError } from '../../errors.ts';
import { createProgressPrinter } from '../../vault/index.ts';
import { EXIT } from '../exit-status.ts';
import { labOptions, parseRegion } from '../lab-options.ts';
import { loadRuleSet } from '../../rules/index.ts';
import { systemClock } from '../../clock.ts';
import { writeLintWarnings } from './rules-lint.ts';

export const runCommand = defineCommand({
  name: 'run',
  summary: 'Bring the lab up, play the scenarios against Vault and assert exactly the expected alarms fire.',
  options: {
    target: {
      type: 'string',
      description: `Where the AWS side runs: ${TARGET_NAMES.join(', ')}`,
      valueName: 'target',
      default: 'local',
    },
    backend: {
      type: 'string',
      description: `Where Vault runs: ${LAB_VAULT_BACKENDS.join(', ')} (the Docker ones need an engine and an image)`,
      valueName: 'backend',
      default: 'process',
    },
    scenario: {
      type: 'string',
      multiple: true,
      description: 'Run only this scenario (a name, or a path to a scenario .ts file); repeatable',
      valueName: 'name',
    },
    ...labOptions,
    json: { type: 'boolean', description: 'Print the report as JSON on stdout (progress goes to stderr)' },
    'report-dir': {
      type: 'string',
      description: 'Write junit.xml, report.json and report.txt here',
      valueName: 'dir',
    },
    list: { type: 'boolean', description: 'List the scenarios and exit' },
  },
  examples: [
    'vault-alarm-lab run',
    'vault-alarm-lab run --scenario root-auth-list-repeated --scenario auth-list-non-root',
    'vault-alarm-lab run --rules team-rules.yaml --report-dir reports/',
    'vault-alarm-lab run --region us-east-2     # the article’s region',
    'AWS_PROFILE=sandbox vault-alarm-lab run --target aws',
    'vault-alarm-lab run --backend compose --target localstack',
  ],
  async run({ values, io, signal }) {
    if (!(TARGET_NAMES as readonly string[]).includes(values.target)) {
      throw new CliUsageError(`--target: expected one of ${TARGET_NAMES.join(', ')}, got '${values.target}'`);
    }
    const region = parseRegion(values.region);
    const backend = LAB_VAULT_BACKENDS.find((b) => b === values.backend);
    if (!backend) {
      throw new CliUsageError(
        `--backend: expected one of ${LAB_VAULT_BACKENDS.join(', ')}, got '${values.backend}'`,
      );
    }
    const all = await loadScenarios();
    if (values.list) {
      const width = Math.max(...all.map((s) => s.name.length));
      for (const s of all)
        io.stdout.write(
          `${s.name.padEnd(width)}  fires: ${s.expect.fire.join(', ') || '(nothing)'}\n${' '.repeat(width)}  ${s.summary}\n`,
        );
      return 0;
    }
    const scenarios = await resolveScenarioSelection(all, values.scenario, io.cwd);
    writeLintWarnings(
      await loadRuleSet({
        at: systemClock.now(),
        ...(values.rules ? { rulesFile: resolve(io.cwd, values.rules) } : {}),
      }),
      io,
    );
    const colour = !values.json && io.stdout.isTTY === true && !io.env['NO_COLOR'];
    const progressStream = values.json ? io.stderr : io.stdout;
    // Vault's own progress (a first build takes minutes) goes to stderr, on a terminal and in CI logs.
    const vaultProgress = createProgressPrinter(io.stderr);
    const report = await runSuite({
      target: values.target,
      vaultBackend: backend,
      scenarios,
      subset: values.scenario.length > 0,
      signal,
      env: io.env,
      ...(values.rules ? { rulesFile: resolve(io.cwd, values.rules) } : {}),
      ...(region ? { region } : {}),
      onWarning: (message) => io.stderr.write(`${message}\n`),
      onProgress: createLiveView(progressStream, {
        colour: colour || (values.json === true && io.stderr.isTTY === true),
      }),
      onVaultProgress: vaultProgress,
    }).finally(() => vaultProgress.flush());
    if (values.json) io.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else io.stdout.write('\n' + renderTable(report, { colour }));
    if (values['report-dir']) {
      const dir = resolve(io.cwd, values['report-dir']);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'junit.xml'), renderJunit(report));
      await writeFile(join(dir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
      await writeFile(join(dir, 'report.txt'), renderTable(report, { colour: false }));
      (values.json ? io.stderr : io.stdout).write(
        `reports written to ${dir} (junit.xml, report.json, report.txt)\n`,
      );
    }
    if (report.state === 'aborted') return EXIT.interrupted;
    return report.state === 'success' ? EXIT.ok : EXIT.failed;
  },
});
