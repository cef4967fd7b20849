import { splitFields } from './split-fields.ts';
import type { SplitFields } from './split-fields.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * A log event message with its parsed forms cached. One PreparedEvent is made per ingested event
 * and handed to every filter of the log group, so the JSON is parsed at most once however many
 * JSON filters there are, and the space-delimited split at most once for all space-delimited
 * filters. Term patterns only read `message`.
 */
export interface PreparedEvent {
  readonly message: string;
  /**
   * The message as a JSON object, or undefined when it is not one (JSON patterns "only match if the
   * event is a JSON event"; a text prefix, a JSON array or scalar, or invalid JSON never match).
   * Parsed on first call only.
   */
  json(): JsonObject | undefined;
  /** The space-delimited fields of the message, split on first call only. */
  fields(): SplitFields;
}

class PreparedLogEvent implements PreparedEvent {
  private parsed: JsonObject | undefined | null = null;
  private split: SplitFields | undefined;

  constructor(readonly message: string) {}

  json(): JsonObject | undefined {
    if (this.parsed === null) this.parsed = parseJsonObject(this.message);
    return this.parsed;
  }

  fields(): SplitFields {
    this.split ??= splitFields(this.message);
    return this.split;
  }
}

export function prepareEvent(message: string): PreparedEvent {
  if (typeof message !== 'string') {
    throw new TypeError(
      `a log event message must be a string, got ${message === null ? 'null' : typeof message}`,
    );
  }
  return new PreparedLogEvent(message);
}

export function asPreparedEvent(event: PreparedEvent | string): PreparedEvent {
  return typeof event === 'string' ? prepareEvent(event) : event;
}

/** Only messages whose first non-whitespace character is `{` are parsed: nothing else can match. */
function parseJsonObject(message: string): JsonObject | undefined {
  let i = 0;
  while (i < message.length && isJsonSpace(message.charCodeAt(i))) i += 1;
  if (message.charCodeAt(i) !== 0x7b /* { */) return undefined;
  try {
    const value: unknown = JSON.parse(message);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : undefined;
  } catch {
    return undefined;
  }
}

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
