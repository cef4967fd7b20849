import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HEALTHY_RETRY_POLICY,
  deliveryPolicyProblem,
  effectiveDeliveryPolicyJson,
  effectiveHttpPolicy,
  retryDelaySeconds,
  type HealthyRetryPolicy,
} from '../../../../harness/emulator/sns/delivery-policy.ts';

function delays(policy: HealthyRetryPolicy): (number | undefined)[] {
  return Array.from({ length: policy.numRetries + 1 }, (_, i) => retryDelaySeconds(policy, i + 1));
}

describe('SNS delivery retries', () => {
  it('retries 3 times, 20 seconds apart, by default', () => {
    expect(delays(DEFAULT_HEALTHY_RETRY_POLICY)).toEqual([20, 20, 20, undefined]);
  });

  it('runs the four phases: immediate, pre-backoff, backoff, post-backoff', () => {
    const policy: HealthyRetryPolicy = {
      minDelayTarget: 10,
      maxDelayTarget: 100,
      numRetries: 9,
      numNoDelayRetries: 2,
      numMinDelayRetries: 2,
      numMaxDelayRetries: 2,
      backoffFunction: 'linear',
    };
    expect(delays(policy)).toEqual([0, 0, 10, 10, 10, 55, 100, 100, 100, undefined]);
  });

  it.each(['arithmetic', 'geometric', 'exponential'] as const)(
    'grows monotonically from min to max with %s backoff',
    (backoffFunction) => {
      const policy = {
        ...DEFAULT_HEALTHY_RETRY_POLICY,
        minDelayTarget: 1,
        maxDelayTarget: 60,
        numRetries: 6,
        backoffFunction,
      };
      const d = delays(policy).slice(0, 6) as number[];
      expect(d[0]).toBe(1);
      expect(d[5]).toBe(60);
      for (let i = 1; i < d.length; i++) expect(d[i]!).toBeGreaterThanOrEqual(d[i - 1]!);
    },
  );

  it('merges subscription over topic policies unless the topic disables overrides', () => {
    const topic = JSON.stringify({
      http: {
        defaultHealthyRetryPolicy: { numRetries: 5 },
        defaultRequestPolicy: { headerContentType: 'application/json' },
      },
    });
    const sub = JSON.stringify({
      healthyRetryPolicy: { numRetries: 1 },
      requestPolicy: { headerContentType: 'text/html' },
    });
    expect(effectiveHttpPolicy(topic, undefined)).toMatchObject({
      retry: { numRetries: 5 },
      headerContentType: 'application/json',
    });
    expect(effectiveHttpPolicy(topic, sub)).toMatchObject({
      retry: { numRetries: 1 },
      headerContentType: 'text/html',
    });
    const locked = JSON.stringify({
      http: { defaultHealthyRetryPolicy: { numRetries: 5 }, disableSubscriptionOverrides: true },
    });
    expect(effectiveHttpPolicy(locked, sub)).toMatchObject({
      retry: { numRetries: 5 },
      headerContentType: 'text/plain; charset=UTF-8',
    });
  });

  it('validates policies', () => {
    expect(deliveryPolicyProblem('{', 'topic')).toMatch(/parse/);
    expect(
      deliveryPolicyProblem(JSON.stringify({ healthyRetryPolicy: { numRetries: 101 } }), 'subscription'),
    ).toMatch(/numRetries/);
    expect(
      deliveryPolicyProblem(
        JSON.stringify({ healthyRetryPolicy: { backoffFunction: 'cubic' } }),
        'subscription',
      ),
    ).toMatch(/backoffFunction/);
    expect(
      deliveryPolicyProblem(
        JSON.stringify({
          healthyRetryPolicy: { numRetries: 100, minDelayTarget: 3600, maxDelayTarget: 3600 },
        }),
        'subscription',
      ),
    ).toMatch(/3600 seconds/);
    expect(
      deliveryPolicyProblem(JSON.stringify({ healthyRetryPolicy: { numRetries: 5 } }), 'subscription'),
    ).toBeUndefined();
  });

  it('reports the EffectiveDeliveryPolicy attribute', () => {
    expect(JSON.parse(effectiveDeliveryPolicyJson(undefined))).toEqual({
      http: {
        defaultHealthyRetryPolicy: DEFAULT_HEALTHY_RETRY_POLICY,
        disableSubscriptionOverrides: false,
        defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
      },
    });
  });
});
