/**
 * HTTP/S delivery retries (SNS developer guide "Amazon SNS message delivery retries",
 * alarms-sns.md §4.4). A policy (topic or subscription attribute `DeliveryPolicy`, subscription
 * first) has a healthyRetryPolicy run in four phases: immediate retries (no delay), pre-backoff
 * (minDelayTarget apart), backoff (from minDelayTarget to maxDelayTarget along backoffFunction) and
 * post-backoff (maxDelayTarget apart). Default: 3 retries, 20 s apart, linear. AWS adds jitter; the
 * emulator does not, so retry times are exact on the emulator clock.
 */

export type BackoffFunction = 'linear' | 'arithmetic' | 'geometric' | 'exponential';

export interface HealthyRetryPolicy {
  readonly minDelayTarget: number;
  readonly maxDelayTarget: number;
  readonly numRetries: number;
  readonly numMaxDelayRetries: number;
  readonly numNoDelayRetries: number;
  readonly numMinDelayRetries: number;
  readonly backoffFunction: BackoffFunction;
}

export const DEFAULT_HEALTHY_RETRY_POLICY: HealthyRetryPolicy = {
  minDelayTarget: 20,
  maxDelayTarget: 20,
  numRetries: 3,
  numMaxDelayRetries: 0,
  numNoDelayRetries: 0,
  numMinDelayRetries: 0,
  backoffFunction: 'linear',
};

export const DEFAULT_CONTENT_TYPE = 'text/plain; charset=UTF-8';

/** Limits from the guide: numRetries 0-100, delays 1-3600 s, total retry time at most 3600 s. */
const MAX_RETRIES = 100;
const MAX_DELAY_SECONDS = 3600;

export interface EffectiveHttpPolicy {
  readonly retry: HealthyRetryPolicy;
  readonly headerContentType: string;
}

/** The policy for one subscription: subscription DeliveryPolicy over topic DeliveryPolicy over defaults. */
export function effectiveHttpPolicy(
  topicPolicy: string | undefined,
  subscriptionPolicy: string | undefined,
): EffectiveHttpPolicy {
  const topic = parsePolicy(topicPolicy)?.http;
  const sub = parsePolicy(subscriptionPolicy);
  const retry = {
    ...DEFAULT_HEALTHY_RETRY_POLICY,
    ...(topic?.defaultHealthyRetryPolicy ?? {}),
    ...(topic?.disableSubscriptionOverrides === true ? {} : (sub?.healthyRetryPolicy ?? {})),
  };
  const headerContentType =
    (topic?.disableSubscriptionOverrides === true ? undefined : sub?.requestPolicy?.headerContentType) ??
    topic?.defaultRequestPolicy?.headerContentType ??
    DEFAULT_CONTENT_TYPE;
  return { retry, headerContentType };
}

interface PolicyDocument {
  http?: {
    defaultHealthyRetryPolicy?: Partial<HealthyRetryPolicy>;
    disableSubscriptionOverrides?: boolean;
    defaultRequestPolicy?: { headerContentType?: string };
  };
  healthyRetryPolicy?: Partial<HealthyRetryPolicy>;
  requestPolicy?: { headerContentType?: string };
}

function parsePolicy(text: string | undefined): PolicyDocument | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as PolicyDocument;
  } catch {
    return undefined;
  }
}

/**
 * Validates a DeliveryPolicy document; returns an error text in AWS's "Invalid parameter" style
 * detail, or undefined when valid.
 */
export function deliveryPolicyProblem(text: string, level: 'topic' | 'subscription'): string | undefined {
  let doc: PolicyDocument;
  try {
    doc = JSON.parse(text) as PolicyDocument;
  } catch {
    return 'DeliveryPolicy: failed to parse JSON';
  }
  if (doc === null || typeof doc !== 'object') return 'DeliveryPolicy: must be a JSON object';
  const retry = level === 'topic' ? doc.http?.defaultHealthyRetryPolicy : doc.healthyRetryPolicy;
  if (retry === undefined) return undefined;
  const merged = { ...DEFAULT_HEALTHY_RETRY_POLICY, ...retry };
  if (!['linear', 'arithmetic', 'geometric', 'exponential'].includes(merged.backoffFunction)) {
    return `DeliveryPolicy: backoffFunction must be linear, arithmetic, geometric or exponential`;
  }
  if (!Number.isInteger(merged.numRetries) || merged.numRetries < 0 || merged.numRetries > MAX_RETRIES) {
    return `DeliveryPolicy: numRetries must be between 0 and ${MAX_RETRIES}`;
  }
  if (
    merged.minDelayTarget < 1 ||
    merged.maxDelayTarget > MAX_DELAY_SECONDS ||
    merged.minDelayTarget > merged.maxDelayTarget
  ) {
    return `DeliveryPolicy: minDelayTarget must be >= 1 and <= maxDelayTarget, maxDelayTarget <= ${MAX_DELAY_SECONDS}`;
  }
  if (merged.numNoDelayRetries + merged.numMinDelayRetries + merged.numMaxDelayRetries > merged.numRetries) {
    return 'DeliveryPolicy: numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries must not exceed numRetries';
  }
  if (totalRetrySeconds(merged) > MAX_DELAY_SECONDS)
    return 'DeliveryPolicy: total retry time must not exceed 3600 seconds';
  return undefined;
}

/** The delay in seconds before retry number `retry` (1-based); undefined once retries are exhausted. */
export function retryDelaySeconds(policy: HealthyRetryPolicy, retry: number): number | undefined {
  if (retry < 1 || retry > policy.numRetries) return undefined;
  const noDelay = policy.numNoDelayRetries;
  const minDelay = policy.numMinDelayRetries;
  const maxDelay = policy.numMaxDelayRetries;
  const backoff = Math.max(0, policy.numRetries - noDelay - minDelay - maxDelay);
  if (retry <= noDelay) return 0;
  if (retry <= noDelay + minDelay) return policy.minDelayTarget;
  if (retry <= noDelay + minDelay + backoff) {
    const i = retry - noDelay - minDelay; // 1..backoff
    return backoffDelay(policy, i, backoff);
  }
  return policy.maxDelayTarget;
}

function backoffDelay(policy: HealthyRetryPolicy, i: number, n: number): number {
  const { minDelayTarget: min, maxDelayTarget: max } = policy;
  if (n <= 1 || min === max) return min;
  const fraction = (i - 1) / (n - 1);
  let curve: number;
  switch (policy.backoffFunction) {
    case 'linear':
      curve = fraction;
      break;
    case 'arithmetic':
      curve = fraction * fraction;
      break;
    case 'geometric':
      curve = (Math.pow(2, fraction * 4) - 1) / 15;
      break;
    case 'exponential':
      curve = (Math.exp(fraction * 5) - 1) / (Math.exp(5) - 1);
      break;
  }
  return Math.round(min + (max - min) * curve);
}

function totalRetrySeconds(policy: HealthyRetryPolicy): number {
  let total = 0;
  for (let r = 1; r <= policy.numRetries; r++) total += retryDelaySeconds(policy, r) ?? 0;
  return total;
}

/** The EffectiveDeliveryPolicy attribute (GetTopicAttributes / GetSubscriptionAttributes). */
export function effectiveDeliveryPolicyJson(topicPolicy: string | undefined): string {
  const topic = parsePolicy(topicPolicy)?.http;
  return JSON.stringify({
    http: {
      defaultHealthyRetryPolicy: {
        ...DEFAULT_HEALTHY_RETRY_POLICY,
        ...(topic?.defaultHealthyRetryPolicy ?? {}),
      },
      disableSubscriptionOverrides: topic?.disableSubscriptionOverrides ?? false,
      defaultRequestPolicy: {
        headerContentType: topic?.defaultRequestPolicy?.headerContentType ?? DEFAULT_CONTENT_TYPE,
      },
    },
  });
}
