import type { RegexNode } from './regex/regex-ast.ts';

/**
 * The typed AST of a filter pattern. Every node is a readonly interface with a `type` literal (a
 * discriminated union) and a source span: `start` inclusive, `end` exclusive, 0-based offsets into
 * the pattern exactly as given (surrounding whitespace included).
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type FilterPatternAst = MatchAllPattern | TermPattern | JsonPattern | SpaceDelimitedPattern;

export type PatternKind = 'match-all' | 'terms' | 'json' | 'space-delimited';

/** Empty, whitespace-only, or made only of empty / whitespace-only quoted phrases (`""`, `" "`). */
export interface MatchAllPattern extends Span {
  readonly type: 'MatchAll';
}

// ── Unstructured (term) patterns ────────────────────────────────────────────────────────────────

export interface TermPattern extends Span {
  readonly type: 'TermPattern';
  readonly terms: readonly TermNode[];
}

/** `include` = plain term (must appear), `exclude` = `-term`, `optional` = `?term`. */
export type TermRole = 'include' | 'exclude' | 'optional';

export interface TermNode extends Span {
  readonly type: 'Term';
  readonly role: TermRole;
  readonly matcher: PhraseNode | RegexLiteral;
}

/** A bare word or a quoted phrase, matched as a case-sensitive substring. */
export interface PhraseNode extends Span {
  readonly type: 'Phrase';
  /** The text to find, escapes resolved (`\"` → `"`, `\\` → `\`). */
  readonly text: string;
  readonly quoted: boolean;
}

/** `%…%`: the regex source between the percent signs and its parsed form. */
export interface RegexLiteral extends Span {
  readonly type: 'Regex';
  readonly source: string;
  readonly regex: RegexNode;
}

// ── Values shared by JSON and space-delimited conditions ────────────────────────────────────────

export type ValueNode = StringValue | NumberValue | RegexLiteral;

/**
 * A quoted or bare string. `*` is a wildcard only as the first and/or last character ("Ev*ent will
 * only match the actual string Ev*ent"); `literal` is the text between them.
 */
export interface StringValue extends Span {
  readonly type: 'String';
  readonly raw: string;
  readonly quoted: boolean;
  readonly literal: string;
  readonly leadingWildcard: boolean;
  readonly trailingWildcard: boolean;
}

/** An unquoted number: `[+-]?digits[.digits][e[+-]digits]`. */
export interface NumberValue extends Span {
  readonly type: 'Number';
  readonly raw: string;
  readonly value: number;
}

export type FilterComparisonOperator = '=' | '!=' | '<' | '>' | '<=' | '>=';

// ── JSON patterns ───────────────────────────────────────────────────────────────────────────────

export interface JsonPattern extends Span {
  readonly type: 'JsonPattern';
  readonly expression: JsonExpression;
}

export type JsonExpression = JsonOr | JsonAnd | JsonComparison | JsonIsCheck | JsonNotExists;

/**
 * Two or more operands joined by one operator (`&&` or `||`): `a && b && c` is one node with three
 * operands. A junction's operands are never junctions of the same operator.
 */
export interface Junction<T extends string, Operand> extends Span {
  readonly type: T;
  readonly operands: readonly Operand[];
}

export type JsonOr = Junction<'Or', JsonExpression>;
export type JsonAnd = Junction<'And', JsonExpression>;

export interface JsonComparison extends Span {
  readonly type: 'Comparison';
  readonly selector: SelectorNode;
  readonly operator: FilterComparisonOperator;
  readonly value: ValueNode;
}

export interface JsonIsCheck extends Span {
  readonly type: 'IsCheck';
  readonly selector: SelectorNode;
  readonly check: 'NULL' | 'TRUE' | 'FALSE';
}

export interface JsonNotExists extends Span {
  readonly type: 'NotExists';
  readonly selector: SelectorNode;
}

export interface SelectorNode extends Span {
  readonly type: 'Selector';
  /** As written, e.g. `$.objectList[1].id`; also the key used in extractedValues. */
  readonly text: string;
  readonly steps: readonly SelectorStep[];
  readonly wildcards: number;
}

export type SelectorStep =
  | { readonly kind: 'property'; readonly name: string; readonly start: number; readonly end: number }
  | { readonly kind: 'index'; readonly index: number; readonly start: number; readonly end: number }
  | { readonly kind: 'wildcard'; readonly form: '.*' | '[*]'; readonly start: number; readonly end: number };

// ── Space-delimited patterns ────────────────────────────────────────────────────────────────────

export interface SpaceDelimitedPattern extends Span {
  readonly type: 'SpaceDelimitedPattern';
  readonly slots: readonly SlotNode[];
  /** Index of the `...` slot, or -1. */
  readonly ellipsisIndex: number;
}

export type SlotNode = EllipsisSlot | FieldSlot;

export interface EllipsisSlot extends Span {
  readonly type: 'Ellipsis';
}

/** A field: named (`ip`, `status_code = 4*`) or unnamed (an empty slot such as a trailing comma). */
export interface FieldSlot extends Span {
  readonly type: 'Field';
  readonly name: string | undefined;
  readonly condition: SlotExpression | undefined;
}

export type SlotExpression = SlotOr | SlotAnd | SlotComparison;

export type SlotOr = Junction<'SlotOr', SlotExpression>;
export type SlotAnd = Junction<'SlotAnd', SlotExpression>;

export interface SlotComparison extends Span {
  readonly type: 'SlotComparison';
  readonly field: string;
  readonly operator: FilterComparisonOperator;
  readonly value: ValueNode;
}
