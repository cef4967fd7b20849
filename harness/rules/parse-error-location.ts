import { CST, LineCounter, Parser } from 'yaml';
import type { YAMLParseError } from 'yaml';

/** 1-based, as editors number lines and columns. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Where to look for a YAML syntax error. For a quote that is never closed the parser reports the end
 * of the file (or wherever the string happened to stop), far from the mistake: point at the quote
 * that was opened instead.
 */
export function yamlErrorPosition(
  text: string,
  error: YAMLParseError,
): { readonly at?: TextPosition; readonly summary: string } {
  const summary = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (error.code === 'MISSING_CHAR' && /quote/.test(error.message)) {
    const opened = unclosedQuote(text, error.pos[0]);
    if (opened) return { at: opened, summary: 'this quote is never closed' };
  }
  const at = error.linePos?.[0];
  return at ? { at: { line: at.line, column: at.col }, summary } : { summary };
}

/** The line at `at` with a caret under the column, indented, for a message's second and third lines. */
export function pointAt(text: string, at: TextPosition): string {
  const line = (text.split('\n')[at.line - 1] ?? '').replace(/\r$/, '');
  return `  ${line}\n  ${' '.repeat(Math.max(0, at.column - 1))}^`;
}

function unclosedQuote(text: string, before: number): TextPosition | undefined {
  const lines = new LineCounter();
  let found: number | undefined;
  for (const token of new Parser(lines.addNewLine).parse(text)) {
    if (token.type !== 'document') continue;
    CST.visit(token, (item) => {
      for (const node of [item.key, item.value]) {
        if (!node || (node.type !== 'single-quoted-scalar' && node.type !== 'double-quoted-scalar')) continue;
        const quote = node.source[0]!;
        const body = node.source.trimEnd();
        const closed = body.length >= 2 && body.endsWith(quote);
        if (!closed && node.offset < before) found = node.offset;
      }
    });
  }
  if (found === undefined) return undefined;
  const { line, col } = lines.linePos(found);
  return { line, column: col };
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
