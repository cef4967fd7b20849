import { createInterface } from 'node:readline';
import { execa } from 'execa';

export interface GoCommandOptions {
  readonly cwd: string;
  readonly env: Record<string, string>;
  /** Each stderr line as it arrives (go writes its progress, `-x`/`-v` output and errors there). */
  readonly onLine?: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Run under `nice -n N` (a build on a shared machine). */
  readonly niceness?: number;
}

export interface GoCommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  /** Last stderr lines, for error messages. */
  readonly tail: string;
  readonly command: string;
}

const TAIL_LINES = 40;

export async function runGoCommand(
  go: string,
  args: readonly string[],
  options: GoCommandOptions,
): Promise<GoCommandResult> {
  const nice = options.niceness !== undefined && options.niceness !== 0;
  const file = nice ? 'nice' : go;
  const argv = nice ? ['-n', String(options.niceness), go, ...args] : [...args];
  const subprocess = execa(file, argv, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    buffer: { stdout: true, stderr: false },
    ...(options.signal ? { cancelSignal: options.signal } : {}),
    forceKillAfterDelay: 5_000,
  });
  const tail: string[] = [];
  const lines = createInterface({ input: subprocess.stderr! });
  lines.on('line', (line) => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    options.onLine?.(line);
  });
  const result = await subprocess;
  return {
    exitCode: result.exitCode ?? -1,
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    tail: tail.join('\n'),
    command: `go ${args.join(' ')}`,
  };
}

/** `go mod download -json` prints a stream of JSON objects (not an array). */
export function parseJsonStream(text: string): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0 && start >= 0) {
        objects.push(JSON.parse(text.slice(start, i + 1)) as Record<string, unknown>);
        start = -1;
      }
    }
  }
  return objects;
}
