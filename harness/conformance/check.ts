/**
 * What a conformance run produces: per area, checks that each name the documented AWS behaviour
 * (with its source) and what the endpoint did. A check "agrees" when the endpoint did what AWS does.
 */
export const AREA_NAMES = ['filter-patterns', 'alarms', 'notifications', 'errors', 'article'] as const;
export type AreaName = (typeof AREA_NAMES)[number];

export function isAreaName(value: string): value is AreaName {
  return (AREA_NAMES as readonly string[]).includes(value);
}

export interface CheckResult {
  /** Stable id, e.g. `filter-patterns/test-metric-filter/json-eq-1`. */
  readonly id: string;
  /** What is checked, in words. */
  readonly title: string;
  /** An AWS documentation URL, or "recorded at AWS on DATE (where)". */
  readonly source: string;
  /** What AWS does, per the source. */
  readonly expected: string;
  /** What the endpoint did. */
  readonly actual: string;
  readonly agreed: boolean;
}

export interface Disagreement {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly aws: string;
  readonly endpoint: string;
}

export interface AreaResult {
  readonly name: AreaName;
  readonly agreed: number;
  readonly total: number;
  readonly disagreements: readonly Disagreement[];
  /** Checks not run, with the reason (e.g. HTTP delivery to 127.0.0.1 from real AWS). */
  readonly skipped: readonly { readonly id: string; readonly reason: string; readonly count: number }[];
  readonly wallMs: number;
}

export interface ConformanceReport {
  readonly endpoint: string;
  readonly region: string;
  readonly clock: 'lab' | 'wall';
  readonly startedAt: string;
  readonly wallMs: number;
  readonly areas: readonly AreaResult[];
}

/** Collects one area's checks. */
export class AreaRecorder {
  readonly #checks: CheckResult[] = [];
  readonly #skipped: { id: string; reason: string; count: number }[] = [];

  constructor(readonly name: AreaName) {}

  record(check: CheckResult): void {
    this.#checks.push(check);
  }

  /** Records a check whose expected and actual are comparable strings. */
  compare(check: Omit<CheckResult, 'agreed'>): boolean {
    const agreed = check.expected === check.actual;
    this.record({ ...check, agreed });
    return agreed;
  }

  /** Checks not run; `count` of them (a group of vectors is one entry). */
  skip(id: string, reason: string, count = 1): void {
    this.#skipped.push({ id, reason, count });
  }

  get checks(): readonly CheckResult[] {
    return this.#checks;
  }

  result(wallMs: number): AreaResult {
    return {
      name: this.name,
      agreed: this.#checks.filter((c) => c.agreed).length,
      total: this.#checks.length,
      disagreements: this.#checks
        .filter((c) => !c.agreed)
        .map((c) => ({ id: c.id, title: c.title, source: c.source, aws: c.expected, endpoint: c.actual })),
      skipped: [...this.#skipped],
      wallMs,
    };
  }
}

/** An SDK error or an answer, described the way a disagreement shows it. */
export function describeOutcome(error: unknown): string {
  if (error === undefined) return 'accepted the request';
  const e = error as {
    name?: string;
    Code?: string;
    $metadata?: { httpStatusCode?: number };
    message?: string;
  };
  const status = e.$metadata?.httpStatusCode;
  const message = (e.message ?? String(error)).replace(/\s+/g, ' ').trim();
  // An HTML page or other non-AWS body: the SDK cannot read it (typically "not implemented").
  if (message.includes('Deserialization error')) {
    return `HTTP ${status ?? '?'} with a body that is not an AWS answer (${truncate(message.split(' Deserialization error')[0]!, 80)})`;
  }
  return `${e.Code ?? e.name ?? 'Error'}${status !== undefined ? ` (HTTP ${status})` : ''}: ${truncate(message, 160)}`;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
