import { isAdvanceable, systemClock } from '../clock.ts';
import { errorMessage } from '../errors.ts';
import { buildRuleSet, checkFilterPattern, loadRuleFile } from '../rules/index.ts';
import { checkScenarioRules } from './check-scenarios.ts';
import { startLab } from './lab.ts';
import type { Lab, LabOptions } from './lab.ts';
import { coverageOf, scenariosThatRan, totalsOf } from './report/model.ts';
import type { ScenarioResult, SuiteReport } from './report/model.ts';
import type { ProgressListener } from './report/live-view.ts';
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
 * target asks for it, also after Ctrl-C) and returns the report. Never throws for scenario outcomes;
 * throws only when the lab itself cannot start.
 */
export async function runSuite(options: SuiteOptions): Promise<SuiteReport> {
  const startedAt = new Date(systemClock.now()).toISOString();
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  await checkBeforeStart(options);
  const lab = await startLab({ ...options, onStep: (message) => progress({ type: 'lab', message }) });
  const labStart = lab.target.clock.now();
  const wallStart = systemClock.now();
  const results: ScenarioResult[] = [];
  try {
    progress({ type: 'lab', message: 'settling: every alarm to OK before the first scenario' });
    await settle(lab, options.signal);
    const total = options.scenarios.length;
    for (const [index, scenario] of options.scenarios.entries()) {
      if (options.signal?.aborted) {
        results.push(abortedResult(scenario, 'run interrupted before this scenario'));
        continue;
      }
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
    for (const s of options.scenarios.slice(results.length))
      results.push(abortedResult(s, errorMessage(error)));
  } finally {
    progress({ type: 'lab', message: 'stopping the lab' });
    await lab.stop();
  }
  return buildReport(lab, options.scenarios, results, {
    subset: options.subset === true,
    startedAt,
    durationMs: performance.now() - started,
    labAdvancedMs: isAdvanceable(lab.target.clock)
      ? lab.target.clock.now() - labStart - (systemClock.now() - wallStart)
      : 0,
    aborted: options.signal?.aborted === true,
  });
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
