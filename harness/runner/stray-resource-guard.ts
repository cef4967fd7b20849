import type { LabTarget, TargetRequestEvent } from './targets/target.ts';

/**
 * Watches what users create on the lab's target and warns, once per region and log group, when a
 * log group or metric filter lands where the shipper does not write: the article creates its filter
 * with `--region us-east-2` while the lab ships to us-east-1, and such a filter can never match.
 * Returns the function that stops watching (a no-op on targets that cannot be observed).
 */
export function warnAboutStrayResources(
  target: Pick<LabTarget, 'observeRequests'>,
  shipper: { readonly region: string; readonly logGroupName: string },
  warn: (message: string) => void,
): () => void {
  if (!target.observeRequests) return () => {};
  const warned = new Set<string>();
  return target.observeRequests((event) => {
    const message = strayResourceWarning(event, shipper);
    if (!message) return;
    const key = `${event.region}\0${logGroupOf(event)}`;
    if (warned.has(key)) return;
    warned.add(key);
    warn(message);
  });
}

/** The warning for one request, or undefined when it is not a log group or filter placed astray. */
export function strayResourceWarning(
  event: TargetRequestEvent,
  shipper: { readonly region: string; readonly logGroupName: string },
): string | undefined {
  if (event.service !== 'logs') return undefined;
  if (event.operation !== 'CreateLogGroup' && event.operation !== 'PutMetricFilter') return undefined;
  const group = logGroupOf(event);
  if (group === undefined) return undefined;
  const wrongRegion = event.region !== shipper.region;
  if (!wrongRegion && group === shipper.logGroupName) return undefined;
  const what =
    event.operation === 'CreateLogGroup'
      ? `log group '${group}' was created in ${event.region}`
      : `metric filter '${String((event.input as { filterName?: unknown }).filterName)}' was put on log group '${group}' in ${event.region}`;
  const fix = wrongRegion
    ? `use --region ${shipper.region} in your command, or start the lab with --region ${event.region}`
    : `use --log-group-name ${shipper.logGroupName}`;
  return `warning: ${what}, but the lab ships Vault's audit log to '${shipper.logGroupName}' in ${shipper.region}: no event will ever arrive there (${fix})`;
}

function logGroupOf(event: TargetRequestEvent): string | undefined {
  const name = (event.input as { logGroupName?: unknown } | undefined)?.logGroupName;
  return typeof name === 'string' ? name : undefined;
}
