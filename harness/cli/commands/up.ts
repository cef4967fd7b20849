import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CliUsageError } from '../../errors.ts';
import { defineCommand } from '../command.ts';
import type { CommandContext, OptionTable } from '../command.ts';
import { createProgressPrinter, startVault, VAULT_BACKENDS, VAULT_VERSION } from '../../vault/index.ts';
import type { StartedVault, VaultBackendName, VaultLogLevel } from '../../vault/index.ts';
import { startLab } from '../../runner/index.ts';

/**
 * `vault-alarm-lab up`: starts the lab and keeps it running until SIGINT/SIGTERM.
 *
 * The lab is a list of components started in order and stopped in reverse. Each one contributes keys
 * to the `--json` summary (`vault`; then `aws`, `logGroup`, `topicArn`, `alarms` unless --vault-only)
 * and a few lines to the human output. To add one, write a `start…Component` function and push its
 * result.
 *
 * `--json` prints exactly one JSON line on stdout, first, and nothing else there: the one place the
 * root token and unseal key are printed, because the caller asked for them. The human output never
 * shows a token: the export line reads it from a 0600 file in the lab directory.
 */
export interface UpSummary {
  vault?: { address: string; rootToken: string; unsealKey: string | null; auditLog: string | null };
  [component: string]: unknown;
}

interface LabComponent {
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

const options = {
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
  rules: {
    type: 'string',
    valueName: 'file',
    description: 'user rule file (YAML or JSON) provisioned with the built-in pack',
  },
  'vault-only': { type: 'boolean', description: 'start Vault only (no emulator, shipper, sink or rules)' },
} as const satisfies OptionTable;

type UpContext = CommandContext<typeof options>;

export const upCommand = defineCommand({
  name: 'up',
  summary: `Start the lab (Vault ${VAULT_VERSION} dev server with the file audit device) and keep it running until Ctrl-C.`,
  options,
  examples: [
    'vault-alarm-lab up                       # human output: export lines, audit log path',
    'vault-alarm-lab up --json | head -1      # {"vault":{"address":…,"rootToken":…,"unsealKey":…,"auditLog":…}}',
    'VAULT_ADDR=http://127.0.0.1:8200 VAULT_TOKEN=… vault-alarm-lab up --backend external',
  ],
  async run(ctx) {
    const components: LabComponent[] = [];
    const progress = createProgressPrinter(ctx.io.stderr);
    try {
      const vaultComponent = await startVaultComponent(ctx, progress);
      components.push(vaultComponent);
      progress.flush();
      if (ctx.signal.aborted) return 130;
      if (!ctx.values['vault-only']) {
        components.push(await startAwsComponent(ctx, vaultComponent.vault!));
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
        ctx.io.stderr.write(`up: ${failure}; stopping the lab\n`);
        return 1;
      }
      return 0;
    } finally {
      progress.flush();
      for (const component of components.reverse()) {
        await component
          .stop()
          .catch((error: unknown) =>
            ctx.io.stderr.write(`up: stopping failed: ${(error as Error).message}\n`),
          );
      }
      if (components.length > 0) ctx.io.stderr.write('lab stopped\n');
    }
  },
});

async function startVaultComponent(
  ctx: UpContext,
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
function externalVault(ctx: UpContext): { address: string; token: string } {
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
async function startAwsComponent(ctx: UpContext, vault: StartedVault): Promise<LabComponent> {
  const lab = await startLab({
    target: 'local',
    vault,
    env: ctx.io.env,
    signal: ctx.signal,
    ...(ctx.values.rules ? { rulesFile: resolve(ctx.io.cwd, ctx.values.rules) } : {}),
    onStep: (message) => ctx.io.stderr.write(`up: ${message}\n`),
  });
  const aws = lab.target.aws;
  const endpoint = aws.endpoint!;
  const credentials = aws.credentials!;
  const topicArn = Object.values(lab.provision.topicArns)[0] ?? null;
  const alarms = lab.alarmNames();
  const subscription = lab.sink.subscription;
  const sinkEndpoint = 'endpoint' in subscription ? subscription.endpoint : undefined;
  return {
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
    },
    lines: [
      '',
      `AWS emulator is up at ${endpoint} (region ${aws.region}; its clock is the lab clock).`,
      '',
      `  export AWS_ENDPOINT_URL='${endpoint}' AWS_REGION='${aws.region}'`,
      `  export AWS_ACCESS_KEY_ID='${credentials.accessKeyId}' AWS_SECRET_ACCESS_KEY='${credentials.secretAccessKey}'`,
      '',
      `  log group:   ${lab.ruleSet.logGroupName} (the shipper follows ${vault.auditLogPath})`,
      `  topic:       ${topicArn ?? '(none)'} → HTTP sink ${sinkEndpoint ?? ''}`,
      `  alarms:      ${alarms.length} (${alarms.join(', ')})`,
      '',
      '  Try the article:',
      '    vault auth list',
      '    curl -s -X POST "$AWS_ENDPOINT_URL/_lab/clock" -d \'{"advanceSeconds":120}\'   # let the alarms evaluate',
      '    aws --endpoint-url "$AWS_ENDPOINT_URL" cloudwatch describe-alarms --query \'MetricAlarms[].[AlarmName,StateValue]\' --output table',
    ],
    stop: () => lab.stop(),
  };
}
