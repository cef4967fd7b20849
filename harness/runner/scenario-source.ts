import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyScenario } from './scenario.ts';

/**
 * Which file each loaded scenario came from, so a problem with it (an expectation naming no rule, an
 * exception in its act phase) can point at the file, and at the line when the stack has it.
 */
const files = new WeakMap<AnyScenario, string>();

export function rememberScenarioFile(scenario: AnyScenario, path: string): void {
  files.set(scenario, path);
}

export function scenarioFileOf(scenario: AnyScenario): string | undefined {
  return files.get(scenario);
}

/** `scenarios/foo.ts:23:11`: the innermost stack frame in the scenario's file (paths relative to cwd). */
export function whereInScenario(error: unknown, file: string): string | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (!stack) return undefined;
  for (const line of stack.split('\n')) {
    const frame = /\(?((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!frame) continue;
    const path = frame[1]!.startsWith('file://') ? fileURLToPath(frame[1]!) : frame[1]!;
    if (path === file) return `${displayPath(file)}:${frame[2]}:${frame[3]}`;
  }
  return undefined;
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}
