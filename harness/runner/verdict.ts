import type { ExpectationResult } from './expectations.ts';

/** Outcome of one scenario: a value, never an exception (only the CLI maps it to an exit status). */
export type ScenarioState = 'success' | 'failure' | 'timeout' | 'error' | 'aborted';

export interface Latency {
  /** First Vault request of the act phase → first alarm notification at the sink, on the lab clock. */
  readonly labMs: number;
  /** The same on the wall clock (what a run really waited). */
  readonly wallMs: number;
}

export interface ScenarioResult {
  readonly name: string;
  readonly summary: string;
  readonly state: ScenarioState;
  /** Rule ids expected to fire. */
  readonly expected: readonly string[];
  /** Rule ids whose alarm went to ALARM during the act phase. */
  readonly fired: readonly string[];
  /** Alarm notifications received for the act phase. */
  readonly messages: number;
  readonly expectations: readonly ExpectationResult[];
  readonly latency?: Latency;
  readonly durationMs: number;
  /** For error/timeout/aborted: what went wrong. */
  readonly error?: string;
  /** Rule ids the scenario was designed to tempt (negative coverage). */
  readonly lookalikeFor: readonly string[];
}

export interface RuleCoverage {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly severity: string;
  /** MITRE ATT&CK technique ids the rule detects. */
  readonly techniques: readonly string[];
  /** Scenarios expecting the rule to fire. */
  readonly positive: readonly string[];
  /** Scenarios designed as look-alikes for the rule. */
  readonly negative: readonly string[];
}

export interface SuiteReport {
  readonly tool: 'vault-alarm-lab';
  readonly target: string;
  readonly startedAt: string;
  readonly durationMs: number;
  /** Lab time the clock was moved forward (local target). */
  readonly labAdvancedMs: number;
  readonly state: 'success' | 'failure' | 'aborted';
  /**
   * Only some scenarios ran (`--scenario`): `rules` then counts the selected scenarios only, so a rule
   * without a scenario there is not a gap in the suite. In an aborted run `rules` counts only the
   * scenarios that ran to the end.
   */
  readonly subset: boolean;
  readonly rules: readonly RuleCoverage[];
  readonly scenarios: readonly ScenarioResult[];
  /** `failed` counts scenarios that ran and failed; `aborted` the ones an interruption cut or skipped. */
  readonly totals: {
    readonly passed: number;
    readonly failed: number;
    readonly aborted: number;
    readonly unverifiable: number;
  };
  /** Facts about the run a reader needs (pinned business hours, target limits...). */
  readonly notes: readonly string[];
}

/** A scenario's state from its expectation verdicts (no failure = success; unverifiable is not failure). */
export function stateFromExpectations(expectations: readonly ExpectationResult[]): ScenarioState {
  return expectations.some((e) => e.verdict === 'fail') ? 'failure' : 'success';
}

export function totalsOf(scenarios: readonly ScenarioResult[]): SuiteReport['totals'] {
  return {
    passed: scenarios.filter((s) => s.state === 'success').length,
    failed: scenarios.filter((s) => s.state !== 'success' && s.state !== 'aborted').length,
    aborted: scenarios.filter((s) => s.state === 'aborted').length,
    unverifiable: scenarios.reduce(
      (n, s) => n + s.expectations.filter((e) => e.verdict === 'unverifiable').length,
      0,
    ),
  };
}

export function coverageOf(
  rules: ReadonlyArray<{
    id: string;
    title: string;
    source: string;
    severity: string;
    techniques: readonly string[];
  }>,
  scenarios: ReadonlyArray<{
    name: string;
    expect: { fire: readonly string[] };
    lookalikeFor?: readonly string[];
  }>,
): RuleCoverage[] {
  return rules.map((r) => ({
    id: r.id,
    title: r.title,
    source: r.source,
    severity: r.severity,
    techniques: r.techniques,
    positive: scenarios.filter((s) => s.expect.fire.includes(r.id)).map((s) => s.name),
    negative: scenarios.filter((s) => (s.lookalikeFor ?? []).includes(r.id)).map((s) => s.name),
  }));
}

/** The scenarios that ran to the end (an interrupted run's coverage counts only these). */
export function scenariosThatRan<S extends { name: string }>(
  scenarios: readonly S[],
  results: readonly ScenarioResult[],
): S[] {
  return scenarios.filter((s) => results.some((r) => r.name === s.name && r.state !== 'aborted'));
}
