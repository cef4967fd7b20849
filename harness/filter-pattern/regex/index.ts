export { parseRegex, isAllowedRegexCharacter } from './regex-parser.ts';
export { compileRegex } from './compiled-regex.ts';
export type { CompiledRegex } from './compiled-regex.ts';
export type { RegexAlternation, RegexConcat, RegexPiece, RegexNode } from './regex-ast.ts';
