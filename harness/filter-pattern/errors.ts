import { LabError } from '../errors.ts';

/**
 * Stable error codes of FilterPatternSyntaxError. Callers and tests branch on these, never on the
 * message. Each maps to the InvalidParameterException text AWS returns (see `awsMessageFor`).
 */
export const FILTER_PATTERN_ERROR_CODES = {
  FP_PATTERN_TOO_LONG: 'the pattern is longer than 1024 characters',
  FP_UNEXPECTED_CHARACTER: 'a character that cannot start any token here',
  FP_UNEXPECTED_TOKEN: 'a token the grammar does not allow here',
  FP_UNEXPECTED_END: 'the pattern ends where more is required',
  FP_TRAILING_INPUT: 'text after the closing } or ]',
  FP_EMPTY_BODY: '{ } or [ ] with nothing inside',
  FP_UNTERMINATED_STRING: 'a " without its closing "',
  FP_UNTERMINATED_REGEX: 'a % without its closing %',
  FP_INVALID_TERM_CHARACTER: 'an unquoted term with a character other than A-Z a-z 0-9 _',
  FP_DETACHED_PREFIX: 'a - or ? not attached to the term it modifies',
  FP_EXPECTED_SELECTOR: 'a JSON condition that does not start with $.',
  FP_INVALID_SELECTOR: 'a malformed property selector',
  FP_EXPECTED_OPERATOR: 'a selector or field without = != < > <= >= IS NOT',
  FP_EXPECTED_VALUE: 'an operator without a value after it',
  FP_INVALID_VALUE: 'an unquoted value with characters that must be quoted, or a single-quoted value',
  FP_NUMERIC_OPERATOR_NEEDS_NUMBER: '< > <= >= with something other than an unquoted number',
  FP_UNSUPPORTED_KEYWORD: 'a keyword AWS does not support (EXISTS, IS NOT) or not in upper case',
  FP_TOO_MANY_WILDCARDS_IN_SELECTOR: 'more than one wildcard ([*] or .*) in one selector',
  FP_TOO_MANY_WILDCARD_SELECTORS: 'more than three wildcard selectors in one pattern',
  FP_TOO_MANY_REGEX: 'more than two %regex% in one pattern',
  FP_NESTING_TOO_DEEP: 'parentheses nested deeper than the lab limit',
  FP_INVALID_FIELD_NAME: 'a space-delimited field name that is not [A-Za-z_][A-Za-z0-9_]*',
  FP_DUPLICATE_FIELD: 'a space-delimited field name (or ...) used twice',
  FP_SLOT_FIELD_MISMATCH: 'conditions in one space-delimited slot that name different fields',
  FP_REGEX_NOT_STANDALONE: 'a %regex% combined with other terms in an unstructured pattern',
  FP_REGEX_INVALID_CHARACTER: 'a regex character outside the set AWS allows',
  FP_REGEX_EMPTY: 'an empty %% regex or an empty alternative',
  FP_REGEX_NOTHING_TO_REPEAT: 'a quantifier with nothing before it, or two quantifiers in a row',
  FP_REGEX_INVALID_QUANTIFIER: 'a malformed {m,n} or one with m > n',
  FP_REGEX_REPEAT_TOO_LARGE: 'a {m,n} count above the lab limit of 1000',
  FP_REGEX_TOO_LARGE: 'a regex whose compiled program exceeds the lab limit',
  FP_REGEX_UNTERMINATED_CLASS: 'a [ without its closing ]',
  FP_REGEX_INVALID_CLASS: 'an empty or malformed [...] class or range',
  FP_REGEX_UNSUPPORTED_ESCAPE: 'a backslash escape AWS does not document (\\b, \\1, \\p, ...)',
  FP_REGEX_UNESCAPED_BRACKET: 'a ] or } outside a class or quantifier (escape it)',
} as const;

export type FilterPatternErrorCode = keyof typeof FILTER_PATTERN_ERROR_CODES;

/** The texts AWS is known (or, where marked in GRAMMAR.md, assumed) to return for a rejected pattern. */
export const AWS_INVALID_PATTERN_MESSAGE = 'Invalid metric filter pattern';
export const AWS_INVALID_CHARACTER_MESSAGE = 'Invalid character(s) in term';
/** FilterLogEvents words the generic case without "metric" (aws-toolkit-jetbrains #3219). */
export const AWS_INVALID_FILTER_PATTERN_MESSAGE = 'Invalid filter pattern';

/**
 * The InvalidParameterException message for `error` as `operation` words it: `awsMessage` is
 * PutMetricFilter's and TestMetricFilter's ("Invalid metric filter pattern"); FilterLogEvents says
 * "Invalid filter pattern" for the same generic case. Specific messages are the same everywhere.
 */
export function awsMessageFor(
  error: FilterPatternSyntaxError,
  operation: 'PutMetricFilter' | 'TestMetricFilter' | 'FilterLogEvents',
): string {
  return operation === 'FilterLogEvents' && error.awsMessage === AWS_INVALID_PATTERN_MESSAGE
    ? AWS_INVALID_FILTER_PATTERN_MESSAGE
    : error.awsMessage;
}

export interface SourceRange {
  /** 0-based offset of the first offending character. */
  readonly start: number;
  /** 0-based offset just past the offending text (`start + 1` for a single character). */
  readonly end: number;
}

/** A pattern AWS would refuse (PutMetricFilter / TestMetricFilter → InvalidParameterException). */
export class FilterPatternSyntaxError extends LabError {
  declare readonly code: FilterPatternErrorCode;
  readonly pattern: string;
  /** 0-based offset into `pattern`; equals `range.start`. */
  readonly position: number;
  readonly range: SourceRange;
  /** One line, no position: "expected a value after '='". */
  readonly summary: string;
  /** The InvalidParameterException message AWS returns for this pattern (what the emulator sends). */
  readonly awsMessage: string;

  constructor(
    code: FilterPatternErrorCode,
    summary: string,
    pattern: string,
    range: SourceRange,
    awsMessage: string = AWS_INVALID_PATTERN_MESSAGE,
  ) {
    const oneLine = escapeControlCharacters(summary);
    super(code, formatSyntaxMessage(oneLine, pattern, range));
    this.pattern = pattern;
    this.position = range.start;
    this.range = range;
    this.summary = oneLine;
    this.awsMessage = awsMessage;
  }
}

/**
 * Syntax the lab refuses because AWS's behaviour for it is undocumented (a guess would make the lab
 * disagree with CloudWatch silently). Same shape as its parent, so callers need one `instanceof`.
 */
export class UnsupportedFilterPatternError extends FilterPatternSyntaxError {}

/** A metric transformation PutMetricFilter would refuse; `field` names the offending member. */
export class MetricTransformationError extends LabError {
  readonly field: string;
  readonly awsMessage: string;

  constructor(code: MetricTransformationErrorCode, field: string, message: string, awsMessage: string) {
    super(code, `Invalid metric transformation: ${field}: ${message}`);
    this.field = field;
    this.awsMessage = awsMessage;
  }
}

export const METRIC_TRANSFORMATION_ERROR_CODES = {
  MT_COUNT: 'not exactly one metric transformation',
  MT_REQUIRED: 'metricName, metricNamespace or metricValue missing',
  MT_TOO_LONG: 'a member longer than the API model allows',
  MT_INVALID_NAME: 'metricName or metricNamespace containing : * or $',
  MT_INVALID_VALUE: 'metricValue that is neither a number nor a field of the pattern',
  MT_INVALID_DEFAULT_VALUE: 'defaultValue that is not a finite number',
  MT_DEFAULT_WITH_DIMENSIONS: 'defaultValue and dimensions together',
  MT_DIMENSIONS_UNSUPPORTED: 'dimensions on a pattern that is not JSON or space-delimited',
  MT_TOO_MANY_DIMENSIONS: 'more than three dimensions',
  MT_INVALID_DIMENSION: 'a dimension key or value AWS rejects',
  MT_INVALID_UNIT: 'a unit that is not a CloudWatch StandardUnit',
} as const;

export type MetricTransformationErrorCode = keyof typeof METRIC_TRANSFORMATION_ERROR_CODES;

/** How far either side of the error the excerpt reaches before it is cut with an ellipsis. */
const EXCERPT_RADIUS = 60;

/**
 * "Invalid filter pattern at position 14: expected a value after '='" followed by the pattern (or
 * the part around the error, for long ones) and a caret under the offending text. Control
 * characters print as spaces so the caret stays aligned.
 */
export function formatSyntaxMessage(summary: string, pattern: string, range: SourceRange): string {
  const start = Math.max(0, Math.min(range.start, pattern.length));
  const end = Math.max(start + 1, Math.min(range.end, pattern.length + 1));
  const from = Math.max(0, start - EXCERPT_RADIUS);
  const to = Math.min(pattern.length, end + EXCERPT_RADIUS);
  const prefix = from > 0 ? '…' : '';
  const suffix = to < pattern.length ? '…' : '';
  const excerpt =
    prefix +
    pattern
      .slice(from, to)
      .split('')
      .map((ch) => (ch < ' ' || ch === '\u007f' ? ' ' : ch))
      .join('') +
    suffix;
  const caretColumn = prefix.length + (start - from);
  const width = Math.min(end, to + 1) - start;
  const marker = '^' + '~'.repeat(Math.max(0, width - 1));
  return [
    `Invalid filter pattern at position ${start}: ${summary}`,
    `  ${excerpt}`,
    `  ${' '.repeat(caretColumn)}${marker}`,
  ].join('\n');
}

/** Summaries quote pattern text; a newline or tab in it is shown escaped so the message stays 3 lines. */
function escapeControlCharacters(text: string): string {
  let out = '';
  for (const ch of text) out += ch < ' ' || ch === '\u007f' ? JSON.stringify(ch).slice(1, -1) : ch;
  return out;
}
