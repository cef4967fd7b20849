import type { SubscriptionSpec } from '../aws/index.ts';
import type { Lab } from '../runner/index.ts';
import { waitFor } from '../util/wait-for.ts';

/** The inbox the playground subscribes to the alarm topics (`.invalid`: no mail ever leaves). */
export const PLAYGROUND_EMAIL = 'security-team@playground.invalid';

export const emailSubscription: SubscriptionSpec = { protocol: 'email', endpoint: PLAYGROUND_EMAIL };

interface OutboxEmail {
  kind: string;
  to: string;
  body: string;
}

/**
 * Confirms the inbox's email subscriptions the way a person does: by visiting the SubscribeURL in
 * the confirmation email. The emulator keeps emails in its outbox (`GET /_lab/sns/messages`); on
 * other targets nobody can read the mail, so the inbox shows HTTP deliveries only.
 */
export async function confirmEmailSubscriptions(lab: Lab, signal?: AbortSignal): Promise<boolean> {
  const endpoint = lab.target.aws.endpoint;
  if (lab.target.name !== 'local' || !endpoint) return false;
  const topics = Object.keys(lab.provision.topicArns).length;
  let confirmations: OutboxEmail[] = [];
  await waitFor(
    async () => {
      const response = await fetch(`${endpoint}/_lab/sns/messages`);
      const outbox = (await response.json()) as { emails: OutboxEmail[] };
      confirmations = outbox.emails.filter(
        (e) => e.kind === 'SubscriptionConfirmation' && e.to === PLAYGROUND_EMAIL,
      );
      return confirmations.length >= topics;
    },
    {
      description: `the subscription confirmation email for ${PLAYGROUND_EMAIL}`,
      timeoutMs: 10_000,
      ...(signal ? { signal } : {}),
    },
  );
  for (const email of confirmations) {
    const url = /https?:\/\/\S+/.exec(email.body)?.[0];
    // Only links back to the emulator: the page must not make the server fetch anything else.
    if (!url || new URL(url).origin !== new URL(endpoint).origin) continue;
    const answer = await fetch(url);
    if (!answer.ok)
      throw new Error(`confirming ${PLAYGROUND_EMAIL}: the SubscribeURL answered ${answer.status}`);
  }
  return true;
}
