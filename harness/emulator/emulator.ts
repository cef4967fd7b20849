import type { Clock } from '../clock.ts';
import { isAdvanceable, OffsetClock } from '../clock.ts';
import type { Logger } from '../util/logger.ts';
import { createLogger } from '../util/logger.ts';
import { allowedHostsFromEnv } from '../util/loopback-guard.ts';
import type { AlarmEngine } from './cloudwatch/alarm-engine.ts';
import type { MetricStore } from './cloudwatch/metric-store.ts';
import { createCloudWatchService } from './cloudwatch/service.ts';
import { createLogsService } from './logs/service.ts';
import { createSnsService } from './sns/service.ts';
import type { SnsEngine } from './sns/sns-engine.ts';
import type { SqsEngine } from './sqs/queue-engine.ts';
import { createSqsService } from './sqs/service.ts';
import { createStsService } from './sts/service.ts';
import { createMetricProducers, type MetricProducers } from './shared/metric-producers.ts';
import { FaultInjector } from './control/faults.ts';
import type { EmulatorCore, EmulatorRequestEvent } from './core.ts';
import { createEmulatorCore } from './core.ts';
import { DEFAULT_REGION } from './protocol/accounts.ts';
import { listen } from './server.ts';
import type { EmulatorEnv, ServiceDefinition } from './service.ts';
import { StatePersistence } from './state/persistence.ts';
import { StateRegistry } from './state/state-registry.ts';

export interface EmulatorOptions {
  /** Listen address; loopback only by default. */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Defaults to a new OffsetClock (wall time plus an offset that `/_lab/clock` advances). */
  readonly clock?: Clock;
  /** Persist state here and restore it on start. */
  readonly stateDir?: string;
  /** Region of unsigned requests. */
  readonly region?: string;
  readonly logger?: Logger;
  /** Told of every successful AWS request (see EmulatorCoreOptions.onRequest). */
  readonly onRequest?: (event: EmulatorRequestEvent) => void;
  /**
   * Host names besides localhost, 127.0.0.1 and [::1] the emulator answers to (`name` or
   * `name:port`); defaults to `VAULT_ALARM_LAB_ALLOWED_HOSTS`. Any other Host is refused.
   */
  readonly allowedHosts?: readonly string[];
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  readonly region: string;
  readonly clock: Clock;
  readonly state: StateRegistry;
  /** The services' engines, for in-process users (tests, benchmarks) that look behind the API. */
  readonly engines: EmulatorEngines;
  /** The request pipeline, callable in-process without HTTP. */
  readonly core: EmulatorCore;
  /** Same as `POST /_lab/reset`. */
  reset(): Promise<void>;
  /** Writes state to `stateDir` now (no-op without one). */
  saveState(): Promise<void>;
  /** Stops serving, stops service timers and saves state; safe to call twice. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? DEFAULT_REGION;
  const clock = options.clock ?? new OffsetClock();
  const logger = options.logger ?? createLogger('lab:emulator');
  const state = new StateRegistry();
  const env: EmulatorEnv = { clock, region, logger, state };
  const { services, engines } = createServices(env);
  for (const service of services) if (service.store) state.register(service.name, service.store);

  let persistence: StatePersistence | undefined;
  if (options.stateDir !== undefined) {
    persistence = new StatePersistence({
      dir: options.stateDir,
      registry: state,
      logger: logger.extend('state'),
      globals: services.flatMap((s) => (s.globalState ? [{ service: s.name, ...bind(s.globalState) }] : [])),
      clockState: () =>
        isAdvanceable(clock) ? { offsetMs: clock.offsetMs, savedAt: clock.now() } : undefined,
    });
    const saved = await persistence.load();
    // Time never goes back: a restarted lab clock is at least as far ahead of the wall as it was.
    if (saved && isAdvanceable(clock) && saved.offsetMs > clock.offsetMs)
      await clock.advance(saved.offsetMs - clock.offsetMs);
  }

  const faults = new FaultInjector();
  const reset = async (): Promise<void> => {
    state.clear();
    faults.clear();
    for (const service of services) await service.onReset?.();
  };
  const core = createEmulatorCore({
    clock,
    region,
    services,
    state,
    faults,
    logger,
    reset,
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  });
  const stopController = new AbortController();
  const server = await listen(core, {
    host,
    port: options.port ?? 0,
    signal: stopController.signal,
    allowedHosts: options.allowedHosts ?? allowedHostsFromEnv(),
  });
  for (const service of services) await service.start?.();
  logger(`listening on ${server.endpoint} (services: ${services.map((s) => s.name).join(', ')})`);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      stopController.abort(new Error('emulator stopped'));
      for (const service of services) await service.stop?.();
      await server.close();
      await persistence?.close();
      logger(`stopped ${server.endpoint}`);
    })();
    return stopping;
  };
  return {
    endpoint: server.endpoint,
    region,
    clock,
    state,
    engines,
    core,
    reset,
    saveState: async () => persistence?.save(),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

export interface EmulatorEngines {
  readonly metrics: MetricStore;
  /** Flushes what metric filters hold back (a minute's defaultValue) up to a time. */
  readonly metricProducers: MetricProducers;
  readonly alarms: AlarmEngine;
  readonly sns: SnsEngine;
  readonly sqs: SqsEngine;
}

/**
 * Every emulated service, wired to the others explicitly: Logs metric filters write to CloudWatch's
 * metric store, CloudWatch alarm actions publish through SNS, SNS delivers to SQS queues. Built in
 * dependency order; listed in the order `/_lab/health` reports them.
 */
function createServices(env: EmulatorEnv): { services: ServiceDefinition[]; engines: EmulatorEngines } {
  const metricProducers = createMetricProducers();
  const sqs = createSqsService(env);
  const sns = createSnsService(env, { sqs: sqs.delivery });
  const cloudwatch = createCloudWatchService(env, { producers: metricProducers, sns: sns.publisher });
  const logs = createLogsService(env, { metrics: cloudwatch.metrics, producers: metricProducers });
  const sts = createStsService();
  return {
    services: [logs, cloudwatch, sns, sqs, sts],
    engines: {
      metrics: cloudwatch.metrics,
      metricProducers,
      alarms: cloudwatch.alarms,
      sns: sns.engine,
      sqs: sqs.engine,
    },
  };
}

function bind(hooks: NonNullable<ServiceDefinition['globalState']>): {
  serialize(): unknown;
  restore(data: unknown): void;
} {
  return { serialize: () => hooks.serialize(), restore: (data) => hooks.restore(data) };
}
