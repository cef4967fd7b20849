import { setMaxListeners } from 'node:events';
import { isAdvanceable, systemClock } from '../clock.ts';
import { errorMessage } from '../errors.ts';
import { buildRuleSet, checkFilterPattern, loadRuleFile } from '../rules/index.ts';
import { checkScenarioRules } from './check-scenarios.ts';
import { startLab } from './lab.ts';
import type { Lab, LabOptions } from './lab.ts';
import { coverageOf, scenariosThatRan, totalsOf } from './verdict.ts';
import type { ScenarioResult, SuiteReport } from './verdict.ts';
import type { ProgressListener } from './report/live-view.ts';
import { resolveTarget } from './targets/select-target.ts';
import type { LabTarget } from './targets/target.ts';
import { runScenario } from './run-scenario.ts';
import type { AnyScenario } from './scenario.ts';
import { settle } from './settle.ts';

export interface SuiteOptions extends Omit<LabOptions, 'onStep'> {
  readonly scenarios: readonly AnyScenario[];
  /** The scenarios are a selection of the suite (`--scenario`), so the rule coverage is partial. */
  readonly subset?: boolean;
  readonly onProgress?: ProgressListener;
}

/**
 * Brings the lab up, plays every scenario, tears the lab down (destroying AWS resources where the
 * target asks for it, also after Ctrl-C) and returns the report. On a target that allows several
 * labs at once (LocalStack: wall-clock alarms) the scenarios are dealt out to labs that run side by
 * side, each with its own Vault and resource prefix. Never throws for scenario outcomes; throws only
 * when the target or the (first) lab cannot start.
 */
export async function runSuite(options: SuiteOptions): Promise<SuiteReport> {
  const startedAt = new Date(systemClock.now()).toISOString();
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  await checkBeforeStart(options);
  const target = await resolveTarget(options.target, options, (event) =>
    progress({ type: 'lab', message: `${event.step}: ${event.message}` }),
  );
  const labs = Math.min(target.concurrentLabs, options.scenarios.length);
  const labStart = target.clock.now();
  const wallStart = systemClock.now();
  let outcome: { lab: Lab; results: ScenarioResult[] };
  try {
    outcome =
      labs > 1
        ? await runSideBySide(options, target, labs, progress)
        : await runInOneLab(options, target, options.scenarios, progress, (i) => i);
  } finally {
    await target.stop();
  }
  return buildReport(outcome.lab, options.scenarios, outcome.results, {
    subset: options.subset === true,
    startedAt,
    durationMs: performance.now() - started,
    labAdvancedMs: isAdvanceable(target.clock)
      ? target.clock.now() - labStart - (systemClock.now() - wallStart)
      : 0,
    aborted: options.signal?.aborted === true,
  });
}

/** The target as one of several labs sees it: its own prefix, and not its to stop. */
function shareTarget(target: LabTarget, lab: number): LabTarget {
  return {
    ...target,
    prefix: `${target.prefix}lab${lab}-`,
    notes: lab === 0 ? target.notes : [],
    stop: async () => {},
  };
}

/**
 * Deals the scenarios out round-robin to `labs` labs on one target and runs those labs at once.
 * Results come back in the suite's order; a lab that cannot start reports its scenarios aborted.
 */
async function runSideBySide(
  options: SuiteOptions,
  target: LabTarget,
  labs: number,
  progress: ProgressListener,
): Promise<{ lab: Lab; results: ScenarioResult[] }> {
  progress({
    type: 'lab',
    message: `${options.scenarios.length} scenarios in ${labs} labs side by side on ${target.name} (each its own Vault and resource prefix)`,
  });
  // Every lab waits on the run's signal (sleeps, sink polls): more listeners than Node's default 10.
  if (options.signal) setMaxListeners(labs * 8, options.signal);
  const deals = Array.from({ length: labs }, (_, lab) =>
    options.scenarios.flatMap((scenario, index) => (index % labs === lab ? [{ scenario, index }] : [])),
  );
  const outcomes = await Promise.all(
    deals.map((deal, lab) =>
      runInOneLab(
        options,
        shareTarget(target, lab),
        deal.map((d) => d.scenario),
        (event) =>
          progress(event.type === 'lab' ? { ...event, message: `[lab ${lab}] ${event.message}` } : event),
        (i) => deal[i]!.index,
      ).catch((error: unknown) => {
        if (lab === 0) throw error;
        return { lab: undefined, results: deal.map((d) => abortedResult(d.scenario, errorMessage(error))) };
      }),
    ),
  );
  const results: ScenarioResult[] = new Array(options.scenarios.length);
  outcomes.forEach((outcome, lab) => outcome.results.forEach((r, i) => (results[deals[lab]![i]!.index] = r)));
  return { lab: outcomes[0]!.lab!, results };
}

/** One lab: up, first settle, the scenarios one after another, down. */
async function runInOneLab(
  options: SuiteOptions,
  target: LabTarget,
  scenarios: readonly AnyScenario[],
  progress: ProgressListener,
  suiteIndex: (i: number) => number,
): Promise<{ lab: Lab; results: ScenarioResult[] }> {
  const lab = await startLab({ ...options, target, onStep: (message) => progress({ type: 'lab', message }) });
  const results: ScenarioResult[] = [];
  const total = options.scenarios.length;
  try {
    progress({ type: 'lab', message: 'settling: every alarm to OK before the first scenario' });
    const settleStart = target.clock.now();
    await settle(lab, options.signal);
    progress({ type: 'settled', labMs: target.clock.now() - settleStart });
    for (const [i, scenario] of scenarios.entries()) {
      if (options.signal?.aborted) {
        results.push(abortedResult(scenario, 'run interrupted before this scenario'));
        continue;
      }
      const index = suiteIndex(i);
      progress({ type: 'scenario-start', name: scenario.name, index, total });
      const result = await runScenario(lab, scenario, {
        ...(options.signal ? { signal: options.signal } : {}),
        onPhase: (phase) => progress({ type: 'phase', name: scenario.name, phase }),
      });
      results.push(result);
      progress({ type: 'scenario-end', result, index, total });
    }
  } catch (error) {
    progress({ type: 'lab', message: `the run stopped: ${errorMessage(error)}` });
    for (const s of scenarios.slice(results.length)) results.push(abortedResult(s, errorMessage(error)));
  } finally {
    progress({ type: 'lab', message: 'stopping the lab' });
    await lab.stop();
  }
  return { lab, results };
}

/** A broken rule file or a scenario naming a rule the run lacks fails here, before Vault boots. */
async function checkBeforeStart(options: SuiteOptions): Promise<void> {
  const userFile = options.rulesFile ? await loadRuleFile(options.rulesFile) : undefined;
  const ruleSet = buildRuleSet({
    at: systemClock.now(),
    parameters: {},
    ...(userFile ? { userFile } : {}),
    checkPattern: checkFilterPattern,
  });
  checkScenarioRules(
    options.scenarios,
    ruleSet.rules.map((r) => r.id),
    userFile,
  );
}

function buildReport(
  lab: Lab,
  scenarios: readonly AnyScenario[],
  results: ScenarioResult[],
  meta: { subset: boolean; startedAt: string; durationMs: number; labAdvancedMs: number; aborted: boolean },
): SuiteReport {
  const totals = totalsOf(results);
  return {
    tool: 'vault-alarm-lab',
    target: lab.target.name,
    startedAt: meta.startedAt,
    durationMs: meta.durationMs,
    labAdvancedMs: Math.max(0, meta.labAdvancedMs),
    // Scenarios cut short by an error (not by Ctrl-C) leave the suite unproven: a failure.
    state: meta.aborted ? 'aborted' : totals.failed === 0 && totals.aborted === 0 ? 'success' : 'failure',
    subset: meta.subset,
    // An interrupted run exercised only the scenarios that finished: coverage must not claim more.
    rules: coverageOf(lab.ruleSet.rules, scenariosThatRan(scenarios, results)),
    scenarios: results,
    totals,
    notes: lab.notes,
  };
}

function abortedResult(scenario: AnyScenario, why: string): ScenarioResult {
  return {
    name: scenario.name,
    summary: scenario.summary,
    state: 'aborted',
    expected: [...scenario.expect.fire],
    fired: [],
    messages: 0,
    expectations: [],
    durationMs: 0,
    error: why,
    lookalikeFor: [...(scenario.lookalikeFor ?? [])],
  };
}
