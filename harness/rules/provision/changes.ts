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
    const fields = (c.fields ?? []).map((f) => `${f.field}: ${show(f.from)} → ${show(f.to)}`).join('; ');
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

function show(value: unknown): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 80 ? value.slice(0, 77) + '...' : value);
  return JSON.stringify(value);
}
