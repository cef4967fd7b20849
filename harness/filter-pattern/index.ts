/**
 * The CloudWatch Logs filter pattern language (terms, JSON, space-delimited, %regex%) and metric
 * filter transformations: pure code, no I/O. Each stage is callable alone: `tokenize` → `parseFilterPattern`
 * (typed AST) → `compileFilterPattern` (evaluate many times) → `compileMetricFilter`. GRAMMAR.md holds
 * the grammar, the error codes and the readings chosen where AWS is silent.
 */
export { compileFilterPattern } from './compile.ts';
export type { CompiledFilterPattern, FilterPatternTestResult } from './compile.ts';
export { prepareEvent } from './prepared-event.ts';
export type { PreparedEvent, JsonObject, JsonValue } from './prepared-event.ts';
export { compileMetricFilter } from './metric-filter.ts';
export type {
  CompiledMetricFilter,
  MetricEmission,
  MetricFilterEvaluation,
  SkippedEmission,
} from './metric-filter.ts';
export type { CompiledMetricTransformation, MetricTransformationInput } from './metric-transformation.ts';
export { STANDARD_UNITS } from './standard-unit.ts';
export type { StandardUnit } from './standard-unit.ts';
export { parseFilterPattern } from './parser.ts';
export { tokenize, detectKind } from './lexer.ts';
export type { Token, TokenType } from './lexer.ts';
export { splitFields } from './split-fields.ts';
export type { SplitFields } from './split-fields.ts';
export {
  FilterPatternSyntaxError,
  UnsupportedFilterPatternError,
  MetricTransformationError,
  FILTER_PATTERN_ERROR_CODES,
  METRIC_TRANSFORMATION_ERROR_CODES,
  AWS_INVALID_PATTERN_MESSAGE,
  AWS_INVALID_CHARACTER_MESSAGE,
  AWS_INVALID_FILTER_PATTERN_MESSAGE,
  awsMessageFor,
} from './errors.ts';
export type { FilterPatternErrorCode, MetricTransformationErrorCode, SourceRange } from './errors.ts';
export { syntaxHint } from './hints.ts';
export { DEFAULT_CHOICES } from './choices.ts';
export type { FilterPatternChoices } from './choices.ts';
export type { FilterPatternOptions } from './options.ts';
export {
  MAX_PATTERN_LENGTH,
  MAX_REGEX_PER_PATTERN,
  MAX_WILDCARDS_PER_SELECTOR,
  MAX_WILDCARD_SELECTORS_PER_PATTERN,
  MAX_DIMENSIONS,
  MAX_METRIC_NAME_LENGTH,
  MAX_METRIC_VALUE_LENGTH,
  METRIC_TRANSFORMATIONS_PER_FILTER,
} from './limits.ts';
export type {
  FilterPatternAst,
  PatternKind,
  MatchAllPattern,
  TermPattern,
  TermNode,
  PhraseNode,
  RegexLiteral,
  JsonPattern,
  JsonExpression,
  JsonComparison,
  JsonIsCheck,
  JsonNotExists,
  SelectorNode,
  SelectorStep,
  SpaceDelimitedPattern,
  SlotNode,
  FieldSlot,
  SlotExpression,
  ValueNode,
  StringValue,
  NumberValue,
  FilterComparisonOperator,
} from './ast.ts';
