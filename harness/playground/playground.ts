import { errorMessage } from '../errors.ts';
import { desiredState, EXPORT_FORMATS, exportRules, RuleValidationError } from '../rules/index.ts';
import type { ExportFormat } from '../rules/index.ts';
import type { AnyScenario, Lab } from '../runner/index.ts';
import { createLogger } from '../util/logger.ts';
import { AuditFeed, KEPT_LINES } from './audit-feed.ts';
import type { AuditRecord } from './audit-feed.ts';
import { ClockControl } from './clock-control.ts';
import { confirmEmailSubscriptions, PLAYGROUND_EMAIL } from './email-inbox.ts';
import { EventStream } from './event-stream.ts';
import { listenPlayground, RequestError } from './http-server.ts';
import type { Routes } from './http-server.ts';
import { LabObserver } from './lab-observer.ts';
import type { AlarmView, InboxView, MetricView, PipelineView } from './lab-observer.ts';
import { RuleMatcher } from './rule-matcher.ts';
import { ScenarioRuns } from './scenario-runs.ts';
import { IDENTITIES, runVaultAction, VAULT_ACTIONS } from './vault-actions.ts';
import { testPattern, WORKBENCH_ENTRIES } from './workbench.ts';

const log = createLogger('lab:playground');

/** Audit summaries a new page gets in its snapshot (later ones arrive live). */
const SNAPSHOT_ENTRIES = 2_000;
/** How often new audit entries are sent to the pages, at most. */
const AUDIT_FLUSH_MS = 25;

export interface PlaygroundOptions {
  readonly lab: Lab;
  readonly scenarios: readonly AnyScenario[];
  /** Port for the page (default: a free one). */
  readonly port?: number;
  readonly signal: AbortSignal;
}

export interface RunningPlayground {
  /** The page's address without the secret. */
  readonly url: string;
  /** The page's address with its access secret (print it; it opens the page). */
  readonly urlWithSecret: string;
  stop(): Promise<void>;
}

/**
 * The live lab in a browser: follows the lab through its seams (the audit file, the AWS APIs, the
 * emulator's outbox, the sink, the shipper's stats), streams what changed to the page over SSE, and
 * acts on the lab for it (scenarios, Vault actions as the lab identities, the clock, rules).
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const { lab, signal } = options;
  const stream = new EventStream();
  let matcher = new RuleMatcher(lab.ruleSet.rules);
  const onError = (error: unknown): void => {
    log(`error: ${errorMessage(error)}`);
    stream.send('problem', { message: errorMessage(error) });
  };

  const emailConfirmed = await confirmEmailSubscriptions(lab, signal).catch((error: unknown) => {
    onError(error);
    return false;
  });

  // The newest of each view, for the snapshot a new page starts from.
  const latest: {
    alarms: readonly AlarmView[];
    metrics: readonly MetricView[];
    inbox: InboxView;
    pipeline?: PipelineView;
  } = {
    alarms: [],
    metrics: [],
    inbox: { emails: [], deliveries: [] },
  };
  const publish =
    <K extends keyof typeof latest>(kind: K) =>
    (value: NonNullable<(typeof latest)[K]>): void => {
      latest[kind] = value;
      stream.send(kind, value);
    };
  let lastIngested = 0;
  const observer = new LabObserver(lab, matcher, {
    alarms: publish('alarms'),
    metrics: publish('metrics'),
    inbox: publish('inbox'),
    pipeline: (pipeline) => {
      publish('pipeline')(pipeline);
      if (pipeline.counters.ingested > lastIngested) {
        lastIngested = pipeline.counters.ingested;
        if (clock.mode === 'fast') fastForward();
      }
    },
    error: onError,
  });

  let pendingAudit: AuditRecord[] = [];
  let auditTimer: ReturnType<typeof setTimeout> | undefined;
  const feed = await AuditFeed.start({
    auditLogPath: lab.vault.auditLogPath!,
    matcher,
    onEntries: (records) => {
      const last = records.at(-1)!;
      observer.noteWritten(feed.count, last.line);
      pendingAudit.push(...records);
      auditTimer ??= setTimeout(() => {
        auditTimer = undefined;
        const batch = pendingAudit;
        pendingAudit = [];
        stream.send(
          'audit',
          batch.map((r) => r.summary),
        );
      }, AUDIT_FLUSH_MS);
    },
    onError,
  });

  const clock = new ClockControl(lab.target, () => {
    void observer.refreshAll().catch(onError);
    stream.send('clock', clock.view());
  });
  let fastForwarding: Promise<void> | undefined;
  function fastForward(): void {
    if (fastForwarding || runs.busy) return;
    fastForwarding = lab.shipper
      .drain()
      .then(() => clock.toNextEvaluation())
      .catch(onError)
      .finally(() => (fastForwarding = undefined));
  }

  const runs = new ScenarioRuns(
    lab,
    options.scenarios,
    (progress) => {
      stream.send('scenarios', progress);
      if (!progress.running) void observer.refreshAll().catch(onError);
    },
    signal,
  );
  const clockTicker = setInterval(() => stream.send('clock', clock.view()), 5_000);

  const notWhileRunning = (what: string): void => {
    if (runs.busy)
      throw new RequestError(409, `${what} waits: a scenario is running (it moves the clock itself)`);
  };

  const routes: Routes = {
    'GET /api/events': async ({ res }) => {
      stream.open(res, {
        rules: lab.ruleSet.rules,
        ...latest,
        clock: clock.view(),
        scenarios: runs.list(),
        progress: runs.progress(),
        audit: feed.recent(SNAPSHOT_ENTRIES).map((r) => r.summary),
        actions: Object.entries(VAULT_ACTIONS).map(([id, a]) => ({ id, label: a.label, cli: a.cli })),
        identities: IDENTITIES,
        email: emailConfirmed ? PLAYGROUND_EMAIL : null,
        target: lab.target.name,
      });
      return 'handled';
    },
    'GET /api/audit/': async ({ url }) => {
      const seq = Number(url.pathname.slice('/api/audit/'.length));
      if (!Number.isInteger(seq) || seq < 1)
        throw new RequestError(400, `expected /api/audit/<entry number>, got ${url.pathname}`);
      const line = feed.line(seq);
      if (line === undefined)
        throw new RequestError(
          404,
          `entry ${seq} is no longer kept (the server keeps the newest ${KEPT_LINES})`,
        );
      return { text: line, type: 'application/json; charset=utf-8' };
    },
    'GET /api/export': async ({ url }) => {
      const format = url.searchParams.get('format') ?? '';
      if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
        throw new RequestError(400, `format: expected one of ${EXPORT_FORMATS.join(', ')}, got '${format}'`);
      }
      const text = exportRules(
        desiredState(lab.ruleSet),
        format as ExportFormat,
        'vault-alarm-lab playground',
      );
      return { text, type: 'text/plain; charset=utf-8' };
    },
    'POST /api/clock': async ({ body }) => {
      const request = record(body);
      if (request['mode'] !== undefined) {
        if (request['mode'] !== 'follow' && request['mode'] !== 'fast') {
          throw new RequestError(
            400,
            `mode: expected 'follow' or 'fast', got ${JSON.stringify(request['mode'])}`,
          );
        }
        try {
          clock.mode = request['mode'];
        } catch (error) {
          throw new RequestError(409, errorMessage(error));
        }
      } else {
        notWhileRunning('moving the clock');
        try {
          if (request['to'] === 'next-evaluation') await clock.toNextEvaluation();
          else await clock.advance(Number(request['seconds']) * 1000);
        } catch (error) {
          if (error instanceof RangeError) throw new RequestError(400, error.message);
          throw error;
        }
      }
      const view = clock.view();
      stream.send('clock', view);
      await observer.refreshAll();
      return { json: view };
    },
    'POST /api/scenarios': async ({ body }) => {
      const names = record(body)['names'] ?? [];
      if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) {
        throw new RequestError(400, 'names: expected a list of scenario names (empty for all)');
      }
      try {
        return { status: 202, json: { queued: runs.start(names as string[]) } };
      } catch (error) {
        throw new RequestError(400, errorMessage(error));
      }
    },
    'POST /api/vault': async ({ body }) => {
      notWhileRunning('acting on Vault');
      const request = record(body);
      try {
        return { json: await runVaultAction(lab, String(request['action']), String(request['as'])) };
      } catch (error) {
        if (error instanceof RangeError) throw new RequestError(400, error.message);
        throw error;
      }
    },
    'POST /api/workbench': async ({ body }) => {
      const request = record(body);
      const pattern = request['pattern'];
      const value = request['metricValue'] ?? '1';
      if (typeof pattern !== 'string' || typeof value !== 'string') {
        throw new RequestError(
          400,
          'expected {"pattern": "<filter pattern>", "metricValue": "1 or $.field"}',
        );
      }
      return { json: testPattern(pattern, value, feed.recent(WORKBENCH_ENTRIES)) };
    },
    'POST /api/rules': async ({ body }) => {
      notWhileRunning('adding a rule');
      const request = record(body);
      const threshold = Number(request['threshold'] ?? 1);
      const rule = {
        id: request['id'],
        title: request['id'],
        rationale: 'added in the playground',
        filter: {
          pattern: request['pattern'],
          metricName: request['metricName'] || camelMetricName(String(request['id'] ?? '')),
          value: request['metricValue'] || '1',
        },
        alarm: { threshold },
      };
      try {
        await lab.addRules([rule]);
      } catch (error) {
        if (error instanceof RuleValidationError) throw new RequestError(400, error.message);
        throw error;
      }
      matcher = new RuleMatcher(lab.ruleSet.rules);
      feed.setMatcher(matcher);
      observer.setMatcher(matcher);
      stream.send('rules', lab.ruleSet.rules);
      await observer.refreshAll();
      return { status: 201, json: { rules: lab.ruleSet.rules } };
    },
  };

  const http = await listenPlayground({
    routes,
    ...(options.port !== undefined ? { port: options.port } : {}),
    onError,
  });
  await observer.start().catch((error: unknown) => {
    void http.close();
    throw error;
  });

  let stopping: Promise<void> | undefined;
  return {
    url: http.url,
    urlWithSecret: http.urlWithSecret,
    stop() {
      stopping ??= (async () => {
        clearInterval(clockTicker);
        clearTimeout(auditTimer);
        clock.stop();
        observer.stop();
        feed.stop();
        stream.close();
        await http.close();
        await runs.idle().catch(() => {});
      })();
      return stopping;
    },
  };
}

function record(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new RequestError(400, 'expected a JSON object as the request body');
  }
  return body as Record<string, unknown>;
}

/** `kv-secret-deleted` → `KvSecretDeletedCount`, the pack's naming. */
function camelMetricName(id: string): string {
  return `${id.replace(/(^|-)([a-z0-9])/g, (_m, _d: string, c: string) => c.toUpperCase())}Count`;
}
