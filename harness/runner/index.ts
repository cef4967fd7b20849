export { defineScenario } from './scenario.ts';
export type {
  AnyScenario,
  LabIdentities,
  ParameterContext,
  ScenarioContext,
  ScenarioDefinition,
} from './scenario.ts';
export {
  expectDenied,
  expectStatus,
  repeat,
  utcWindowAround,
  ScenarioStepError,
} from './scenario-helpers.ts';
export {
  BUILTIN_SCENARIO_DIR,
  loadScenarioFile,
  loadScenarios,
  resolveScenarioSelection,
  selectScenarios,
} from './load-scenarios.ts';
export { startLab, pinnedParameters, LAB_LOG_STREAM, LAB_VAULT_BACKENDS } from './lab.ts';
export type { Lab, LabOptions, LabVaultBackend } from './lab.ts';
export { runScenario } from './run-scenario.ts';
export { AlarmWatch } from './alarm-watch.ts';
export { runSuite } from './suite.ts';
export type { SuiteOptions } from './suite.ts';
export { settle } from './settle.ts';
export { evaluateExpectations, CANNOT_VERIFY } from './expectations.ts';
export type { ExpectationResult, ExpectationVerdict } from './expectations.ts';
export type { AlarmNotification, ObservedTransition, Observations } from './observations.ts';
export { startTarget } from './targets/select-target.ts';
export { TARGET_NAMES } from './targets/target.ts';
export type { LabTarget, TargetName, TargetTiming } from './targets/target.ts';
export { untilNextEvaluation, virtualClockWaiting, wallClockWaiting } from './targets/waiting.ts';
export type { TargetWaiting, VerdictWait, WallClockTiming } from './targets/waiting.ts';
export { renderTable } from './report/table.ts';
export { renderJunit } from './report/junit.ts';
export { createLiveView } from './report/live-view.ts';
export type { ProgressEvent, ProgressListener } from './report/live-view.ts';
export { coverageOf, totalsOf } from './verdict.ts';
export { techniqueMatrix, renderTechniqueMatrix } from './report/coverage-matrix.ts';
export type { TechniqueRow } from './report/coverage-matrix.ts';
export type { RuleCoverage, ScenarioResult, ScenarioState, SuiteReport } from './verdict.ts';
