/**
 * The AWS side as every target sees it: SDK clients for an endpoint (emulator, LocalStack) or the
 * default chain (real AWS), and the AWS-level types that rules, sinks and the runner share. The AWS
 * facts (limits, name patterns, alarm states) are in facts/, one module per service, imported by
 * path; they import nothing, so the emulator may use them too.
 */
export { createAwsClients, clientConfig, LOCAL_CREDENTIALS } from './clients.ts';
export type { AwsClients, AwsConnection } from './clients.ts';
export { ALARM_STATES, isAlarmStateValue } from './facts/alarm-state.ts';
export type { AlarmStateValue } from './facts/alarm-state.ts';
export type { SubscriptionSpec } from './subscription.ts';
