import type { StoreScope } from '../service.ts';

/**
 * SNS state of one account in one region: topics and their subscriptions (LocalStack's SnsStore).
 * Subscriptions live with their topic's region; pending ones carry their confirmation token.
 */

export interface Topic {
  readonly arn: string;
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  /** User-settable attributes (DisplayName, Policy, DeliveryPolicy, SignatureVersion, FifoTopic...). */
  readonly attributes: Record<string, string>;
  tags: { Key: string; Value: string }[];
  subscriptionsDeleted: number;
  readonly createdAt: number;
}

export type SnsProtocol = 'http' | 'https' | 'sqs' | 'email' | 'email-json';

export interface Subscription {
  readonly arn: string;
  readonly topicArn: string;
  readonly owner: string;
  readonly protocol: SnsProtocol;
  readonly endpoint: string;
  /** User-settable attributes (RawMessageDelivery, FilterPolicy, DeliveryPolicy, RedrivePolicy...). */
  readonly attributes: Record<string, string>;
  pendingConfirmation: boolean;
  confirmationWasAuthenticated: boolean;
  /** Confirmation token (HTTP/HTTPS/email), valid until `tokenExpiresAt`. */
  token: string | undefined;
  tokenExpiresAt: number | undefined;
  /** Emulator origin (`http://127.0.0.1:PORT`) the subscription was made through: SubscribeURL/UnsubscribeURL point there. */
  readonly origin: string;
  readonly createdAt: number;
}

export interface SnsRegionStore {
  readonly accountId: string;
  readonly region: string;
  readonly topics: Map<string, Topic>;
  readonly subscriptions: Map<string, Subscription>;
}

export function createSnsRegionStore({ accountId, region }: StoreScope): SnsRegionStore {
  return { accountId, region, topics: new Map(), subscriptions: new Map() };
}

export interface SnsStoreSnapshot {
  readonly topics: Topic[];
  readonly subscriptions: Subscription[];
}

export function snapshotSnsStore(store: SnsRegionStore): SnsStoreSnapshot {
  return { topics: [...store.topics.values()], subscriptions: [...store.subscriptions.values()] };
}

export function restoreSnsStore(data: SnsStoreSnapshot, scope: StoreScope): SnsRegionStore {
  const store = createSnsRegionStore(scope);
  for (const t of data.topics) store.topics.set(t.arn, { ...t });
  for (const s of data.subscriptions) store.subscriptions.set(s.arn, { ...s });
  return store;
}

export interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  readonly resource: string;
}

/** Splits an ARN; undefined when it has fewer than 6 colon-separated elements. */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return {
    partition: parts[1]!,
    service: parts[2]!,
    region: parts[3]!,
    accountId: parts[4]!,
    resource: parts.slice(5).join(':'),
  };
}
