import { readFileSync } from 'node:fs';
import { AgentConfigError } from './agent-config-error.ts';
import { issue } from './schema-check.ts';

/**
 * The config file's JSON, or an AgentConfigError that names the file and says why it cannot be used
 * (missing, a directory, not JSON: with the line and column of the JSON error).
 */
export function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : String((error as Error).message);
    throw new AgentConfigError(file, [issue('', file, `cannot read the config file: ${why}`, false)], {
      cause: error,
    });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AgentConfigError(
      file,
      [issue('', file, `not valid JSON: ${withLineColumn(detail, text)}`, false)],
      { cause: error },
    );
  }
}

/** "… at position 103" → "… at position 103 (line 1, column 104)". */
function withLineColumn(detail: string, text: string): string {
  const match = /position (\d+)/.exec(detail);
  if (!match) return detail;
  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return detail.replace(match[0], `${match[0]} (line ${line}, column ${column})`);
}
