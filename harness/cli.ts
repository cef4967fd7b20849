import { CliUsageError, LabError, errorMessage } from './errors.ts';
import { formatHelp, parseCommandArgs } from './cli/command.ts';
import type { CliIo, CommandDefinition, OptionTable } from './cli/command.ts';
import { EXIT, EXIT_STATUS_LINES, exitStatusOf } from './cli/exit-status.ts';

/**
 * The `vault-alarm-lab` command. Each command lives in `cli/commands/<name>.ts` and is loaded only
 * when used, so `pattern test` does not pay for the AWS SDK or Vault code. This is the one place that
 * turns errors into exit statuses (cli/exit-status.ts has the table).
 */
const PROGRAM = 'vault-alarm-lab';

type Loader = () => Promise<CommandDefinition<OptionTable>>;

const commands: Readonly<Record<string, Loader>> = {
  run: async () => (await import('./cli/commands/run.ts')).runCommand,
  up: async () => (await import('./cli/commands/up.ts')).upCommand,
  pattern: async () => (await import('./cli/commands/pattern.ts')).patternCommand,
  rules: async () => (await import('./cli/commands/rules.ts')).rulesCommand,
  emulator: async () => (await import('./cli/commands/emulator.ts')).emulatorCommand,
  ship: async () => (await import('./cli/commands/ship.ts')).shipCommand,
  vault: async () => (await import('./cli/commands/vault.ts')).vaultCommand,
  export: async () => (await import('./cli/commands/export.ts')).exportCommand,
  playground: async () => (await import('./cli/commands/playground.ts')).playgroundCommand,
  backtest: async () => (await import('./cli/commands/backtest.ts')).backtestCommand,
  conformance: async () => (await import('./cli/commands/conformance.ts')).conformanceCommand,
  docker: async () => (await import('./cli/commands/docker.ts')).dockerCommand,
};

/** Summaries of the top-level commands, so `--help` does not load every command (and the AWS SDK). */
const commandSummaries: Readonly<Record<keyof typeof commands, string>> = {
  run: 'play the scenarios against Vault and assert exactly the expected alarms fire (npm run lab)',
  up: 'start Vault, the emulator, the shipper and the rules, and keep them running',
  pattern: 'test or check a CloudWatch Logs filter pattern offline',
  rules: 'list, apply or destroy the detection rules on a target',
  emulator: 'run the local AWS emulator (CloudWatch Logs, CloudWatch, SNS, SQS)',
  ship: 'ship log files to CloudWatch Logs from a CloudWatch agent config',
  vault: 'find, build or describe the Vault 1.14.0 binary',
  export: 'export the rules as an AWS CLI script, CloudFormation or Terraform',
  playground: 'the live lab in a browser: start it as up does and serve the demo page',
  backtest: 'replay Vault audit logs through the rules on event time: what would have fired, when, why',
  conformance:
    'check how faithfully an endpoint follows documented AWS behaviour (emulator, LocalStack, moto, AWS)',
  docker: 'build the compose plugin and local Vault and LocalStack images (no registry needed)',
};

const rootCommand: CommandDefinition<OptionTable> = {
  name: PROGRAM,
  summary:
    'Local lab and CI regression suite for Vault audit-log alarms (CloudWatch Logs metric filters, alarms, SNS).',
  subcommands: commands,
  examples: [
    `${PROGRAM} run                      # play every scenario on the local target and assert the alarms`,
    `${PROGRAM} up --json                # start Vault + emulator + shipper + rules and keep them running`,
    `${PROGRAM} pattern test --pattern '{$.type = "response"}' --events-file audit.log`,
  ],
};

export function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Runs the CLI with `argv` (without `node` and the script path) and returns the exit status. */
export async function main(
  argv: readonly string[],
  io: CliIo = defaultIo(),
  signal?: AbortSignal,
): Promise<number> {
  const path: string[] = [PROGRAM];
  let definition = rootCommand;
  let args = [...argv];
  const controller = new AbortController();
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  try {
    // Walk down subcommands: `rules apply --target local` → rules → apply.
    while (definition.subcommands) {
      const [head, ...rest] = args;
      if (head === undefined || head === '--help' || head === '-h' || head === 'help') {
        // Asked for help: stdout, status 0. No command at all is a usage error: stderr, status 2.
        const help = helpText(definition, path.join(' '), await summariesOf(definition));
        if (head !== undefined) {
          io.stdout.write(help);
          return 0;
        }
        io.stderr.write(help);
        return 2;
      }
      if (head === '--version') {
        io.stdout.write(`${PROGRAM} ${await packageVersion()}\n`);
        return 0;
      }
      const load = definition.subcommands[head];
      if (load === undefined) {
        throw new CliUsageError(
          `unknown command '${head}'; expected one of: ${Object.keys(definition.subcommands).join(', ')}`,
        );
      }
      definition = await load();
      path.push(head);
      args = rest;
      if (!definition.subcommands && !definition.run) throw new Error(`command ${path.join(' ')} has no run`);
    }
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(helpText(definition, path.join(' ')));
      return 0;
    }
    const { values, positionals } = parseCommandArgs(definition, args);
    const status = await definition.run!({ values, positionals, io, signal: controller.signal });
    return status ?? 0;
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr.write(`${path.join(' ')}: ${error.message}\n`);
      io.stderr.write(`Run '${path.join(' ')} --help' for usage.\n`);
      return EXIT.usage;
    }
    if (controller.signal.aborted) {
      // Whatever a start-up step threw after Ctrl-C (an aborted request, a cancelled wait) is a
      // consequence of the interruption, not a second problem to report.
      io.stderr.write(
        `${path.join(' ')}: interrupted (${errorMessage(controller.signal.reason)}); stopped\n`,
      );
      if (io.env['DEBUG'] && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
      return EXIT.interrupted;
    }
    if (error instanceof LabError) {
      io.stderr.write(`${path.join(' ')}: ${error.message}\n`);
      if (io.env['DEBUG'] && error.stack) io.stderr.write(`${error.stack}\n`);
      return exitStatusOf(error);
    }
    const status = exitStatusOf(error);
    if (status === EXIT.environment) {
      // Nothing answered (connection refused, no credentials): the message says it, a stack does not.
      io.stderr.write(`${path.join(' ')}: ${errorMessage(error)}\n`);
      if (io.env['DEBUG'] && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
      return status;
    }
    io.stderr.write(
      `${path.join(' ')}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return status;
  }
}

/** A command's help, with the exit statuses every command shares. */
function helpText(
  definition: CommandDefinition<OptionTable>,
  programPath: string,
  subcommandSummaries?: Readonly<Record<string, string>>,
): string {
  return (
    formatHelp(definition, programPath, subcommandSummaries) +
    ['', 'Exit status:', ...EXIT_STATUS_LINES.map((line) => `  ${line}`), ''].join('\n')
  );
}

async function summariesOf(definition: CommandDefinition<OptionTable>): Promise<Record<string, string>> {
  if (definition === rootCommand) return commandSummaries;
  // Nested subcommands live in their parent's module: loading them costs nothing more.
  const entries = await Promise.all(
    Object.entries(definition.subcommands ?? {}).map(
      async ([name, load]) => [name, (await load()).summary] as const,
    ),
  );
  return Object.fromEntries(entries);
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
