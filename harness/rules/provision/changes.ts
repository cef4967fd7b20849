/** One line of a provisioning diff. */
export type ResourceKind = 'log-group' | 'topic' | 'queue' | 'subscription' | 'metric-filter' | 'alarm';

export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

export interface Change {
  readonly action: 'create' | 'update' | 'delete' | 'unchanged';
  readonly kind: ResourceKind;
  readonly name: string;
  /** For updates: what differs. */
  readonly fields?: readonly FieldChange[];
  /** For subscriptions: confirmation pending (HTTP, email) after the call. */
  readonly note?: string;
}

export interface ProvisionResult {
  readonly changes: readonly Change[];
  /** Topic name → ARN (known after apply; placeholders in a dry run). */
  readonly topicArns: Readonly<Record<string, string>>;
  /** Queue name → URL for SQS subscriptions. */
  readonly queueUrls: Readonly<Record<string, string>>;
  readonly dryRun: boolean;
}

export function isEmptyDiff(changes: readonly Change[]): boolean {
  return changes.every((c) => c.action === 'unchanged');
}

const SYMBOL = { create: '+', update: '~', delete: '-', unchanged: '=' } as const;

/**
 * Renders changes one per line (`+ alarm root-token-used`, `~ alarm x  threshold: 1 → 3`); unchanged
 * resources are summarised in one count so a second apply prints just "No changes".
 */
export function formatChanges(changes: readonly Change[], options: { verb?: string } = {}): string {
  const lines: string[] = [];
  for (const c of changes) {
    if (c.action === 'unchanged') continue;
    const fields = (c.fields ?? [])
      .map((f) => {
        const [from, to] = showChange(f.from, f.to);
        return `${f.field}: ${from} → ${to}`;
      })
      .join('; ');
    lines.push(
      `${SYMBOL[c.action]} ${c.kind} ${c.name}${fields ? `  (${fields})` : ''}${c.note ? `  [${c.note}]` : ''}`,
    );
  }
  const unchanged = changes.filter((c) => c.action === 'unchanged').length;
  const counts = (['create', 'update', 'delete'] as const)
    .map((a) => [a, changes.filter((c) => c.action === a).length] as const)
    .filter(([, n]) => n > 0)
    .map(([a, n]) => `${n} to ${a}`);
  if (lines.length === 0)
    lines.push(`No changes. ${unchanged} resource${unchanged === 1 ? '' : 's'} up to date.`);
  else lines.push(`${options.verb ?? 'Plan'}: ${counts.join(', ')}, ${unchanged} unchanged.`);
  return lines.join('\n') + '\n';
}

const SHOWN_MAX = 80;
/** Characters of unchanged text kept on each side of the part that changed. */
const CONTEXT = 20;

/**
 * The two values of a field as the diff prints them. Long values (a filter pattern, a list of ARNs)
 * are cut to the part that differs with some context, `…` marking what was left out, so the change
 * itself is always visible.
 */
export function showChange(from: unknown, to: unknown): [string, string] {
  const a = show(from);
  const b = show(to);
  if (from === undefined || to === undefined || (a.length <= SHOWN_MAX && b.length <= SHOWN_MAX))
    return [a, b];
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a.at(-1 - tail) === b.at(-1 - tail)) tail++;
  const start = wordStart(a, Math.max(0, head - CONTEXT));
  const cut = (text: string): string => {
    const end = wordEnd(text, Math.min(text.length, text.length - tail + CONTEXT));
    let middle = text.slice(start, end);
    // A change longer than the line still shows its beginning.
    if (middle.length > SHOWN_MAX + CONTEXT) middle = middle.slice(0, SHOWN_MAX);
    return `${start > 0 ? '…' : ''}${middle}${start + middle.length < text.length ? '…' : ''}`;
  };
  return [cut(a), cut(b)];
}

/** Moves a cut back to the space before it (within a few characters), so words stay whole. */
function wordStart(text: string, at: number): number {
  const space = text.lastIndexOf(' ', at);
  return space >= 0 && at - space <= 12 ? space + 1 : at;
}

function wordEnd(text: string, at: number): number {
  const space = text.indexOf(' ', at);
  return space >= 0 && space - at <= 12 ? space : at;
}

function show(value: unknown): string {
  return value === undefined ? '(unset)' : JSON.stringify(value);
}
