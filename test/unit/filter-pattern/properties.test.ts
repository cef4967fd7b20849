import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FilterPatternSyntaxError,
  MetricTransformationError,
  compileFilterPattern,
  compileMetricFilter,
  prepareEvent,
} from '../../../harness/filter-pattern/index.ts';
import type { CompiledFilterPattern } from '../../../harness/filter-pattern/index.ts';
import { loadVectors } from './vectors.ts';

/** Compiles, or returns the syntax error; anything else thrown fails the property. */
function compileOrSyntaxError(pattern: string): CompiledFilterPattern | FilterPatternSyntaxError {
  try {
    return compileFilterPattern(pattern);
  } catch (error) {
    if (error instanceof FilterPatternSyntaxError) {
      expect(error.position).toBeGreaterThanOrEqual(0);
      expect(error.position).toBeLessThanOrEqual(pattern.length);
      expect(error.range.end).toBeGreaterThan(error.range.start);
      expect(error.message.split('\n')).toHaveLength(3);
      return error;
    }
    throw error;
  }
}

/** Characters the grammar cares about, so random strings reach deep into the parsers. */
const grammarChar = fc.constantFrom(
  ...'{}[]()$.*%"\'\\,=!<>&|?-+ _aZ09e:@#/;^~\t\n'.split(''),
  '&&', '||', '...', 'IS', 'NULL', 'NOT', 'EXISTS', 'TRUE', '$.a', '[*]', '[0]', '%a%', '"x"', 'é', '😀',
); // prettier-ignore
const grammarString = fc.array(grammarChar, { maxLength: 40 }).map((parts) => parts.join(''));

const { vectors } = loadVectors();
const SEEDS = [
  ...new Set([
    ...vectors.map((v) => v.pattern),
    '{ $.type = "response" && ($.request.path = "sys/policy/*" || $.request.path = "sys/policies/acl/*") && $.error NOT EXISTS }',
    '{ $.type = "request" && $.auth.client_token = "hmac-sha256:*" && $.time = %T0[0-7]|T1[89]|T2[0-3]% }',
    '[ip, user, ..., status_code = 4* && status_code != 403, bytes > 1000]',
  ]),
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: grammarChar }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: grammarChar }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 12 }),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(pattern: string, mutations: readonly Mutation[]): string {
  let out = pattern;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.kind === 'replace') out = out.slice(0, at) + m.text + out.slice(at + 1);
    else out = out.slice(0, at) + out.slice(at, at + m.length) + out.slice(at);
  }
  return out;
}

/** Events of every shape: JSON objects, text, space-delimited lines with quotes and brackets. */
const jsonEvent = fc
  .dictionary(
    fc.constantFrom('a', 'type', 'eventType', 'n', 'list', 'cluster.name', 'x'),
    fc.jsonValue({ maxDepth: 3 }),
    { maxKeys: 6 },
  )
  .map((value) => JSON.stringify(value));
const textEvent = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc
    .array(fc.constantFrom('ERROR', 'WARN', '"a b"', '[x y]', '404', '-', '1534', '"', '[', 'é', '\t'), {
      maxLength: 10,
    })
    .map((w) => w.join(' ')),
);
const anyEvent = fc.oneof(jsonEvent, textEvent);

function evaluateEverything(compiled: CompiledFilterPattern, events: readonly string[]): void {
  for (const message of events) {
    const event = prepareEvent(message);
    const matched = compiled.matches(event);
    const tested = compiled.test(event);
    expect(tested.matched).toBe(matched);
    for (const value of Object.values(tested.extractedValues)) expect(typeof value).toBe('string');
  }
}

describe('filter pattern properties', () => {
  it('random patterns compile or raise FilterPatternSyntaxError, and compiled ones evaluate without throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(grammarString, fc.string({ maxLength: 60 })),
        fc.array(anyEvent, { maxLength: 4 }),
        (pattern, events) => {
          const compiled = compileOrSyntaxError(pattern);
          if (!(compiled instanceof FilterPatternSyntaxError)) evaluateEverything(compiled, events);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('mutated valid patterns compile or raise FilterPatternSyntaxError, and evaluate without throwing', () => {
    expect(SEEDS.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.array(anyEvent, { maxLength: 4 }),
        (seed, mutations, events) => {
          const compiled = compileOrSyntaxError(mutate(seed, mutations));
          if (!(compiled instanceof FilterPatternSyntaxError)) evaluateEverything(compiled, events);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('every seed pattern evaluates against arbitrary events without throwing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          ...SEEDS.filter((s) => !(compileOrSyntaxError(s) instanceof FilterPatternSyntaxError)),
        ),
        fc.array(anyEvent, { minLength: 1, maxLength: 6 }),
        (seed, events) => {
          evaluateEverything(compileFilterPattern(seed), events);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('metric filters compile or raise one of the two documented errors, and apply without throwing', () => {
    const metricValue = fc.oneof(
      fc.constantFrom('1', '$.a', '$.n', '$a', '$1', '$9', '$.list[*]', 'x', '-1e3', '$', '$.'),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        metricValue,
        fc.option(fc.double()),
        fc.array(anyEvent, { maxLength: 3 }),
        (pattern, value, defaultValue, events) => {
          try {
            const filter = compileMetricFilter(pattern, [
              {
                metricName: 'M',
                metricNamespace: 'N',
                metricValue: value,
                ...(defaultValue === null ? {} : { defaultValue }),
              },
            ]);
            for (const event of events) {
              const emissions = filter.apply(event);
              for (const emission of emissions ?? []) expect(Number.isFinite(emission.value)).toBe(true);
            }
          } catch (error) {
            if (!(error instanceof FilterPatternSyntaxError || error instanceof MetricTransformationError))
              throw error;
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('regex evaluation is bounded on hostile input', () => {
  // Each of these takes exponential or high-polynomial time in a backtracking engine on such events.
  const HOSTILE = [
    'a*a*a*a*a*a*a*a*a*a*a*a*b',
    '^a|aa*$',
    '.*.*.*.*.*.*.*=.*x',
    '[a-z]{1,200}[0-9]',
    'a.{40}b',
    '\\w+\\s*\\w+\\s*\\w+\\s*\\x21',
    '.{1,999}x',
  ];
  const EVENT_LENGTH = 200_000;

  it.each(HOSTILE)(`%s against a ${EVENT_LENGTH}-character event finishes quickly`, (regex) => {
    const pattern = compileFilterPattern(`%${regex}%`);
    const json = compileFilterPattern(`{ $.a = %${regex}% }`);
    const message = 'a'.repeat(EVENT_LENGTH);
    const started = performance.now();
    expect(pattern.matches(message)).toBe(pattern.matches(message)); // twice: cold and warm DFA cache
    json.matches(JSON.stringify({ a: message }));
    // Linear matching takes a few milliseconds here; backtracking would take longer than the universe.
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('stays bounded for random regexes on long random events', () => {
    const piece = fc.tuple(
      fc.constantFrom('a', 'b', '.', '[ab]', '\\w', '\\s'),
      fc.constantFrom('', '*', '+', '?', '{1,50}', '{20,}'),
    );
    const regex = fc
      .array(
        fc.array(piece, { minLength: 1, maxLength: 10 }).map((p) => p.map(([a, q]) => a + q).join('')),
        { minLength: 1, maxLength: 3 },
      )
      .map((alts) => alts.join('|'));
    fc.assert(
      fc.property(
        regex,
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'c'), minLength: 20_000, maxLength: 20_000 }),
        (source, message) => {
          const started = performance.now();
          compileFilterPattern(`%${source}%`).matches(message);
          expect(performance.now() - started).toBeLessThan(1000);
        },
      ),
      { numRuns: 50 },
    );
  });
});
