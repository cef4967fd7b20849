import { ConfigError } from '../../errors.ts';
import type { ConfigIssue } from './schema-check.ts';

/**
 * A CloudWatch agent config the shipper refuses. Every problem found is listed (not only the first),
 * each naming the field, the value as written and the rule; nothing has been read or sent yet.
 */
export class AgentConfigError extends ConfigError {
  readonly issues: readonly ConfigIssue[];
  readonly origin: string;

  constructor(origin: string, issues: readonly ConfigIssue[], options?: { cause?: unknown }) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    const lines = issues.map((i) => `  - ${i.message}`);
    super(
      `CloudWatch agent config ${origin} refused (${count}); nothing was read or shipped:\n${lines.join('\n')}`,
      options,
    );
    this.issues = issues;
    this.origin = origin;
  }
}
