/**
 * An SNS subscription endpoint: what provisioning subscribes to the alarm topics, and what a sink
 * offers to be subscribed as (the lab's HTTP endpoint or SQS queue, or a user's address).
 */
export type SubscriptionSpec =
  | { readonly protocol: 'http' | 'https'; readonly endpoint: string }
  | { readonly protocol: 'sqs'; readonly queueName: string }
  | { readonly protocol: 'email' | 'email-json'; readonly endpoint: string };
