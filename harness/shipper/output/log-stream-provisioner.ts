import type { LogsApi } from './logs-api.ts';

/**
 * Creates log groups and streams on demand and applies retention, as the agent's `target.go`:
 * creation is triggered by ResourceNotFoundException from PutLogEvents (stream first, then group and
 * stream again); "already exists" counts as success; concurrent senders for one stream share one
 * attempt. Retention is checked once per group per run.
 */
export interface GroupSettings {
  readonly retentionInDays?: number;
  readonly logGroupClass?: string;
}

export class LogStreamProvisioner {
  readonly #api: LogsApi;
  readonly #settings: (group: string) => GroupSettings;
  #creating = new Map<string, Promise<void>>();
  #retention = new Map<string, Promise<void>>();
  readonly #warn: (message: string) => void;

  constructor(api: LogsApi, settings: (group: string) => GroupSettings, warn: (message: string) => void) {
    this.#api = api;
    this.#settings = settings;
    this.#warn = warn;
  }

  /** Makes sure the stream exists; rejects with the SDK error when creation fails. */
  ensureStream(group: string, stream: string, signal?: AbortSignal): Promise<void> {
    const key = `${group}\0${stream}`;
    let running = this.#creating.get(key);
    if (running === undefined) {
      running = this.#create(group, stream, signal).finally(() => this.#creating.delete(key));
      this.#creating.set(key, running);
    }
    return running;
  }

  async #create(group: string, stream: string, signal?: AbortSignal): Promise<void> {
    try {
      await ignoreExists(this.#api.createLogStream({ logGroupName: group, logStreamName: stream }, signal));
      return;
    } catch (error) {
      if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
    }
    const settings = this.#settings(group);
    const created = await ignoreExists(
      this.#api.createLogGroup(
        { logGroupName: group, ...(settings.logGroupClass ? { logGroupClass: settings.logGroupClass } : {}) },
        signal,
      ),
    );
    if (created && settings.retentionInDays !== undefined) {
      await this.#api.putRetentionPolicy(
        { logGroupName: group, retentionInDays: settings.retentionInDays },
        signal,
      );
      this.#retention.set(group, Promise.resolve());
    }
    await ignoreExists(this.#api.createLogStream({ logGroupName: group, logStreamName: stream }, signal));
  }

  /**
   * For a group that already exists: sets `retention_in_days` when it differs. Failures are reported
   * and do not stop shipping (retention is housekeeping, not delivery).
   */
  ensureRetention(group: string, signal?: AbortSignal): Promise<void> {
    const days = this.#settings(group).retentionInDays;
    if (days === undefined) return Promise.resolve();
    let done = this.#retention.get(group);
    if (done === undefined) {
      done = this.#applyRetention(group, days, signal).catch((error: unknown) => {
        this.#retention.delete(group);
        this.#warn(
          `retention_in_days ${days} for log group ${group} not applied: ${(error as Error).message}`,
        );
      });
      this.#retention.set(group, done);
    }
    return done;
  }

  async #applyRetention(group: string, days: number, signal?: AbortSignal): Promise<void> {
    let nextToken: string | undefined;
    do {
      const page = await this.#api.describeLogGroups(
        { logGroupNamePrefix: group, ...(nextToken ? { nextToken } : {}) },
        signal,
      );
      const found = page.logGroups.find((g) => g.logGroupName === group);
      if (found) {
        if (found.retentionInDays !== days)
          await this.#api.putRetentionPolicy({ logGroupName: group, retentionInDays: days }, signal);
        return;
      }
      nextToken = page.nextToken;
    } while (nextToken);
    // Missing: it gets its retention when PutLogEvents' ResourceNotFoundException makes us create it.
    this.#retention.delete(group);
  }
}

/** Resolves true when created, false when it already existed. */
async function ignoreExists(call: Promise<void>): Promise<boolean> {
  try {
    await call;
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceAlreadyExistsException') return false;
    throw error;
  }
}
