/**
 * The SNS service of the emulator: topics, subscriptions and Publish over awsQuery, with delivery to
 * HTTP/HTTPS endpoints (signed, confirmed, retried on the emulator clock), SQS queues (in process)
 * and an email outbox. Offers `snsPublish` to CloudWatch alarm actions and `/_lab/sns/*` routes:
 *
 * - `GET /_lab/sns/messages`: every message published to every topic, the email/email-json outbox
 *   and every delivery attempt, newest last (`DELETE` clears them);
 * - `GET /_lab/sns/signing-certificate`: `{ "certificateUrl", "pem" }`, so a verifier can trust the
 *   emulator's certificate; `GET /_lab/sns/signing-certificate.pem` serves the PEM itself;
 * - `GET /_lab/sns/subscription-tokens`: pending subscriptions with their confirmation tokens.
 */
import { jsonResponse, type LabResponse } from '../protocol/http.ts';
import { snsModel, type SnsOperation } from '../models/sns.ts';
import type { AlarmActionPublisher } from '../cloudwatch/alarm-actions.ts';
import type { EmulatorEnv, ServiceDefinition } from '../service.ts';
import type { SqsDeliveryReceiver } from './delivery/sqs-delivery.ts';
import { SnsEngine } from './sns-engine.ts';
import { SnsOutbox } from './outbox.ts';
import { SigningService } from './signing-service.ts';
import type { SnsContext } from './context.ts';
import {
  createSnsRegionStore,
  restoreSnsStore,
  snapshotSnsStore,
  type SnsRegionStore,
  type SnsStoreSnapshot,
} from './sns-store.ts';
import { publish } from './operations/publish.ts';
import {
  confirmSubscription,
  getSubscriptionAttributes,
  listSubscriptions,
  listSubscriptionsByTopic,
  setSubscriptionAttributes,
  subscribe,
  unsubscribe,
} from './operations/subscriptions.ts';
import {
  createTopic,
  deleteTopic,
  getTopicAttributes,
  listTagsForResource,
  listTopics,
  setTopicAttributes,
  tagResource,
  untagResource,
} from './operations/topics.ts';
import { loadSigningIdentity } from './certificate.ts';

/** What SNS takes from the other services. */
export interface SnsDependencies {
  /** SQS enqueue, for sqs subscriptions. */
  readonly sqs: SqsDeliveryReceiver;
}

/** The service plus what CloudWatch alarm actions and in-process users (tests, benchmarks) use. */
export interface SnsService extends ServiceDefinition<SnsRegionStore, SnsOperation> {
  readonly engine: SnsEngine;
  /** Publish as CloudWatch alarm actions call it. */
  readonly publisher: AlarmActionPublisher;
}

export interface SnsServiceOptions {
  /** Verify the TLS certificates of https subscribers (off: local endpoints are self-signed). */
  readonly verifyTls?: boolean;
}

export function createSnsService(
  env: EmulatorEnv,
  deps: SnsDependencies,
  options: SnsServiceOptions = {},
): SnsService {
  const stores = env.state.accessor<SnsRegionStore>('sns');
  const signing = new SigningService();
  const outbox = new SnsOutbox();
  const engine = new SnsEngine({
    clock: env.clock,
    stores,
    signing,
    outbox,
    sqs: () => deps.sqs,
    verifyTls: options.verifyTls,
  });
  const publisher: AlarmActionPublisher = {
    publish: (topicArn, message) =>
      engine.publish({
        topicArn,
        message: message.message,
        subject: message.subject,
        messageStructure: message.messageStructure,
      }),
  };
  const sns: SnsContext = { clock: env.clock, engine, stores };
  const certificatePem = (): LabResponse => ({
    status: 200,
    headers: { 'content-type': 'application/x-pem-file' },
    body: signing.identity.certificatePem,
  });

  return {
    engine,
    publisher,
    name: 'sns',
    model: snsModel,
    operations: {
      CreateTopic: (input, ctx) => createTopic(sns, input, ctx),
      DeleteTopic: (input) => deleteTopic(sns, input),
      ListTopics: (input, ctx) => listTopics(sns, input, ctx),
      GetTopicAttributes: (input) => getTopicAttributes(sns, input),
      SetTopicAttributes: (input) => setTopicAttributes(sns, input),
      Subscribe: (input, ctx) => subscribe(sns, input, ctx),
      ConfirmSubscription: (input) => confirmSubscription(sns, input),
      Unsubscribe: (input) => unsubscribe(sns, input),
      ListSubscriptions: (input, ctx) => listSubscriptions(sns, input, ctx),
      ListSubscriptionsByTopic: (input) => listSubscriptionsByTopic(sns, input),
      GetSubscriptionAttributes: (input) => getSubscriptionAttributes(sns, input),
      SetSubscriptionAttributes: (input) => setSubscriptionAttributes(sns, input),
      Publish: (input) => publish(sns, input),
      TagResource: (input) => tagResource(sns, input),
      UntagResource: (input) => untagResource(sns, input),
      ListTagsForResource: (input) => listTagsForResource(sns, input),
    },
    store: {
      create: createSnsRegionStore,
      serialize: snapshotSnsStore,
      restore: (data, scope) => restoreSnsStore(data as SnsStoreSnapshot, scope),
    },
    globalState: {
      // The signing identity persists so certificates trusted by verifiers stay valid across restarts.
      serialize: () => ({
        privateKeyPem: signing.identity.privateKeyPem,
        certificatePem: signing.identity.certificatePem,
      }),
      restore: (data) => {
        const saved = data as { privateKeyPem?: string; certificatePem?: string };
        if (saved.privateKeyPem !== undefined && saved.certificatePem !== undefined) {
          signing.restore(loadSigningIdentity(saved.privateKeyPem, saved.certificatePem));
        }
      },
    },
    // AWS serves the SubscribeURL / UnsubscribeURL an endpoint visits without a signature.
    anonymousOperations: ['ConfirmSubscription', 'Unsubscribe'],
    controlRoutes: [
      {
        method: 'GET',
        path: '/sns/messages',
        handle: () =>
          jsonResponse(200, {
            messages: outbox.messages,
            emails: outbox.emails,
            deliveries: outbox.deliveries,
          }),
      },
      {
        method: 'DELETE',
        path: '/sns/messages',
        handle: () => {
          outbox.clear();
          return jsonResponse(200, { cleared: true });
        },
      },
      {
        method: 'GET',
        path: '/sns/signing-certificate',
        handle: async () =>
          jsonResponse(200, {
            certificateUrl: await signing.certUrl(),
            fileName: signing.fileName,
            pem: signing.identity.certificatePem,
          }),
      },
      // The SigningCertURL's file through the plain-HTTP endpoint (what trusted-origin verifiers fetch).
      { method: 'GET', path: `/sns/${signing.fileName}`, handle: certificatePem },
      { method: 'GET', path: '/sns/signing-certificate.pem', handle: certificatePem },
      {
        method: 'GET',
        path: '/sns/subscription-tokens',
        handle: () => {
          const pending = [];
          for (const { store } of stores.entries()) {
            for (const sub of store.subscriptions.values()) {
              if (sub.token !== undefined) {
                pending.push({
                  subscriptionArn: sub.arn,
                  topicArn: sub.topicArn,
                  protocol: sub.protocol,
                  endpoint: sub.endpoint,
                  pendingConfirmation: sub.pendingConfirmation,
                  token: sub.token,
                });
              }
            }
          }
          return jsonResponse(200, { subscriptions: pending });
        },
      },
    ],
    async stop() {
      engine.stop();
      await signing.stop();
    },
    onReset() {
      engine.reset();
    },
  };
}
