import type { FilterPatternAst, PatternKind } from './ast.ts';
import { compileJsonPattern, collectSelectors } from './evaluate-json.ts';
import { SpaceDelimitedMatcher } from './evaluate-space-delimited.ts';
import { compileTermPattern } from './evaluate-terms.ts';
import { JsonExtractor, extractSpaceDelimited } from './extract.ts';
import { resolveFilterPatternOptions } from './options.ts';
import type { FilterPatternOptions, ResolvedFilterPatternOptions } from './options.ts';
import { parseWithOptions } from './parser.ts';
import { asPreparedEvent } from './prepared-event.ts';
import type { PreparedEvent } from './prepared-event.ts';

/** TestMetricFilter's view of one event: did it match, and what did the filter extract. */
export interface FilterPatternTestResult {
  readonly matched: boolean;
  /** `"$.a.b"`, `"$name"` or `"$1"` keys, as TestMetricFilter reports them; `{}` when not matched. */
  readonly extractedValues: Record<string, string>;
}

/** A pattern parsed, validated and compiled once; evaluating it never re-parses. */
export interface CompiledFilterPattern {
  readonly source: string;
  readonly kind: PatternKind;
  readonly ast: FilterPatternAst;
  /** How many `%regex%` the pattern contains (AWS allows 5 regex-containing filters per log group). */
  readonly regexCount: number;
  matches(event: PreparedEvent | string): boolean;
  /** TestMetricFilter semantics: matched + extractedValues. */
  test(event: PreparedEvent | string): FilterPatternTestResult;
}

const NO_MATCH: FilterPatternTestResult = Object.freeze({
  matched: false,
  extractedValues: Object.freeze({}),
});

/**
 * Parses, validates and compiles a filter pattern. Throws FilterPatternSyntaxError for anything
 * PutMetricFilter / TestMetricFilter would reject with InvalidParameterException.
 */
export function compileFilterPattern(pattern: string, options?: FilterPatternOptions): CompiledFilterPattern {
  const resolved = resolveFilterPatternOptions(options);
  return new CompiledPattern(pattern, parseWithOptions(pattern, resolved), resolved);
}

/** The implementation behind CompiledFilterPattern; metric filters also use its field access. */
export class CompiledPattern implements CompiledFilterPattern {
  readonly kind: PatternKind;
  readonly regexCount: number;
  /** Set for space-delimited patterns: binds fields to slots (metric values, dimensions). */
  readonly spaceDelimited: SpaceDelimitedMatcher | undefined;
  private readonly matcher: (event: PreparedEvent) => boolean;
  private readonly extractor: (event: PreparedEvent) => FilterPatternTestResult;

  constructor(
    readonly source: string,
    readonly ast: FilterPatternAst,
    options: ResolvedFilterPatternOptions,
  ) {
    this.regexCount = (source.match(/%/g)?.length ?? 0) > 1 ? countRegex(ast) : 0;
    switch (ast.type) {
      case 'MatchAll':
        this.kind = 'match-all';
        this.matcher = () => true;
        this.extractor = () => ({ matched: true, extractedValues: {} });
        break;
      case 'TermPattern': {
        this.kind = 'terms';
        const test = compileTermPattern(ast, source);
        this.matcher = (event) => test(event.message);
        this.extractor = (event) => (test(event.message) ? { matched: true, extractedValues: {} } : NO_MATCH);
        break;
      }
      case 'JsonPattern': {
        this.kind = 'json';
        const test = compileJsonPattern(ast, source);
        const extractor =
          options.choices.jsonExtractedValues === 'selectors'
            ? new JsonExtractor(collectSelectors(ast.expression).values())
            : undefined;
        this.matcher = (event) => {
          const root = event.json();
          return root !== undefined && test(root);
        };
        this.extractor = (event) => {
          const root = event.json();
          if (root === undefined || !test(root)) return NO_MATCH;
          return { matched: true, extractedValues: extractor ? extractor.extract(root) : {} };
        };
        break;
      }
      case 'SpaceDelimitedPattern': {
        this.kind = 'space-delimited';
        const matcher = new SpaceDelimitedMatcher(ast, source, options.choices);
        this.spaceDelimited = matcher;
        this.matcher = (event) => matcher.bind(event) !== undefined;
        this.extractor = (event) => {
          const binding = matcher.bind(event);
          return binding === undefined
            ? NO_MATCH
            : { matched: true, extractedValues: extractSpaceDelimited(ast, binding) };
        };
        break;
      }
    }
  }

  matches(event: PreparedEvent | string): boolean {
    return this.matcher(asPreparedEvent(event));
  }

  test(event: PreparedEvent | string): FilterPatternTestResult {
    return this.extractor(asPreparedEvent(event));
  }
}

function countRegex(ast: FilterPatternAst): number {
  let count = 0;
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if ((node as { type?: unknown }).type === 'Regex') {
      count += 1;
      return;
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(ast);
  return count;
}
