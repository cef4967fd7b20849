import { prepareEvent } from '../filter-pattern/index.ts';
import type { JsonObject, PreparedEvent } from '../filter-pattern/index.ts';
import { AuditLogCursor } from '../vault/index.ts';
import type { RuleMatcher } from './rule-matcher.ts';
import { Ring } from './ring.ts';

/** One audit entry as the page lists it: a few fields to show and filter on, and the rules it matched. */
export interface AuditSummary {
  readonly seq: number;
  readonly time: string;
  readonly type: string;
  readonly operation: string;
  readonly path: string;
  /** `auth.display_name` (root, token-lab-admin…). */
  readonly who: string;
  readonly remote: string;
  readonly error: string;
  /** Rule ids whose metric filter matched the line. */
  readonly rules: readonly string[];
}

export interface AuditRecord {
  readonly summary: AuditSummary;
  readonly line: string;
}

/** Whole lines the server keeps for "show JSON" and the workbench (the page keeps only summaries). */
export const KEPT_LINES = 20_000;

/**
 * Follows Vault's audit file from where it was when the playground started (the lab's own setup is
 * not news) with the runner's AuditLogCursor, tags each line with the rules it matches and hands the
 * batch on. Polls often: this is the page's latency from a Vault request to its entry.
 */
export class AuditFeed {
  readonly #kept = new Ring<AuditRecord>(KEPT_LINES);
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  private constructor(
    private readonly cursor: AuditLogCursor,
    private matcher: RuleMatcher,
    private readonly onEntries: (records: readonly AuditRecord[]) => void,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs: number,
  ) {}

  static async start(options: {
    auditLogPath: string;
    matcher: RuleMatcher;
    onEntries: (records: readonly AuditRecord[]) => void;
    onError: (error: unknown) => void;
    intervalMs?: number;
  }): Promise<AuditFeed> {
    const cursor = await AuditLogCursor.atEnd(options.auditLogPath);
    const feed = new AuditFeed(
      cursor,
      options.matcher,
      options.onEntries,
      options.onError,
      options.intervalMs ?? 25,
    );
    feed.#schedule();
    return feed;
  }

  /** Entries written so far (since the playground started). */
  get count(): number {
    return this.#seq;
  }

  setMatcher(matcher: RuleMatcher): void {
    this.matcher = matcher;
  }

  /** The newest kept records, oldest first. */
  recent(count?: number): AuditRecord[] {
    return this.#kept.latest(count);
  }

  line(seq: number): string | undefined {
    const records = this.#kept.latest();
    const first = records[0]?.summary.seq ?? 0;
    return records[seq - first]?.line;
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /** Reads what is new now (also called by the poll loop). */
  async poll(): Promise<void> {
    const lines = await this.cursor.readLines();
    if (lines.length === 0) return;
    const records = lines.map((line) => {
      const event = prepareEvent(line);
      const record: AuditRecord = {
        summary: summarize(
          ++this.#seq,
          event,
          this.matcher.match(event).map((m) => m.ruleId),
        ),
        line,
      };
      this.#kept.push(record);
      return record;
    });
    this.onEntries(records);
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.poll()
        .catch(this.onError)
        .finally(() => this.#schedule());
    }, this.intervalMs);
  }
}

function summarize(seq: number, event: PreparedEvent, rules: string[]): AuditSummary {
  const json: JsonObject = event.json() ?? {};
  const request = (json['request'] ?? {}) as JsonObject;
  const auth = (json['auth'] ?? {}) as JsonObject;
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return {
    seq,
    time: text(json['time']),
    type: text(json['type']) || '(not an audit entry)',
    operation: text(request['operation']),
    path: text(request['path']),
    who: text(auth['display_name']),
    remote: text(request['remote_address']),
    error: text(json['error']),
    rules,
  };
}
