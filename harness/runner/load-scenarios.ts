import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, errorMessage } from '../errors.ts';
import type { AnyScenario } from './scenario.ts';
import { rememberScenarioFile } from './scenario-source.ts';

/** Where the built-in scenarios live: `scenarios/` at the repository root. */
export const BUILTIN_SCENARIO_DIR = resolve(import.meta.dirname, '../../scenarios');

const NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Loads every `*.ts` file of a directory (one scenario per file, default export) and checks the
 * shape, so a typo in a scenario file fails before the lab starts rather than halfway through.
 */
export async function loadScenarios(dir: string = BUILTIN_SCENARIO_DIR): Promise<AnyScenario[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort();
  const scenarios: AnyScenario[] = [];
  for (const file of files) scenarios.push(await loadScenarioFile(join(dir, file)));
  const seen = new Set<string>();
  for (const s of scenarios) {
    if (seen.has(s.name)) throw new ConfigError(`scenario name '${s.name}' is used by two files in ${dir}`);
    seen.add(s.name);
  }
  return scenarios;
}

export async function loadScenarioFile(path: string): Promise<AnyScenario> {
  const where = `scenario file ${path}`;
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (error) {
    throw new ConfigError(`${where}: cannot load it (${errorMessage(error)})`, { cause: error });
  }
  const s = mod.default as Partial<AnyScenario> | undefined;
  if (!s || typeof s !== 'object')
    throw new ConfigError(`${where}: expected a default export made with defineScenario()`);
  if (typeof s.name !== 'string' || !NAME_PATTERN.test(s.name)) {
    throw new ConfigError(`${where}: 'name' must be kebab-case, got ${JSON.stringify(s.name)}`);
  }
  if (s.name !== basename(path, '.ts')) {
    throw new ConfigError(
      `${where}: 'name' is '${s.name}' but the file is named ${basename(path)}; keep them equal`,
    );
  }
  if (typeof s.summary !== 'string' || s.summary === '')
    throw new ConfigError(`${where}: 'summary' must be a non-empty string`);
  if (!s.expect || !Array.isArray(s.expect.fire))
    throw new ConfigError(`${where}: 'expect.fire' must be a list of rule ids`);
  if (typeof s.act !== 'function') throw new ConfigError(`${where}: 'act' must be a function`);
  rememberScenarioFile(s as AnyScenario, path);
  return s as AnyScenario;
}

/**
 * The scenarios `--scenario` asks for, in the order given: each entry is a built-in scenario's name
 * or the path (relative to `cwd`) of a scenario file. No entry means every scenario of `all`.
 */
export async function resolveScenarioSelection(
  all: readonly AnyScenario[],
  entries: readonly string[],
  cwd: string,
): Promise<AnyScenario[]> {
  if (entries.length === 0) return [...all];
  const picked: AnyScenario[] = [];
  for (const entry of entries) {
    picked.push(
      entry.endsWith('.ts') ? await loadScenarioFile(resolve(cwd, entry)) : selectScenarios(all, [entry])[0]!,
    );
  }
  return picked;
}

/** Keeps the scenarios named on the command line, in the given order; unknown names are an error. */
export function selectScenarios(all: readonly AnyScenario[], names: readonly string[]): AnyScenario[] {
  if (names.length === 0) return [...all];
  return names.map((name) => {
    const found = all.find((s) => s.name === name);
    if (!found) {
      throw new ConfigError(
        `unknown scenario '${name}'; known scenarios: ${all.map((s) => s.name).join(', ')}`,
      );
    }
    return found;
  });
}
