/**
 * What identifies a CloudWatch metric: its namespace, its name and the full set of its dimensions.
 * Dimension order does not matter, so dimensions are kept sorted by name and the metric's key is
 * built from the sorted set.
 */

export interface DimensionValue {
  readonly name: string;
  readonly value: string;
}

export interface MetricIdentity {
  readonly namespace: string;
  readonly metricName: string;
  /** Sorted by name. */
  readonly dimensions: readonly DimensionValue[];
}

export interface MetricIdentityInput {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions?: readonly DimensionValue[] | undefined;
}

/** ListMetrics' dimension filter: a name, with or without a value. */
export interface DimensionFilter {
  readonly name: string;
  readonly value?: string | undefined;
}

/** The key of a metric identity (namespace, name and sorted dimensions). */
export function metricKey(identity: MetricIdentityInput): string {
  return identityKey(identity.namespace, identity.metricName, sortDimensions(identity.dimensions ?? []));
}

/** The key of an identity whose dimensions are already sorted. */
export function identityKey(
  namespace: string,
  metricName: string,
  sortedDimensions: readonly DimensionValue[],
): string {
  // Separators no name or value can contain, so distinct identities never share a key.
  let key = `${namespace}\u0000${metricName}`;
  for (const d of sortedDimensions) key += `\u0000${d.name}\u0001${d.value}`;
  return key;
}

/** A sorted copy, holding only the name and value of each dimension. */
export function sortDimensions(dimensions: readonly DimensionValue[]): DimensionValue[] {
  return dimensions
    .map((d) => ({ name: d.name, value: d.value }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Whether a metric has every dimension a ListMetrics filter names (with the value, when given). */
export function matchesDimensionFilters(
  dimensions: readonly DimensionValue[],
  filters: readonly DimensionFilter[],
): boolean {
  return filters.every((f) =>
    dimensions.some((d) => d.name === f.name && (f.value === undefined || d.value === f.value)),
  );
}
