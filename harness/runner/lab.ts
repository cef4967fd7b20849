import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createAwsClients } from '../aws/clients.ts';
import type { AwsClients } from '../aws/clients.ts';
import {
  alarmName,
  applyDesiredState,
  buildRuleSet,
  checkFilterPattern,
  desiredState,
  destroyDesiredState,
  loadRuleFile,
  logGroupExists,
  DEFAULT_LOG_GROUP,
} from '../rules/index.ts';
import type { PackParameters, ProvisionResult, RuleFile, RuleSet } from '../rules/index.ts';
import type { SubscriptionSpec } from '../aws/index.ts';
import { createSqsSink, startHttpSink } from '../sinks/index.ts';
import type { Sink } from '../sinks/index.ts';
import { loadAgentConfig, startShipper } from '../shipper/index.ts';
import type { Shipper } from '../shipper/index.ts';
import { requireLabVault, startVault } from '../vault/index.ts';
import type { DevVaultOptions, LabVault, StartedVault, VaultProgressListener } from '../vault/index.ts';
import { createLogger } from '../util/logger.ts';
import { systemClock } from '../clock.ts';
import { waitFor } from '../util/wait-for.ts';
import { AlarmWatch } from './alarm-watch.ts';
import { createIdentities } from './identities.ts';
import type { LabIdentities } from './scenario.ts';
import { utcWindowAround } from './scenario-helpers.ts';
import { probeFilterPatterns } from './targets/probe-filter-patterns.ts';
import { resolveTarget } from './targets/select-target.ts';
import { warnAboutStrayResources } from './stray-resource-guard.ts';
import type { LabTarget } from './targets/target.ts';

const log = createLogger('lab:runner');

/** Where rules added to a live lab (the playground's "Add as rule") say they come from. */
const ADDED_RULES_FILE: RuleFile = {
  path: '(added to the live lab)',
  parameters: {},
  disable: [],
  override: {},
  rules: [],
  issues: [],
};
/** The Vault back-ends a lab can start itself (an `external` server comes in as `LabOptions.vault`). */
export type LabVaultBackend = NonNullable<DevVaultOptions['backend']>;
export const LAB_VAULT_BACKENDS: readonly LabVaultBackend[] = ['process', 'testcontainers', 'compose'];

/** The shipper's log stream for the lab's audit file. */
export const LAB_LOG_STREAM = 'vault-alarm-lab';

export interface LabOptions {
  /** A target name (the lab starts and stops it), or a started target (its owner stops it). */
  readonly target: string | LabTarget;
  /** User rule file merged with the built-in pack. */
  readonly rulesFile?: string;
  /** Vault lab directory (audit log, server log, shipper state). Default: a fresh temp dir. */
  readonly labDir?: string;
  /** Business hours for the run; default: pinned around now so only the off-hours scenarios fire it. */
  readonly parameters?: PackParameters;
  readonly onStep?: (message: string) => void;
  /** AWS region of the lab (default: the target's own; us-east-1 for the local emulator). */
  readonly region?: string;
  /** Warnings about what users do to the lab (a log group created where nothing ships). */
  readonly onWarning?: (message: string) => void;
  /** Progress of finding, building (first run) and starting Vault, for a printer. */
  readonly onVaultProgress?: VaultProgressListener;
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
  /** A Vault someone else started (and stops), e.g. `up`'s chosen back-end; default: start one. */
  readonly vault?: StartedVault;
  /** Subscribed to the alarm topics next to the sink (e.g. the playground's email inbox). */
  readonly subscriptions?: readonly SubscriptionSpec[];
  /** Where the lab starts its Vault when `vault` is not given: `process` (default), `testcontainers`, `compose`. */
  readonly vaultBackend?: LabVaultBackend;
}

/** Everything a run needs, up and wired: Vault → audit log → shipper → target → rules → sink. */
export interface Lab {
  readonly target: LabTarget;
  readonly vault: LabVault;
  readonly aws: AwsClients;
  readonly sink: Sink;
  readonly identities: LabIdentities;
  readonly watch: AlarmWatch;
  /** Rule set currently provisioned (changes when a scenario sets its own parameters). */
  readonly ruleSet: RuleSet;
  readonly provision: ProvisionResult;
  /** False when the target matches every event (LocalStack): negative expectations are unverifiable. */
  readonly filterPatternsEvaluated: boolean;
  readonly notes: readonly string[];
  readonly shipper: Pick<Shipper, 'drain' | 'stop' | 'stats'>;
  /** Re-provisions with other rule parameters (returns the diff); a no-op when they are unchanged. */
  applyParameters(parameters: PackParameters): Promise<ProvisionResult | undefined>;
  /**
   * Adds rules (raw rule objects, as in a rule file's `rules:`) to the live lab and provisions them;
   * throws RuleValidationError, provisioning nothing, when one is invalid or its id is taken.
   */
  addRules(rules: readonly unknown[]): Promise<ProvisionResult>;
  alarmNames(): string[];
  /** Whether audit lines were written since the last alarm evaluation that judged them. */
  hasUnjudgedActivity(): Promise<boolean>;
  /** Records that every audit line written so far has been through an alarm evaluation. */
  markActivityJudged(): Promise<void>;
  /** Stops everything it started; destroys AWS resources on targets that ask for it. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Brings the lab up in dependency order and tears down whatever was started if a step fails, so a
 * failed start leaves no Vault process, sink port or AWS resource behind.
 */
export async function startLab(options: LabOptions): Promise<Lab> {
  const step = (message: string): void => {
    log(message);
    options.onStep?.(message);
  };
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async (): Promise<void> => {
    for (const fn of cleanups.reverse())
      await fn().catch((error) => log(`cleanup failed: ${(error as Error).message}`));
    cleanups.length = 0;
  };
  try {
    const target = await resolveTarget(options.target, options, (event) =>
      step(`${event.step}: ${event.message}`),
    );
    if (typeof options.target === 'string') cleanups.push(() => target.stop());
    step(
      `target ${target.name}${target.aws.endpoint ? ` at ${target.aws.endpoint}, region ${target.aws.region}` : ` in ${target.aws.region}`}`,
    );

    let vault: LabVault;
    if (options.vault) vault = requireLabVault(options.vault);
    else {
      const backend = options.vaultBackend ?? 'process';
      // Whether Vault must be built first is for the binary resolver to say (onVaultProgress).
      step(`starting Vault 1.14.0 dev server (${backend} back-end)`);
      const started = await startVault({
        backend,
        ...(options.onVaultProgress ? { onProgress: options.onVaultProgress } : {}),
        ...(options.labDir ? { labDir: options.labDir } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.env ? { env: options.env } : {}),
      });
      cleanups.push(() => started.stop());
      vault = started;
    }
    step(`Vault at ${vault.address}, audit log ${vault.auditLogPath}`);

    const aws = createAwsClients(target.aws);
    cleanups.push(async () => aws.destroy());

    const filterPatternsEvaluated = await probeFilterPatterns(aws, target.clock, target.prefix);
    const notes = [...target.notes];
    if (!filterPatternsEvaluated) {
      notes.push(
        `${target.name} matched an event with a filter pattern that cannot match it: it ignores filter patterns, so negative expectations cannot be verified on this target`,
      );
    }

    const { sink, connect: connectSink } = await startSink(target, aws);
    cleanups.push(() => sink.stop());

    let userFile: RuleFile | undefined = options.rulesFile
      ? await loadRuleFile(options.rulesFile)
      : undefined;
    const subscriptions = [sink.subscription, ...(options.subscriptions ?? [])];
    const suiteParameters = options.parameters ?? pinnedParameters();
    if (!options.parameters) {
      notes.push(
        `business hours pinned to ${suiteParameters.businessHours!.window} UTC around the run's start, so off-hours-activity only fires in the scenarios that move the window`,
      );
    }
    // On shared accounts every name carries the run prefix, the log group too: destroy deletes it.
    const logGroupName = target.prefix ? `${target.prefix}${DEFAULT_LOG_GROUP}` : undefined;
    const build = (parameters: PackParameters): RuleSet =>
      buildRuleSet({
        prefix: target.prefix,
        ...(logGroupName ? { logGroupName } : {}),
        at: systemClock.now(),
        parameters,
        ...(userFile ? { userFile: { ...userFile, parameters: {} } } : {}),
        checkPattern: checkFilterPattern,
      });
    let currentParameters = suiteParameters;
    let ruleSet = build(currentParameters);
    let parametersKey = JSON.stringify(suiteParameters);

    // Ship the lab's own setup (identities) before any metric filter exists: filters only count
    // events ingested after they are created, so the setup never raises an alarm.
    if (!(await logGroupExists(aws, ruleSet.logGroupName))) {
      await aws.logs.send(new CreateLogGroupCommand({ logGroupName: ruleSet.logGroupName }));
    }
    step('starting the shipper (audit log → CloudWatch Logs)');
    const stateDir = join(vault.labDir, 'shipper-state');
    await mkdir(stateDir, { recursive: true });
    const config = loadAgentConfig(
      {
        logs: {
          logs_collected: {
            files: {
              collect_list: [
                {
                  file_path: vault.auditLogPath,
                  log_group_name: ruleSet.logGroupName,
                  log_stream_name: LAB_LOG_STREAM,
                },
              ],
            },
          },
        },
      },
      { clock: target.clock },
    );
    const shipper = await startShipper({ config, aws: target.aws, clock: target.clock, stateDir });
    cleanups.push(() => shipper.stop());

    step('creating the lab identities (lab-admin, lab-limited tokens)');
    const identities = await createIdentities(vault.client);
    await shipper.drain();

    step(`provisioning ${ruleSet.rules.length} rules (log group ${ruleSet.logGroupName})`);
    let provision = await applyDesiredState(aws, desiredState(ruleSet, subscriptions), {
      prefix: target.prefix,
    });
    if (target.destroyOnExit) {
      cleanups.push(async () => {
        step('destroying the run’s AWS resources');
        await destroyDesiredState(aws, desiredState(ruleSet, subscriptions), {
          prefix: target.prefix,
          deleteLogGroup: true,
        });
      });
    }
    await connectSink(provision, options.signal);
    const watch = new AlarmWatch(aws, () => ruleSet.rules.map((r) => alarmName(ruleSet, r)));

    let stopped: Promise<void> | undefined;
    /** Audit log size already covered by an alarm evaluation. */
    let judgedAuditBytes = -1;
    const auditBytes = async (): Promise<number> => (await stat(vault.auditLogPath)).size;
    const lab: Lab = {
      target,
      vault,
      aws,
      sink,
      identities,
      watch,
      get ruleSet() {
        return ruleSet;
      },
      get provision() {
        return provision;
      },
      filterPatternsEvaluated,
      notes,
      shipper,
      async applyParameters(parameters) {
        const effective = { ...suiteParameters, ...parameters };
        const key = JSON.stringify(effective);
        if (key === parametersKey) return undefined;
        ruleSet = build(effective);
        currentParameters = effective;
        parametersKey = key;
        provision = await applyDesiredState(aws, desiredState(ruleSet, subscriptions), {
          prefix: target.prefix,
        });
        return provision;
      },
      async addRules(rules) {
        const before = userFile;
        userFile = { ...(userFile ?? ADDED_RULES_FILE), rules: [...(userFile?.rules ?? []), ...rules] };
        try {
          ruleSet = build(currentParameters);
        } catch (error) {
          userFile = before;
          throw error;
        }
        provision = await applyDesiredState(aws, desiredState(ruleSet, subscriptions), {
          prefix: target.prefix,
        });
        return provision;
      },
      alarmNames: () => ruleSet.rules.map((r) => alarmName(ruleSet, r)),
      hasUnjudgedActivity: async () => (await auditBytes()) !== judgedAuditBytes,
      async markActivityJudged() {
        judgedAuditBytes = await auditBytes();
      },
      stop() {
        stopped ??= cleanup();
        return stopped;
      },
    };
    // Everything in the audit log so far was shipped before the metric filters existed, and filters
    // count only events ingested after them: the first settle need not wait out a quiet period.
    await lab.markActivityJudged();
    // From here on every log group or filter on the target is someone else's: say when it is astray.
    const stopWatching = warnAboutStrayResources(
      target,
      { region: target.aws.region, logGroupName: ruleSet.logGroupName },
      options.onWarning ?? ((message) => log(message)),
    );
    cleanups.push(async () => stopWatching());
    return lab;
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** The target's kind of sink, and how to finish wiring it once provisioning has subscribed it. */
async function startSink(
  target: LabTarget,
  aws: AwsClients,
): Promise<{ sink: Sink; connect(provision: ProvisionResult, signal?: AbortSignal): Promise<void> }> {
  if (target.sinkKind === 'http') {
    const sink = await startHttpSink({ clock: target.clock, trustedOrigins: target.trustedOrigins });
    return {
      sink,
      async connect(provision, signal) {
        const topics = Object.values(provision.topicArns);
        await waitFor(() => topics.every((t) => sink.confirmedTopics().has(t)), {
          description: `the HTTP sink to confirm its subscription to ${topics.join(', ')}`,
          timeoutMs: 30_000,
          ...(signal ? { signal } : {}),
        });
      },
    };
  }
  const queueName = `${target.prefix}vault-alarm-lab-sink`;
  const sink = createSqsSink({
    sqs: aws.sqs,
    queueName,
    clock: target.clock,
    trustedOrigins: target.trustedOrigins,
  });
  return {
    sink,
    async connect(provision) {
      sink.start(provision.queueUrls[queueName]!);
    },
  };
}

/** Business hours of whole UTC hours around now ([now-6h, now+6h)), so ordinary scenarios are inside. */
export function pinnedParameters(wallNow: number = systemClock.now()): PackParameters {
  return { businessHours: { window: utcWindowAround(wallNow, -6, 6), timeZone: 'UTC' } };
}
