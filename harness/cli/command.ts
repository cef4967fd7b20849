import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { CliUsageError } from '../errors.ts';

/**
 * One declarative definition per command: its options table drives parsing and `--help`, and its
 * `run` returns an exit status instead of exiting, so commands are testable in-process.
 */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly description: string;
  readonly short?: string;
  readonly multiple?: boolean;
  /** Shown in help as `--name <valueName>`. */
  readonly valueName?: string;
  readonly default?: string | boolean;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean'
  ? S['multiple'] extends true
    ? boolean[]
    : boolean
  : S['multiple'] extends true
    ? string[]
    : string;

export type OptionValues<T extends OptionTable> = {
  [K in keyof T]: T[K]['default'] extends string | boolean
    ? ValueOf<T[K]>
    : T[K]['multiple'] extends true
      ? ValueOf<T[K]>
      : ValueOf<T[K]> | undefined;
};

export interface CliIo {
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export interface CommandContext<T extends OptionTable = OptionTable> {
  readonly values: OptionValues<T>;
  readonly positionals: readonly string[];
  readonly io: CliIo;
  /** Aborts on SIGINT/SIGTERM: long-running commands stop cleanly when it fires. */
  readonly signal: AbortSignal;
}

export interface CommandDefinition<T extends OptionTable = OptionTable> {
  readonly name: string;
  readonly summary: string;
  /** Positional arguments, shown in usage, e.g. `<file>`. */
  readonly positionals?: readonly {
    readonly name: string;
    readonly description: string;
    readonly optional?: boolean;
    readonly variadic?: boolean;
  }[];
  readonly options?: T;
  readonly subcommands?: Readonly<Record<string, () => Promise<CommandDefinition<OptionTable>>>>;
  /** Extra help text (examples) printed after the options. */
  readonly examples?: readonly string[];
  run?(context: CommandContext<T>): Promise<number | void>;
}

export function defineCommand<const T extends OptionTable>(
  definition: CommandDefinition<T>,
): CommandDefinition<T> {
  return definition;
}

export function parseCommandArgs<T extends OptionTable>(
  definition: CommandDefinition<T>,
  args: readonly string[],
): { values: OptionValues<T>; positionals: string[] } {
  const table = definition.options ?? ({} as T);
  const options: Record<
    string,
    { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean }
  > = {};
  for (const [name, spec] of Object.entries(table)) {
    options[name] = {
      type: spec.type,
      ...(spec.short !== undefined ? { short: spec.short } : {}),
      ...(spec.multiple ? { multiple: true } : {}),
      ...(spec.default !== undefined ? { default: spec.default } : {}),
    };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: attachDashValues(args, table),
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliUsageError(describeParseError(error));
  }
  const values = parsed.values as Record<string, unknown>;
  for (const [name, spec] of Object.entries(table)) {
    if (spec.multiple && values[name] === undefined) values[name] = [];
  }
  const positionalSpecs = definition.positionals ?? [];
  const required = positionalSpecs.filter((p) => !p.optional).length;
  const variadic = positionalSpecs.some((p) => p.variadic);
  if (parsed.positionals.length < required) {
    const missing = positionalSpecs[parsed.positionals.length];
    throw new CliUsageError(`missing argument <${missing?.name ?? '?'}>`);
  }
  if (!variadic && parsed.positionals.length > positionalSpecs.length) {
    throw new CliUsageError(`unexpected argument '${parsed.positionals[positionalSpecs.length]}'`);
  }
  return { values: values as OptionValues<T>, positionals: parsed.positionals };
}

/**
 * Node's parser refuses `--pattern -ERROR` as ambiguous, yet filter patterns exclude terms with a
 * leading `-`. An option that takes a value always takes the next argument, so such pairs are joined
 * as `--pattern=-ERROR` before parsing. Arguments after `--` are left alone.
 */
function attachDashValues(args: readonly string[], table: OptionTable): string[] {
  const byShort = new Map(
    Object.entries(table).flatMap(([name, spec]) => (spec.short ? [[spec.short, name] as const] : [])),
  );
  const result: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      result.push(...args.slice(i));
      break;
    }
    const name = arg.startsWith('--') ? arg.slice(2) : /^-[^-]$/.test(arg) ? byShort.get(arg[1]!) : undefined;
    const next = args[i + 1];
    if (name !== undefined && table[name]?.type === 'string' && next !== undefined && next.startsWith('-')) {
      result.push(`--${name}=${next}`);
      i++;
      continue;
    }
    result.push(arg);
  }
  return result;
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Node's messages are long and mention parseArgs internals; keep the part a user needs.
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option '${unknown[1]}'`;
  const needsValue = /Option '([^']+)' argument missing/.exec(message);
  if (needsValue) return `option '${needsValue[1]}' needs a value`;
  const positional = /Unexpected argument '([^']+)'/.exec(message);
  if (positional) return `unexpected argument '${positional[1]}'`;
  return message.split('\n')[0] ?? message;
}

/**
 * @param subcommandSummaries one line per subcommand for the "Commands:" list (subcommands load
 *   lazily, so the caller resolves them).
 */
export function formatHelp(
  definition: CommandDefinition<OptionTable>,
  programPath: string,
  subcommandSummaries: Readonly<Record<string, string>> = {},
): string {
  const lines: string[] = [];
  const positionals = (definition.positionals ?? [])
    .map((p) => {
      const name = `<${p.name}>${p.variadic ? '...' : ''}`;
      return p.optional ? `[${name}]` : name;
    })
    .join(' ');
  const subs = definition.subcommands ? ' <command>' : '';
  const opts = definition.options && Object.keys(definition.options).length > 0 ? ' [options]' : '';
  lines.push(
    `Usage: ${programPath}${subs}${positionals ? ' ' + positionals : ''}${opts}`,
    '',
    definition.summary,
  );
  if (definition.subcommands) {
    lines.push('', 'Commands:');
    const width = Math.max(...Object.keys(definition.subcommands).map((name) => name.length)) + 2;
    for (const name of Object.keys(definition.subcommands)) {
      const summary = subcommandSummaries[name];
      lines.push(summary ? `  ${name.padEnd(width)} ${summary}` : `  ${name}`);
    }
    lines.push('', `Run '${programPath} <command> --help' for a command's options.`);
  }
  if (definition.positionals && definition.positionals.length > 0) {
    lines.push('', 'Arguments:');
    for (const p of definition.positionals) lines.push(`  ${p.name.padEnd(24)} ${p.description}`);
  }
  const options = Object.entries(definition.options ?? {});
  if (options.length > 0) {
    lines.push('', 'Options:');
    for (const [name, spec] of options) {
      const value = spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : '';
      const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${value}${spec.multiple ? ' ...' : ''}`;
      // false and '' are "not set": saying so in help adds nothing.
      const shown = spec.default !== undefined && spec.default !== false && spec.default !== '';
      const dflt = shown ? ` (default: ${String(spec.default)})` : '';
      lines.push(`  ${flag.padEnd(30)} ${spec.description}${dflt}`);
    }
  }
  if (definition.examples && definition.examples.length > 0) {
    lines.push('', 'Examples:', ...definition.examples.map((e) => `  ${e}`));
  }
  return lines.join('\n') + '\n';
}
