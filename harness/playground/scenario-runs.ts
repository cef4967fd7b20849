import { errorMessage } from '../errors.ts';
import { runScenario } from '../runner/index.ts';
import type { AnyScenario, Lab, ScenarioResult } from '../runner/index.ts';

export interface ScenarioView {
  readonly name: string;
  readonly summary: string;
  readonly fire: readonly string[];
  readonly lookalikeFor: readonly string[];
}

/** What the Scenarios view shows while and after scenarios run. */
export interface ScenarioProgress {
  readonly running: string | undefined;
  readonly phase: string | undefined;
  /** Latest result per scenario name. */
  readonly results: Readonly<Record<string, ScenarioVerdict>>;
}

export interface ScenarioVerdict {
  readonly state: ScenarioResult['state'];
  readonly fired: readonly string[];
  readonly messages: number;
  /** The report's text for every failed expectation (and the error, if any). */
  readonly failures: readonly string[];
  readonly durationMs: number;
}

/**
 * Runs scenarios on the live lab with the runner's own `runScenario`, the code `run` uses, one at a
 * time: a scenario moves the lab clock and judges every alarm, so nothing else may touch the lab
 * meanwhile (the server refuses clock and Vault actions while `busy`).
 */
export class ScenarioRuns {
  #running: string | undefined;
  #phase: string | undefined;
  readonly #results: Record<string, ScenarioVerdict> = {};
  #queue: Promise<void> = Promise.resolve();
  #pending = 0;

  constructor(
    private readonly lab: Lab,
    private readonly scenarios: readonly AnyScenario[],
    private readonly onProgress: (progress: ScenarioProgress) => void,
    private readonly signal: AbortSignal,
  ) {}

  list(): ScenarioView[] {
    return this.scenarios.map((s) => ({
      name: s.name,
      summary: s.summary,
      fire: [...s.expect.fire],
      lookalikeFor: [...(s.lookalikeFor ?? [])],
    }));
  }

  get busy(): boolean {
    return this.#pending > 0;
  }

  progress(): ScenarioProgress {
    return { running: this.#running, phase: this.#phase, results: { ...this.#results } };
  }

  /** Queues the named scenarios (all when `names` is empty); resolves once they are queued. */
  start(names: readonly string[]): readonly string[] {
    const unknown = names.filter((n) => !this.scenarios.some((s) => s.name === n));
    if (unknown.length > 0) {
      throw new RangeError(`unknown scenario ${unknown.join(', ')}; see the Scenarios list for their names`);
    }
    const selected =
      names.length === 0 ? this.scenarios : this.scenarios.filter((s) => names.includes(s.name));
    this.#pending += selected.length;
    for (const scenario of selected) {
      this.#queue = this.#queue.then(() => this.#run(scenario));
    }
    return selected.map((s) => s.name);
  }

  /** Resolves when everything queued so far has run. */
  idle(): Promise<void> {
    return this.#queue;
  }

  async #run(scenario: AnyScenario): Promise<void> {
    this.#running = scenario.name;
    this.#phase = 'queued';
    this.#emit();
    try {
      if (this.signal.aborted) return;
      const result = await runScenario(this.lab, scenario, {
        signal: this.signal,
        onPhase: (phase) => {
          this.#phase = phase;
          this.#emit();
        },
      });
      this.#results[scenario.name] = verdictOf(result);
    } catch (error) {
      this.#results[scenario.name] = {
        state: 'error',
        fired: [],
        messages: 0,
        failures: [errorMessage(error)],
        durationMs: 0,
      };
    } finally {
      this.#pending--;
      this.#running = undefined;
      this.#phase = undefined;
      this.#emit();
    }
  }

  #emit(): void {
    this.onProgress(this.progress());
  }
}

function verdictOf(result: ScenarioResult): ScenarioVerdict {
  return {
    state: result.state,
    fired: result.fired,
    messages: result.messages,
    // Worded as the run report's "Failed scenarios" section.
    failures: [
      ...(result.error ? [`${result.state}: ${result.error}`] : []),
      ...result.expectations
        .filter((e) => e.verdict === 'fail')
        .map((e) => `${e.kind === 'fire' ? 'must fire' : 'must stay quiet'} ${e.ruleId}: ${e.detail}`),
    ],
    durationMs: result.durationMs,
  };
}
