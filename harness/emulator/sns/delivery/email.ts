/**
 * The texts of email deliveries, captured in the outbox (`GET /_lab/sns/messages`) instead of sent:
 * a notification is the message plus SNS's unsubscribe footer; a confirmation is SNS's invitation
 * with the SubscribeURL.
 */

export const CONFIRMATION_EMAIL_SUBJECT = 'AWS Notification - Subscription Confirmation';
export const DEFAULT_EMAIL_SUBJECT = 'AWS Notification Message';

export function notificationEmailBody(message: string, unsubscribeUrl: string): string {
  return (
    `${message}\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n` +
    `${unsubscribeUrl}\n\nPlease do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support`
  );
}

export function confirmationEmailBody(topicArn: string, subscribeUrl: string): string {
  return `You have chosen to subscribe to the topic: \n${topicArn}\n\nTo confirm this subscription, click or visit the link below (If this was in error no action is necessary): \n${subscribeUrl}\n\nPlease do not reply directly to this email. If you wish to remove yourself from receiving all future SNS subscription confirmation requests please send an email to sns-opt-out`;
}
