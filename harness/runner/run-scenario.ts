import { errorMessage } from '../errors.ts';
import { alarmName } from '../rules/index.ts';
import { systemClock } from '../clock.ts';
import { evaluateExpectations } from './expectations.ts';
import type { Lab } from './lab.ts';
import { alarmNotifications } from './observations.ts';
import type { ObservedTransition, Observations } from './observations.ts';
import { stateFromExpectations } from './verdict.ts';
import type { Latency, ScenarioResult, ScenarioState } from './verdict.ts';
import type { AnyScenario, ScenarioContext } from './scenario.ts';
import { scenarioFileOf, whereInScenario } from './scenario-source.ts';
import { settle, waitForNotifications } from './settle.ts';

export interface RunScenarioOptions {
  readonly signal?: AbortSignal;
  readonly onPhase?: (phase: string) => void;
}

/**
 * One scenario, start to verdict: parameters → setup → settle → act → ship → evaluate → assert →
 * teardown. Returns a result whatever happens (failures, timeouts and errors are values); the
 * lab is left usable for the next scenario whenever possible.
 */
export async function runScenario(
  lab: Lab,
  scenario: AnyScenario,
  options: RunScenarioOptions = {},
): Promise<ScenarioResult> {
  const started = performance.now();
  const phase = (name: string): void => options.onPhase?.(name);
  const base = {
    name: scenario.name,
    summary: scenario.summary,
    expected: [...scenario.expect.fire],
    lookalikeFor: [...(scenario.lookalikeFor ?? [])],
  };
  const finish = (state: ScenarioState, extra: Partial<ScenarioResult>): ScenarioResult => ({
    ...base,
    fired: [],
    messages: 0,
    expectations: [],
    ...extra,
    state,
    durationMs: performance.now() - started,
  });

  const context: ScenarioContext = {
    identities: lab.identities,
    vault: {
      address: lab.vault.address,
      unsealKey: lab.vault.unsealKey,
      auditLogPath: lab.vault.auditServerPath,
      auditDevicePath: lab.vault.auditDevice,
    },
    as: (token) => lab.identities.root.withToken(token),
    workDir: (await lab.vault.scratchDir(`${scenario.name}-`)).serverPath,
    signal: options.signal ?? new AbortController().signal,
  };

  let state: unknown;
  let result: ScenarioResult;
  try {
    phase('parameters');
    await lab.applyParameters(scenario.parameters?.({ wallNow: systemClock.now() }) ?? {});
    if (scenario.setup) {
      phase('setup');
      state = await scenario.setup(context);
    }
    phase('settle');
    await settle(lab, options.signal);
    result = await actAndJudge({
      lab,
      scenario,
      context,
      state,
      phase,
      signal: options.signal,
      base,
      started,
    });
  } catch (error) {
    const aborted = options.signal?.aborted === true;
    const timeout = (error as { code?: string }).code === 'LAB_WAIT_TIMEOUT';
    result = finish(aborted ? 'aborted' : timeout ? 'timeout' : 'error', {
      error: describeThrown(error, scenario),
    });
  }
  if (scenario.teardown && !options.signal?.aborted) {
    phase('teardown');
    try {
      await scenario.teardown(context, state);
    } catch (error) {
      result = {
        ...result,
        state: result.state === 'success' ? 'error' : result.state,
        error: `teardown: ${describeThrown(error, scenario)}`,
      };
    }
  }
  return result;
}

/** The message, and where in the scenario's file it was thrown (file:line:column) when its stack says. */
function describeThrown(error: unknown, scenario: AnyScenario): string {
  const file = scenarioFileOf(scenario);
  const where = file ? whereInScenario(error, file) : undefined;
  return where ? `${errorMessage(error)} (at ${where})` : errorMessage(error);
}

/** What the act-and-judge half of a scenario works with. */
interface ActAndJudge {
  readonly lab: Lab;
  readonly scenario: AnyScenario;
  readonly context: ScenarioContext;
  /** What the scenario's setup returned. */
  readonly state: unknown;
  readonly phase: (name: string) => void;
  readonly signal: AbortSignal | undefined;
  readonly base: Pick<ScenarioResult, 'name' | 'summary' | 'expected' | 'lookalikeFor'>;
  /** performance.now() when the scenario began (its duration counts from there). */
  readonly started: number;
}

async function actAndJudge({
  lab,
  scenario,
  context,
  state,
  phase,
  signal,
  base,
  started,
}: ActAndJudge): Promise<ScenarioResult> {
  const { target } = lab;
  // Start the act phase just past a minute boundary so it stays inside one evaluation period.
  await target.waiting.startActPhase();
  await lab.watch.mark();
  const sinkStart = lab.sink.messages().length;
  const actStart = { wallMs: systemClock.now(), labMs: target.clock.now() };

  phase('act');
  await scenario.act(context, state);
  phase('ship');
  await lab.shipper.drain();
  const lastEventMs = target.clock.now();

  phase('evaluate');
  const fire = scenario.expect.fire;
  const rules = lab.ruleSet.rules.map((rule) => ({ rule, alarmName: alarmName(lab.ruleSet, rule) }));
  const expectedAlarms = new Set(rules.filter((r) => fire.includes(r.rule.id)).map((r) => r.alarmName));
  // An expected rule the rule set lacks (a rule file disabled it) can never fire: do not wait for it.
  const unknown = fire.filter((id) => !rules.some((r) => r.rule.id === id));
  const transitions: ObservedTransition[] = [];
  const longestWindowMs = Math.max(
    ...rules.map((r) => r.rule.alarm.period * r.rule.alarm.evaluationPeriods * 1000),
  );
  await target.waiting.awaitVerdict({
    lastEventMs,
    longestWindowMs,
    async look() {
      transitions.push(...(await lab.watch.newTransitions()));
      return [...expectedAlarms].every((a) => transitions.some((t) => t.alarmName === a && t.to === 'ALARM'));
    },
    ...(signal ? { signal } : {}),
  });

  await lab.markActivityJudged();
  phase('notifications');
  await waitForNotifications(lab, transitions, target.timing.notificationTimeoutMs, signal, sinkStart);
  const alarmNames = new Set(lab.alarmNames());
  const notifications = alarmNotifications(lab.sink.messages().slice(sinkStart), alarmNames);
  const observed: Observations = { transitions, notifications };

  phase('assert');
  const expectations = evaluateExpectations({
    rules,
    fire,
    observed,
    negativesVerifiable: lab.filterPatternsEvaluated,
  });
  const firedIds = rules
    .filter((r) => transitions.some((t) => t.alarmName === r.alarmName && t.to === 'ALARM'))
    .map((r) => r.rule.id);
  const first = notifications
    .filter((n) => n.newState === 'ALARM')
    .sort((a, b) => a.received.wallMs - b.received.wallMs)[0];
  const latency: Latency | undefined = first
    ? { labMs: first.received.labMs - actStart.labMs, wallMs: first.received.wallMs - actStart.wallMs }
    : undefined;
  return {
    ...base,
    state: unknown.length > 0 ? 'error' : stateFromExpectations(expectations),
    fired: firedIds,
    messages: notifications.length,
    expectations,
    ...(latency ? { latency } : {}),
    durationMs: performance.now() - started,
    ...(unknown.length > 0 ? { error: `expects rules that are not provisioned: ${unknown.join(', ')}` } : {}),
  };
}
