/**
 * A log event split the way space-delimited patterns see it: "Characters between brackets ("[]")
 * and double quotation marks ("") are considered single fields", with the delimiters removed
 * (SPACE page; extractedValues `"$request": "GET /index.html HTTP/1.0"`). Undocumented details
 * (filter-patterns.md Q2, Q3), decided here:
 *
 * - any run of whitespace (space, tab, CR, LF, VT, FF) separates fields; leading and trailing
 *   whitespace is ignored;
 * - `"` or `[` opens a delimited field only at the start of a field; inside a quoted field `\"` does
 *   not close it (Apache and nginx escape quotes that way) and is kept as written;
 * - brackets do not nest: the first `]` closes the field;
 * - an unterminated quote or bracket runs to the end of the event;
 * - text right after a closing delimiter starts the next field.
 */
export interface SplitFields {
  /** Field values, delimiters removed. */
  readonly values: readonly string[];
  /** Offset in the message where each field starts (at its opening delimiter, if any). */
  readonly starts: readonly number[];
}

export function splitFields(message: string): SplitFields {
  const values: string[] = [];
  const starts: number[] = [];
  const n = message.length;
  let i = 0;
  for (;;) {
    while (i < n && isFieldSpace(message.charCodeAt(i))) i += 1;
    if (i >= n) break;
    starts.push(i);
    const open = message.charCodeAt(i);
    if (open === 0x22 /* " */) {
      let j = i + 1;
      while (j < n && !(message.charCodeAt(j) === 0x22 && message.charCodeAt(j - 1) !== 0x5c)) j += 1;
      values.push(message.slice(i + 1, j));
      i = j + 1;
    } else if (open === 0x5b /* [ */) {
      const close = message.indexOf(']', i + 1);
      const j = close === -1 ? n : close;
      values.push(message.slice(i + 1, j));
      i = j + 1;
    } else {
      let j = i + 1;
      while (j < n && !isFieldSpace(message.charCodeAt(j))) j += 1;
      values.push(message.slice(i, j));
      i = j;
    }
  }
  return { values, starts };
}

function isFieldSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}
