import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CliUsageError } from '../errors.ts';
import type { CommandContext, OptionTable } from './command.ts';
import { createProgressPrinter, startVault, VAULT_BACKENDS, VAULT_VERSION } from '../vault/index.ts';
import type { StartedVault, VaultBackendName, VaultLogLevel } from '../vault/index.ts';
import { startLab } from '../runner/index.ts';
import type { Lab, LabOptions } from '../runner/index.ts';
import { aliasLine, awsCliLines, detectAwsCli } from './aws-cli-hint.ts';
import { labOptions, parseRegion } from './lab-options.ts';

/**
 * The live lab as `up` and `playground` run it: components started in order and stopped in reverse,
 * kept running until SIGINT/SIGTERM or until one of them dies. Each component contributes keys to
 * the `--json` summary (`vault`; then `aws`, `logGroup`, `topicArn`, `alarms` unless Vault only;
 * the playground adds `url`) and a few lines to the human output. To add one, write a
 * `start…Component` function and pass it as an extra component.
 *
 * `--json` prints exactly one JSON line on stdout, first, and nothing else there: the one place the
 * root token and unseal key are printed, because the caller asked for them. The human output never
 * shows a token: the export line reads it from a 0600 file in the lab directory.
 */
export interface UpSummary {
  vault?: { address: string; rootToken: string; unsealKey: string | null; auditLog: string | null };
  [component: string]: unknown;
}

export interface LabComponent {
  /** Key and value in the `--json` summary. */
  readonly summary: Partial<UpSummary>;
  /** Human-readable lines (no secrets). */
  readonly lines: readonly string[];
  /** Settles with a description if the component dies on its own while the lab runs. */
  readonly failed?: Promise<string>;
  /** The Vault handle, for the components started after it. */
  readonly vault?: StartedVault;
  stop(): Promise<void>;
}

/** Options every live-lab command takes (where Vault runs, the lab directory, extra rules). */
export const liveLabOptions = {
  json: { type: 'boolean', description: 'print one JSON line with addresses and credentials, then only run' },
  backend: {
    type: 'string',
    valueName: VAULT_BACKENDS.join('|'),
    description: 'where Vault runs',
    default: 'process',
  },
  'lab-dir': {
    type: 'string',
    valueName: 'dir',
    description: 'keep the lab files (audit log, server log) here; default: a temp dir removed on stop',
  },
  'vault-addr': {
    type: 'string',
    valueName: 'url',
    description:
      'external back-end: the Vault address (default $VAULT_ADDR); the token comes from $VAULT_TOKEN',
  },
  port: { type: 'string', valueName: 'n', description: 'process back-end: API port (default: a free one)' },
  'log-level': {
    type: 'string',
    valueName: 'level',
    description: 'Vault server log level (trace|debug|info|warn|error)',
    default: 'info',
  },
  ...labOptions,
} as const satisfies OptionTable;

type LiveLabContext = CommandContext<typeof liveLabOptions>;

export interface LiveLabPlan {
  /** The command's name, for its messages (`up: …`). */
  readonly command: string;
  /** Start Vault alone (no emulator, shipper, sink or rules). */
  readonly vaultOnly?: boolean;
  /** Extra options for the lab (e.g. subscriptions next to the sink). */
  readonly lab?: Pick<LabOptions, 'subscriptions'>;
  /** Components started on top of the running lab, in order (e.g. the playground's web server). */
  readonly extras?: ReadonlyArray<(lab: Lab, vault: StartedVault) => Promise<LabComponent>>;
}

/** Starts the live lab, prints its summary, runs until a signal or a component failure; the exit status. */
export async function runLiveLab(ctx: LiveLabContext, plan: LiveLabPlan): Promise<number> {
  parseRegion(ctx.values.region); // a usage error before anything starts
  const components: LabComponent[] = [];
  const progress = createProgressPrinter(ctx.io.stderr);
  try {
    const vaultComponent = await startVaultComponent(ctx, progress);
    components.push(vaultComponent);
    progress.flush();
    if (ctx.signal.aborted) return 130;
    if (!plan.vaultOnly) {
      const aws = await startAwsComponent(ctx, vaultComponent.vault!, plan);
      components.push(aws.component);
      for (const start of plan.extras ?? []) {
        if (ctx.signal.aborted) return 130;
        components.push(await start(aws.lab, vaultComponent.vault!));
      }
      if (ctx.signal.aborted) return 130;
    }

    const summary: UpSummary = Object.assign({}, ...components.map((c) => c.summary));
    if (ctx.values.json) {
      ctx.io.stdout.write(JSON.stringify(summary) + '\n');
      ctx.io.stderr.write('lab is up; Ctrl-C (SIGINT) or SIGTERM stops it\n');
    } else {
      ctx.io.stdout.write(
        [...components.flatMap((c) => c.lines), '', 'Press Ctrl-C to stop.', ''].join('\n'),
      );
    }

    const failure = await Promise.race([
      new Promise<undefined>((resolve) =>
        ctx.signal.addEventListener('abort', () => resolve(undefined), { once: true }),
      ),
      ...components.flatMap((c) => (c.failed ? [c.failed] : [])),
    ]);
    if (failure !== undefined) {
      ctx.io.stderr.write(`${plan.command}: ${failure}; stopping the lab\n`);
      return 1;
    }
    return 0;
  } finally {
    progress.flush();
    for (const component of components.reverse()) {
      await component
        .stop()
        .catch((error: unknown) =>
          ctx.io.stderr.write(`${plan.command}: stopping failed: ${(error as Error).message}\n`),
        );
    }
    if (components.length > 0) ctx.io.stderr.write('lab stopped\n');
  }
}

async function startVaultComponent(
  ctx: LiveLabContext,
  progress: ReturnType<typeof createProgressPrinter>,
): Promise<LabComponent> {
  const backend = ctx.values.backend as VaultBackendName;
  if (!VAULT_BACKENDS.includes(backend)) {
    throw new CliUsageError(
      `--backend: expected one of ${VAULT_BACKENDS.join(', ')}, got '${ctx.values.backend}'`,
    );
  }
  const port = ctx.values.port === undefined ? undefined : Number(ctx.values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65534)) {
    throw new CliUsageError(`--port: expected a TCP port from 1 to 65534, got '${ctx.values.port}'`);
  }
  const logLevel = ctx.values['log-level'];
  if (!['trace', 'debug', 'info', 'warn', 'error'].includes(logLevel)) {
    throw new CliUsageError(`--log-level: expected trace, debug, info, warn or error, got '${logLevel}'`);
  }

  const common = {
    env: ctx.io.env,
    onProgress: progress,
    signal: ctx.signal,
    logLevel: logLevel as VaultLogLevel,
    ...(ctx.values['lab-dir'] ? { labDir: resolve(ctx.io.cwd, ctx.values['lab-dir']) } : {}),
  };
  const vault: StartedVault = await startVault(
    backend === 'external'
      ? { ...common, backend, ...externalVault(ctx) }
      : backend === 'process'
        ? { ...common, backend, ...(port !== undefined ? { port } : {}) }
        : { ...common, backend },
  );
  try {
    // For the export line: the token stays off the terminal (scrollback, CI logs), in a 0600 file.
    const tokenFile = join(vault.labDir, 'root-token');
    await writeFile(tokenFile, vault.rootToken + '\n', { mode: 0o600 });
    const unsealFile = vault.unsealKey ? join(vault.labDir, 'unseal-key') : undefined;
    if (unsealFile) await writeFile(unsealFile, vault.unsealKey + '\n', { mode: 0o600 });
    const lines = [
      `Vault ${VAULT_VERSION} is up (${vault.backend} back-end${vault.pid ? `, pid ${vault.pid}` : ''}).`,
      '',
      `  export VAULT_ADDR='${vault.address}'`,
      `  export VAULT_TOKEN="$(cat '${tokenFile}')"`,
      '',
      `  audit log:   ${vault.auditLogPath ?? '(audit device off)'}`,
      ...(vault.serverLogPath ? [`  server log:  ${vault.serverLogPath}`] : []),
      ...(unsealFile
        ? [`  unseal key:  ${unsealFile}   (vault operator unseal "$(cat '${unsealFile}')")`]
        : []),
      `  lab dir:     ${vault.labDir}${ctx.values['lab-dir'] ? '' : ' (removed on stop; --lab-dir keeps one)'}`,
    ];
    return {
      summary: {
        vault: {
          address: vault.address,
          rootToken: vault.rootToken,
          unsealKey: vault.unsealKey ?? null,
          auditLog: vault.auditLogPath ?? null,
        },
      },
      lines,
      vault,
      ...(vault.unexpectedExit ? { failed: vault.unexpectedExit } : {}),
      stop: () => vault.stop(),
    };
  } catch (error) {
    await vault.stop();
    throw error;
  }
}

/** Where `--backend external` finds its server and root token. */
function externalVault(ctx: LiveLabContext): { address: string; token: string } {
  const address = ctx.values['vault-addr'] ?? ctx.io.env['VAULT_ADDR'];
  if (!address) throw new CliUsageError('--backend external needs --vault-addr or $VAULT_ADDR');
  const token = ctx.io.env['VAULT_TOKEN'];
  if (!token) throw new CliUsageError('--backend external needs a root token in $VAULT_TOKEN');
  return { address, token };
}

/**
 * The AWS side on the local target: the in-process emulator (its clock advanced with
 * `POST /_lab/clock`), the shipper following Vault's audit log, the rules provisioned and an HTTP sink
 * subscribed to the alarm topic, so the article's own `aws --endpoint-url` commands work on it.
 */
async function startAwsComponent(
  ctx: LiveLabContext,
  vault: StartedVault,
  plan: LiveLabPlan,
): Promise<{ component: LabComponent; lab: Lab }> {
  const region = parseRegion(ctx.values.region);
  const [lab, cli] = await Promise.all([
    startLab({
      target: 'local',
      vault,
      env: ctx.io.env,
      signal: ctx.signal,
      ...plan.lab,
      ...(ctx.values.rules ? { rulesFile: resolve(ctx.io.cwd, ctx.values.rules) } : {}),
      ...(region ? { region } : {}),
      onStep: (message) => ctx.io.stderr.write(`${plan.command}: ${message}\n`),
      onWarning: (message) => ctx.io.stderr.write(`${plan.command}: ${message}\n`),
    }),
    detectAwsCli(ctx.io.env),
  ]);
  const aws = lab.target.aws;
  const endpoint = aws.endpoint!;
  const credentials = aws.credentials!;
  const topicArn = Object.values(lab.provision.topicArns)[0] ?? null;
  const alarms = lab.alarmNames();
  const subscription = lab.sink.subscription;
  const sinkEndpoint = 'endpoint' in subscription ? subscription.endpoint : undefined;
  const hint = awsCliLines(cli, endpoint, aws.region);
  const component: LabComponent = {
    summary: {
      aws: {
        endpoint,
        region: aws.region,
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
      },
      logGroup: lab.ruleSet.logGroupName,
      topicArn,
      alarms,
      awsCli: {
        version: cli.version ?? null,
        honoursEndpointEnv: cli.honoursEndpointEnv,
        alias: aliasLine(endpoint, aws.region),
      },
    },
    lines: [
      '',
      `AWS emulator is up at ${endpoint} (region ${aws.region}; its clock is the lab clock).`,
      '',
      `  export AWS_ENDPOINT_URL='${endpoint}' AWS_REGION='${aws.region}' AWS_DEFAULT_REGION='${aws.region}'`,
      `  export AWS_ACCESS_KEY_ID='${credentials.accessKeyId}' AWS_SECRET_ACCESS_KEY='${credentials.secretAccessKey}'`,
      ...hint.lines,
      '',
      `  log group:   ${lab.ruleSet.logGroupName} (the shipper follows ${vault.auditLogPath})`,
      `  topic:       ${topicArn ?? '(none)'} → HTTP sink ${sinkEndpoint ?? ''}`,
      `  alarms:      ${alarms.length} (${alarms.join(', ')})`,
      '',
      '  Try the article:',
      '    vault auth list',
      '    curl -s -X POST "$AWS_ENDPOINT_URL/_lab/clock" -H "content-type: application/json" -d \'{"advanceSeconds":120}\'   # let the alarms evaluate',
      `    ${hint.command} cloudwatch describe-alarms --query 'MetricAlarms[].[AlarmName,StateValue]' --output table`,
    ],
    stop: () => lab.stop(),
  };
  return { component, lab };
}
