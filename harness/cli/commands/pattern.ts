import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import pc from 'picocolors';
import { defineCommand } from '../command.ts';
import type { CliIo } from '../command.ts';
import { CliUsageError, LabError, errorMessage } from '../../errors.ts';
import {
  FilterPatternSyntaxError,
  MetricTransformationError,
  compileFilterPattern,
  compileMetricFilter,
  prepareEvent,
  syntaxHint,
} from '../../filter-pattern/index.ts';
import type {
  CompiledFilterPattern,
  CompiledMetricFilter,
  PatternKind,
  PreparedEvent,
  SkippedEmission,
} from '../../filter-pattern/index.ts';

const testOptions = {
  pattern: { type: 'string', short: 'p', description: 'The filter pattern to test', valueName: 'pattern' },
  event: {
    type: 'string',
    short: 'e',
    multiple: true,
    description: 'A log event message (repeat for several)',
    valueName: 'message',
  },
  'events-file': {
    type: 'string',
    short: 'f',
    description: "A file with one event per line ('-' reads stdin; blank lines are skipped)",
    valueName: 'file',
  },
  'metric-value': {
    type: 'string',
    multiple: true,
    description: 'Also show what a metric filter with this metricValue publishes (1, $.field, $name, $7)',
    valueName: 'value',
  },
  json: { type: 'boolean', description: 'Print the TestMetricFilter response ({"matches":[…]})' },
  all: { type: 'boolean', description: 'Also list the events that did not match' },
} as const;

const testCommand = defineCommand({
  name: 'test',
  summary: 'Test a filter pattern against log events, like `aws logs test-metric-filter`, offline.',
  options: testOptions,
  examples: [
    `vault-alarm-lab pattern test -p '{ $.type = "response" && $.error = "*permission denied*" }' -f audit.log`,
    `vault-alarm-lab pattern test -p '[ip, user, ..., status = 4*, bytes]' -e '10.0.0.1 - GET / 404 512' --metric-value '$bytes'`,
    `vault-alarm-lab pattern test -p ERROR -e '[ERROR] 400' -e '[INFO] 200' --json`,
  ],
  async run({ values, io, signal }) {
    const patternText = values.pattern;
    if (patternText === undefined) throw new CliUsageError('--pattern is required');
    const events = values.event;
    const file = values['events-file'];
    if (events.length === 0 && file === undefined)
      throw new CliUsageError('give the events with --event or --events-file');
    if (events.length > 0 && file !== undefined)
      throw new CliUsageError('use either --event or --events-file, not both');

    let pattern: CompiledFilterPattern;
    let metricFilters: { metricValue: string; filter: CompiledMetricFilter }[];
    try {
      pattern = compileFilterPattern(patternText);
      metricFilters = values['metric-value'].map((metricValue) => ({
        metricValue,
        filter: compileMetricFilter(patternText, [
          { metricName: 'PatternTest', metricNamespace: 'vault-alarm-lab', metricValue },
        ]),
      }));
    } catch (error) {
      if (error instanceof FilterPatternSyntaxError || error instanceof MetricTransformationError) {
        io.stderr.write(`${withHint(error)}\n`);
        return 2;
      }
      throw error;
    }

    const source = await eventSource(events, file, io);
    const output = values.json
      ? new JsonOutput(io, values['metric-value'])
      : new HumanOutput(io, pattern, values.all === true);
    let eventNumber = 0;
    for await (const message of source) {
      if (signal.aborted) return 130;
      eventNumber += 1;
      const event = prepareEvent(message);
      const { matched, extractedValues } = pattern.test(event);
      output.event({
        number: eventNumber,
        message,
        matched,
        extractedValues,
        metricValues: matched
          ? metricFilters.map(({ metricValue, filter }) => published(metricValue, filter, event))
          : [],
      });
    }
    output.end(eventNumber);
    return 0;
  },
});

const checkCommand = defineCommand({
  name: 'check',
  summary: 'Check that a filter pattern is valid (exit 0) or show where it is not (exit 2).',
  options: {
    pattern: { ...testOptions.pattern, description: 'The filter pattern to check (quote it for the shell)' },
    json: {
      type: 'boolean',
      description: 'Print the result as JSON: validity and kind, or the error code, position and hint',
    },
  },
  async run({ values, io }) {
    if (values.pattern === undefined) throw new CliUsageError('--pattern is required');
    try {
      const pattern = compileFilterPattern(values.pattern);
      if (values.json)
        io.stdout.write(
          JSON.stringify({ valid: true, kind: pattern.kind, regexCount: pattern.regexCount }) + '\n',
        );
      else io.stdout.write(`valid ${describeKind(pattern.kind)}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof FilterPatternSyntaxError)) throw error;
      if (values.json) {
        const { code, position, range, summary, awsMessage } = error;
        const hint = syntaxHint(error);
        io.stdout.write(
          JSON.stringify({
            valid: false,
            code,
            position,
            range,
            summary,
            awsMessage,
            ...(hint ? { hint } : {}),
          }) + '\n',
        );
      } else io.stderr.write(`${withHint(error)}\n`);
      return 2;
    }
  },
});

/** The error, and on a line of its own what the writer most likely meant, when there is a guess. */
function withHint(error: FilterPatternSyntaxError | MetricTransformationError): string {
  const hint = error instanceof FilterPatternSyntaxError ? syntaxHint(error) : undefined;
  return hint ? `${error.message}\n${hint}` : error.message;
}

export const patternCommand = defineCommand({
  name: 'pattern',
  summary: 'Work with CloudWatch Logs filter patterns offline (same engine as the emulator).',
  subcommands: { test: async () => testCommand, check: async () => checkCommand },
});

/** What one event produced, as both outputs show it. */
interface EventResult {
  /** 1-based, as TestMetricFilter numbers events. */
  readonly number: number;
  readonly message: string;
  readonly matched: boolean;
  readonly extractedValues: Record<string, string>;
  /**
   * One per --metric-value, in order (undefined where that metric filter did not match, which its
   * pattern being this one rules out); empty when the event did not match.
   */
  readonly metricValues: readonly (PublishedValue | undefined)[];
}

/** What a metric filter with `metricValue` publishes for a matching event, or why it publishes nothing. */
interface PublishedValue {
  readonly metricValue: string;
  readonly value: number | undefined;
  readonly skipped: SkippedEmission | undefined;
}

function published(
  metricValue: string,
  filter: CompiledMetricFilter,
  event: PreparedEvent,
): PublishedValue | undefined {
  const result = filter.evaluate(event);
  if (!result.matched) return undefined;
  return { metricValue, value: result.emissions[0]?.value, skipped: result.skipped[0] };
}

interface Output {
  event(result: EventResult): void;
  end(total: number): void;
}

/** Exactly TestMetricFilter's response; with --metric-value, a sibling `metricValues` list. */
class JsonOutput implements Output {
  private first = true;
  private readonly published: { metricValue: string; values: unknown[] }[];

  constructor(
    private readonly io: CliIo,
    metricValues: readonly string[],
  ) {
    this.published = metricValues.map((metricValue) => ({ metricValue, values: [] }));
    io.stdout.write('{"matches":[');
  }

  event({
    number: eventNumber,
    message: eventMessage,
    matched,
    extractedValues,
    metricValues,
  }: EventResult): void {
    if (!matched) return;
    this.io.stdout.write(
      (this.first ? '' : ',') + JSON.stringify({ eventNumber, eventMessage, extractedValues }),
    );
    this.first = false;
    metricValues.forEach((published, index) => {
      if (published === undefined) return;
      const { value, skipped } = published;
      this.published[index]!.values.push(
        value !== undefined ? { eventNumber, value } : { eventNumber, value: null, reason: skipped?.reason },
      );
    });
  }

  end(): void {
    const tail = this.published.length > 0 ? `],"metricValues":${JSON.stringify(this.published)}}` : ']}';
    this.io.stdout.write(`${tail}\n`);
  }
}

class HumanOutput implements Output {
  private matched = 0;
  private readonly c: ReturnType<typeof pc.createColors>;
  private readonly width: number;

  constructor(
    private readonly io: CliIo,
    pattern: CompiledFilterPattern,
    private readonly all: boolean,
  ) {
    this.c = pc.createColors(io.stdout.isTTY === true && !io.env['NO_COLOR']);
    this.width = Math.max(40, (io.stdout.columns ?? 120) - 11);
    io.stdout.write(
      `${this.c.bold('pattern')}  ${pattern.source}  ${this.c.dim(`(${describeKind(pattern.kind)})`)}\n\n`,
    );
  }

  event({ number, message, matched, extractedValues, metricValues }: EventResult): void {
    const { c } = this;
    if (matched) this.matched += 1;
    if (!matched && !this.all) return;
    const label = `event ${number}`.padEnd(9);
    this.io.stdout.write(`${c.bold(label)}  ${matched ? c.green('matched') : c.dim('no match')}\n`);
    this.io.stdout.write(`${' '.repeat(11)}${c.dim(truncate(message, this.width))}\n`);
    if (!matched) return;
    for (const [key, value] of Object.entries(extractedValues)) {
      this.io.stdout.write(
        `${' '.repeat(11)}${c.cyan(key)} = ${truncate(JSON.stringify(value), this.width - key.length - 3)}\n`,
      );
    }
    for (const published of metricValues) {
      if (published === undefined) continue;
      const { metricValue, value, skipped } = published;
      const shown =
        value !== undefined
          ? c.yellow(String(value))
          : c.red(
              `no datapoint (${skipped?.field ?? metricValue} ${skipped?.reason === 'value-missing' ? 'is missing' : 'is not a number'})`,
            );
      this.io.stdout.write(`${' '.repeat(11)}metric value ${metricValue} → ${shown}\n`);
    }
  }

  end(total: number): void {
    const summary = `${this.matched} of ${total} event${total === 1 ? '' : 's'} matched`;
    this.io.stdout.write(
      `${this.all || this.matched > 0 ? '\n' : ''}${this.matched > 0 ? this.c.green(summary) : summary}\n`,
    );
  }
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(1, width - 1))}…`;
}

function describeKind(kind: PatternKind): string {
  return kind === 'match-all' ? 'matches every event' : kind === 'terms' ? 'term pattern' : `${kind} pattern`;
}

/**
 * Events in TestMetricFilter order: the --event values, or the non-blank lines of the file. The file
 * is opened before anything is printed, so a bad path fails cleanly.
 */
async function eventSource(
  events: readonly string[],
  file: string | undefined,
  io: CliIo,
): Promise<AsyncIterable<string>> {
  if (file === undefined) return toAsync(events);
  const lines =
    file === '-' ? createInterface({ input: process.stdin, crlfDelay: Infinity }) : await openLines(file, io);
  return readEvents(lines, file);
}

async function* toAsync(events: readonly string[]): AsyncGenerator<string> {
  yield* events;
}

async function* readEvents(lines: AsyncIterable<string>, file: string): AsyncGenerator<string> {
  const iterator = lines[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = await iterator.next();
    } catch (error) {
      throw new LabError(
        'LAB_PATTERN_EVENTS_FILE',
        `cannot read --events-file ${file}: ${errorMessage(error)}`,
        { cause: error },
      );
    }
    if (next.done) return;
    const message = next.value.endsWith('\r') ? next.value.slice(0, -1) : next.value;
    if (message.trim() !== '') yield message;
  }
}

async function openLines(file: string, io: CliIo): Promise<AsyncIterable<string>> {
  const path = resolve(io.cwd, file);
  try {
    const handle = await open(path, 'r');
    return handle.readLines();
  } catch (error) {
    throw new LabError(
      'LAB_PATTERN_EVENTS_FILE',
      `cannot read --events-file ${path}: ${errorMessage(error)}`,
      { cause: error },
    );
  }
}
