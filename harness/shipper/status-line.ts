import type { ShipperEvent } from './events.ts';
import type { ShipperStats } from './shipper-api.ts';

/** One line of figures for `vault-alarm-lab ship` (live on a TTY, periodic otherwise). */
export function formatStatus(stats: ShipperStats): string {
  const t = stats.totals;
  const stopped = stats.destinations.filter((d) => d.stoppedByError !== undefined).length;
  const parts = [
    `read ${t.eventsRead}`,
    `shipped ${t.eventsShipped}`,
    `rejected ${t.eventsRejected}`,
    `lag ${formatMs(t.lagMs)}`,
    `unread ${formatBytes(t.unreadBytes)}`,
    `retries ${t.retries}`,
    `files ${stats.files.length}`,
  ];
  if (t.eventsFiltered > 0) parts.splice(3, 0, `filtered ${t.eventsFiltered}`);
  if (t.lossReports > 0) parts.push(`DATA LOSS ${t.lossReports} (see the lines above)`);
  if (stopped > 0) parts.push(`STOPPED ${stopped}`);
  return parts.join(' · ');
}

/** Events worth a line of their own; routine ones (accepted batches, retries while they recover) are not. */
export function formatNotableEvent(event: ShipperEvent): string | undefined {
  switch (event.type) {
    case 'rotation':
      return `rotation (${event.kind}) ${event.path}: ${event.detail}`;
    case 'destination-stopped':
      return `STOPPED shipping to ${event.group} / ${event.stream}: ${event.error} (checkpoint kept; fix and restart to ship the rest)`;
    case 'data-loss':
      return `DATA LOSS ${event.path}${event.bytes !== undefined ? ` (${event.bytes} bytes)` : ''}: ${event.reason}`;
    case 'rejected':
      return `rejected by CloudWatch Logs (${event.path} → ${event.group} / ${event.stream}): ${event.tooOld} too old, ${event.tooNew} too new, ${event.expired} expired`;
    case 'warning':
      return `warning: ${event.message}`;
    case 'split':
      return `split an event of ${event.bytes} characters at ${event.path}:${event.offset} into ${event.parts} events`;
    case 'reconciled':
      return `checked ${event.events} events an earlier run had in flight from ${event.path}: ${event.presence === 'absent' ? 'not in CloudWatch, sending them' : 'already in CloudWatch, not resending'}`;
    default:
      return undefined;
  }
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
