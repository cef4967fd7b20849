/**
 * The log shipper: reads the CloudWatch agent's JSON config and ships files to CloudWatch Logs like
 * the agent does, without the agent's ways of losing or duplicating lines.
 *
 * The pipeline, one folder a stage (shipper.ts wires them):
 *   config/  the agent JSON → resolved sources
 *   input/   discover files (globs), follow each name across rotations, split lines, assemble and
 *            build events, hand them to output/; keeps its checkpoints through state/
 *   output/  per-stream queues, batches, PutLogEvents with retries, log stream creation, and reading
 *            the stream back (reconcile.ts) for input/'s questions about earlier runs (DeliveryCheck)
 *   state/   checkpoint files and the state-directory lock
 *
 * @example
 * const config = loadAgentConfig('amazon-cloudwatch-agent.json');
 * await using shipper = await startShipper({ config, aws: target, clock, stateDir });
 * await shipper.drain(); // every line written so far is in CloudWatch Logs
 */
export { loadAgentConfig, DEFAULT_FLUSH_INTERVAL_MS } from './config/load-agent-config.ts';
export { defaultGroupName } from './config/resolve-entry.ts';
export type { LoadAgentConfigOptions } from './config/load-agent-config.ts';
export { AgentConfigError } from './config/agent-config-error.ts';
export type { ConfigIssue } from './config/schema-check.ts';
export type { ResolvedShipperConfig, ResolvedSource } from './config/types.ts';
export { detectHostInfo, localHostInfo, instanceIdFallback } from './config/host-info.ts';
export type { HostInfo, DetectHostInfoOptions } from './config/host-info.ts';
export { checkLogGroupName, checkLogStreamName } from './config/names.ts';
export { startShipper } from './shipper.ts';
export { DEFAULT_TIMING } from './shipper-api.ts';
export type { Shipper, ShipperStats, StartShipperOptions } from './shipper-api.ts';
export type { FollowerTiming } from './input/follower-timing.ts';
export type { FileStats } from './input/file-stats.ts';
export type { ShipperEvent, ShipperEventListener } from './events.ts';
export { DestinationStoppedError } from './output/destination-queue.ts';
export { formatStatus, formatNotableEvent } from './status-line.ts';
export { createSdkLogsApi, createShipperLogsClient } from './output/logs-api.ts';
export type { LogsApi } from './output/logs-api.ts';
export { DEFAULT_RETRY_POLICY, scaledRetryPolicy, retryDelay } from './output/retry.ts';
export type { RetryPolicy, RetryProfile } from './output/retry.ts';
export {
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  MAX_BATCH_SPAN_MS,
  MAX_EVENT_BYTES,
  MAX_EVENT_MESSAGE_BYTES,
  EVENT_OVERHEAD_BYTES,
} from '../aws/facts/logs.ts';
