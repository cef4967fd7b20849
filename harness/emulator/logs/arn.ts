import type { RequestContext } from '../service.ts';

/** `arn:aws:logs:<region>:<account>:log-group:<name>` (what TagResource takes; LogGroup.logGroupArn). */
export function logGroupArn(context: Pick<RequestContext, 'region' | 'accountId'>, name: string): string {
  return `arn:aws:logs:${context.region}:${context.accountId}:log-group:${name}`;
}

/** DescribeLogGroups' `arn` member carries a trailing `:*`. */
export function logGroupArnWildcard(
  context: Pick<RequestContext, 'region' | 'accountId'>,
  name: string,
): string {
  return `${logGroupArn(context, name)}:*`;
}

export function logStreamArn(
  context: Pick<RequestContext, 'region' | 'accountId'>,
  group: string,
  stream: string,
): string {
  return `${logGroupArn(context, group)}:log-stream:${stream}`;
}

export interface ParsedLogGroupArn {
  readonly region: string;
  readonly accountId: string;
  readonly name: string;
}

/** Parses a log group ARN (with or without `:*`); undefined when it is not one. */
export function parseLogGroupArn(arn: string): ParsedLogGroupArn | undefined {
  const match = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):log-group:([^:]+)(:\*)?$/.exec(arn);
  if (!match) return undefined;
  return { region: match[1]!, accountId: match[2]!, name: match[3]! };
}
