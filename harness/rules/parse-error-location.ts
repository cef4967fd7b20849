import { CST, LineCounter, Parser } from 'yaml';
import type { YAMLParseError } from 'yaml';

/** 1-based, as editors number lines and columns. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Where to look for a YAML syntax error, and what it is. Two quoting mistakes are reported far from
 * where they were made, so the quote that was opened is pointed at instead: a quote never closed
 * (the parser reports the end of the file) and a value that ends early because it holds its own
 * quote character (`pattern: "{ $.type = "x" }"`: the parser reports what follows the second `"`).
 */
export function yamlErrorPosition(
  text: string,
  error: YAMLParseError,
): { readonly at?: TextPosition; readonly summary: string } {
  const summary = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const lines = new LineCounter();
  const quoted = quotedScalars(text, lines);
  const position = (offset: number): TextPosition => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  if (error.code === 'MISSING_CHAR' && /quote/.test(error.message)) {
    const opened = quoted.filter((q) => !q.closed && q.offset < error.pos[0]).at(-1);
    if (opened) return { at: position(opened.offset), summary: 'this quote is never closed' };
  }
  const endedEarly = quoted.find((q) => q.closed && q.offset + q.source.length === error.pos[0]);
  if (endedEarly) {
    const quote = endedEarly.source[0]!;
    const closedAt = position(endedEarly.offset + endedEarly.source.length - 1);
    const advice =
      quote === '"'
        ? `to put " in a value, quote the value with ' instead`
        : `inside '...' write a ' as '', or quote the value with " instead`;
    return {
      at: position(endedEarly.offset),
      summary: `the value quoted here ends at the ${quote} in column ${closedAt.column} (${summary}); ${advice}`,
    };
  }
  const at = error.linePos?.[0];
  return at ? { at: { line: at.line, column: at.col }, summary } : { summary };
}

/** The line at `at` with a caret under the column, indented, for a message's second and third lines. */
export function pointAt(text: string, at: TextPosition): string {
  const line = (text.split('\n')[at.line - 1] ?? '').replace(/\r$/, '');
  return `  ${line}\n  ${' '.repeat(Math.max(0, at.column - 1))}^`;
}

interface QuotedScalar {
  readonly offset: number;
  readonly source: string;
  /** Whether its closing quote is there (an unclosed one runs to where the parser gave up). */
  readonly closed: boolean;
}

/** The quoted keys and values of the document, in source order; `lines` learns the line starts. */
function quotedScalars(text: string, lines: LineCounter): QuotedScalar[] {
  const found: QuotedScalar[] = [];
  for (const token of new Parser(lines.addNewLine).parse(text)) {
    if (token.type !== 'document') continue;
    CST.visit(token, (item) => {
      for (const node of [item.key, item.value]) {
        if (!node || (node.type !== 'single-quoted-scalar' && node.type !== 'double-quoted-scalar')) continue;
        const body = node.source.trimEnd();
        const closed = body.length >= 2 && body.endsWith(node.source[0]!);
        found.push({ offset: node.offset, source: closed ? body : node.source, closed });
      }
    });
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/**
 * Where JSON.parse stopped. V8 gives "at position N" for most errors and only a snippet for an
 * unexpected token; there the position is found as the shortest prefix that fails the same way.
 */
export function jsonErrorPosition(text: string, error: Error): TextPosition {
  const offset = jsonErrorOffset(text, error.message);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The message without V8's position or snippet (shown as line and column instead). */
export function jsonErrorSummary(message: string): string {
  return message
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/^(Unexpected token '.+?'), [\s\S]*$/, '$1')
    .replace(/^(Unexpected non-whitespace character after JSON)[\s\S]*$/, '$1');
}

function jsonErrorOffset(text: string, message: string): number {
  const at = / at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  const token = /^Unexpected token '.+?'/.exec(message)?.[0];
  if (!token) return text.length;
  let low = 1;
  let high = text.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (failsWith(text.slice(0, mid), token)) high = mid;
    else low = mid + 1;
  }
  return low - 1;
}

function failsWith(prefix: string, start: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (error) {
    return (error as Error).message.startsWith(start);
  }
}
