import {
  LOG_GROUP_NAME_PATTERN,
  LOG_GROUP_NAME_RULE,
  LOG_STREAM_NAME_PATTERN,
  LOG_STREAM_NAME_RULE,
  MAX_NAME_LENGTH,
} from '../../aws/facts/logs.ts';

/**
 * Log group and stream name checks, run after placeholder expansion. The agent checks only the
 * length, so a group named "vault_audit_log " starts fine and every PutLogEvents then fails; we
 * refuse it at load time and say exactly which character is wrong.
 */
export interface NameProblem {
  /** What is wrong, pointing at the character: "the space at index 15 (trailing)". */
  readonly detail: string;
  readonly rule: string;
}

export function checkLogGroupName(name: string): NameProblem | undefined {
  const rule = LOG_GROUP_NAME_RULE;
  if (name.length === 0) return { detail: 'it is empty', rule };
  if (name.length > MAX_NAME_LENGTH) return { detail: `it is ${name.length} characters long`, rule };
  if (!LOG_GROUP_NAME_PATTERN.test(name)) {
    const index = [...name].findIndex((ch) => !LOG_GROUP_NAME_PATTERN.test(ch));
    return { detail: describeCharacterAt(name, index), rule };
  }
  // CreateLogGroup: "Log groups starting with AWS/ are reserved for AWS." (any case).
  if (name.toLowerCase().startsWith('aws/')) {
    return { detail: "it starts with 'aws/', which is reserved for AWS", rule };
  }
  return undefined;
}

export function checkLogStreamName(name: string): NameProblem | undefined {
  const rule = LOG_STREAM_NAME_RULE;
  if (name.length === 0) return { detail: 'it is empty', rule };
  if (name.length > MAX_NAME_LENGTH) return { detail: `it is ${name.length} characters long`, rule };
  if (!LOG_STREAM_NAME_PATTERN.test(name)) {
    const index = [...name].findIndex((ch) => !LOG_STREAM_NAME_PATTERN.test(ch));
    return { detail: describeCharacterAt(name, index), rule };
  }
  return undefined;
}

/** "the space at index 15 (trailing)", "'é' (U+00E9) at index 3". Index counts code points. */
export function describeCharacterAt(value: string, index: number): string {
  const chars = [...value];
  const ch = chars[index] ?? '';
  const position =
    index === chars.length - 1 && index === 0
      ? ''
      : index === chars.length - 1
        ? ' (trailing)'
        : index === 0
          ? ' (leading)'
          : '';
  return `${describeCharacter(ch)} at index ${index}${position} is not allowed`;
}

const NAMED: Readonly<Record<string, string>> = {
  ' ': 'the space',
  '\t': 'the tab',
  '\n': 'the newline',
  '\r': 'the carriage return',
  '\u00a0': 'the no-break space (U+00A0)',
};

function describeCharacter(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code < 0x20 || code === 0x7f) return `the control character ${hex}`;
  return `'${ch}' (${hex})`;
}

/**
 * A value as people need to see it in an error: JSON-quoted (so a trailing space is between the
 * quotes) and, when it holds whitespace, once more with the whitespace drawn ("vault_audit_log␠").
 */
export function showValue(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value) ?? String(value);
  const quoted = JSON.stringify(value);
  if (!/\s/u.test(value)) return quoted;
  const visible = value.replace(/ /g, '␠').replace(/\t/g, '␉').replace(/\n/g, '␤').replace(/\r/g, '␍');
  return `${quoted} (shown with whitespace visible: ${visible})`;
}
