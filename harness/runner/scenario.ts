import type { VaultClient } from '../vault/client/vault-client.ts';
import type { PackParameters } from '../rules/index.ts';

/**
 * A scenario: what it does to Vault and which alarms that must raise. Every alarm not listed in
 * `expect.fire` must not change state at all (the runner asserts it), so each scenario is a negative
 * test for every other rule. `lookalikeFor` names the rules a scenario was designed to tempt with
 * similar-looking activity, which the report shows as their negative coverage.
 *
 * Phases: `setup` (not counted: the runner settles alarms and drains the sink after it), `act` (the
 * only phase whose audit entries are judged), `teardown` (after the verdict; its effects are settled
 * before the next scenario).
 */
export interface ScenarioDefinition<State = void> {
  /** kebab-case, unique; the file is `scenarios/<name>.ts`. */
  readonly name: string;
  /** One line: what happens, in Vault terms. */
  readonly summary: string;
  readonly expect: {
    /** Rule ids whose alarms must go to ALARM and notify (one SNS message each). */
    readonly fire: readonly string[];
  };
  readonly lookalikeFor?: readonly string[];
  /** Rule parameters for this scenario only (e.g. business hours around the current time). */
  readonly parameters?: (context: ParameterContext) => PackParameters;
  setup?(context: ScenarioContext): Promise<State>;
  act(context: ScenarioContext, state: State): Promise<void>;
  teardown?(context: ScenarioContext, state: State): Promise<void>;
}

export interface ParameterContext {
  /** Vault's clock (the wall clock): `$.time` in audit entries comes from it, not from the lab clock. */
  readonly wallNow: number;
}

/** Identities the runner creates once before the first scenario (their setup is never counted). */
export interface LabIdentities {
  /** The dev server's root token (display_name "root"). */
  readonly root: VaultClient;
  /** A non-root operator: policies, auth methods, audit devices, seal, child tokens; no root policy. */
  readonly admin: VaultClient;
  /** A token that may read `secret/data/allowed/*` and nothing else. */
  readonly limited: VaultClient;
  /** A client whose token Vault does not know. */
  readonly invalid: VaultClient;
}

export interface ScenarioContext {
  readonly identities: LabIdentities;
  readonly vault: {
    readonly address: string;
    readonly unsealKey: string;
    /** The lab's audit log as Vault sees it (inside a container it is not the host's path). */
    readonly auditLogPath: string;
    /** Path of the audit device the shipper follows (e.g. `file`). */
    readonly auditDevicePath: string;
  };
  /** A client acting as `token` (tokens minted in setup). */
  as(token: string): VaultClient;
  /** A directory private to this scenario run, as Vault sees it (extra audit files...). */
  readonly workDir: string;
  readonly signal: AbortSignal;
}

/** Identity helper so scenario files get type checking and inference of their setup state. */
export function defineScenario<State = void>(
  definition: ScenarioDefinition<State>,
): ScenarioDefinition<State> {
  return definition;
}

// Scenario lists mix State types; the runner only passes each scenario's own state back to it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyScenario = ScenarioDefinition<any>;
