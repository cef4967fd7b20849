/**
 * Timestamps per protocol (aws-protocols.md §3.3): awsJson sends epoch seconds as JSON numbers
 * (fractions for milliseconds); awsQuery parameters and XML use ISO 8601 UTC with `Z`. CloudWatch
 * Logs has no timestamp shapes: its times are `long` epoch milliseconds.
 */
export function toEpochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

/** ISO 8601 with `Z`; whole seconds are written without a fraction, as CloudWatch does for datapoints. */
export function toIsoTimestamp(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Parses an ISO 8601 string or an epoch-seconds number/numeric string; undefined if neither. */
export function parseTimestamp(value: string | number): Date | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? new Date(Math.round(value * 1000)) : undefined;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return new Date(Math.round(Number(text) * 1000));
  if (!ISO_8601.test(text)) return undefined;
  // A zone-less ISO time is UTC for AWS; JavaScript would read it as local time.
  const zoned = /T/i.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? `${text}Z` : text;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
