/**
 * The actions of an alarm transition (alarms-sns.md §2.6): the actions of the new state run when
 * actions are enabled, each SNS action publishing the alarm notification in process; each leaves an
 * Action history item once it finished, succeeded or not. Only SNS actions run in the emulator.
 */
import type { Clock } from '../../clock.ts';
import { actionItem, type ActionOutcome, type AlarmHistory } from './alarm-history.ts';
import type { AlarmRecord, AlarmStateRecord } from './alarm-model.ts';
import { buildAlarmNotification, type TriggeringChild } from './alarm-notification.ts';

/** Where alarm actions go: SNS publishes in this emulator (in process, never over HTTP). */
export interface AlarmActionPublisher {
  /** Publishes `message` (MessageStructure=json) to a topic; rejects with the error SNS would give. */
  publish(
    topicArn: string,
    input: { subject: string; message: string; messageStructure: 'json' },
  ): Promise<unknown>;
}

export class AlarmActions {
  readonly #clock: Clock;
  readonly #publisher: AlarmActionPublisher | undefined;
  readonly #pending = new Set<Promise<void>>();

  constructor(clock: Clock, publisher: AlarmActionPublisher | undefined) {
    this.#clock = clock;
    this.#publisher = publisher;
  }

  /** Starts the actions `alarm` has for `newState`; their history items land in `history`. */
  run(
    history: AlarmHistory,
    alarm: AlarmRecord,
    oldState: AlarmStateRecord,
    newState: AlarmStateRecord,
    triggeringChildren: readonly TriggeringChild[],
  ): void {
    const arns = actionsFor(alarm, newState);
    if (arns.length === 0) return;
    const notification = buildAlarmNotification(alarm, oldState, newState, triggeringChildren);
    for (const arn of arns) {
      const run = this.#runOne(arn, notification.subject, notification.message).then((outcome) => {
        history.add(actionItem(alarm, outcome, newState.updatedAt, this.#clock.now()));
      });
      this.#pending.add(run);
      void run.finally(() => this.#pending.delete(run));
    }
  }

  /** Resolves once every action started so far has finished (and its history item is written). */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  async #runOne(arn: string, subject: string, message: string): Promise<ActionOutcome> {
    if (!arn.startsWith('arn:aws:sns:')) {
      return { arn, succeeded: false, error: 'The vault-alarm-lab emulator only executes SNS actions' };
    }
    if (this.#publisher === undefined) {
      return { arn, succeeded: false, error: 'No SNS service is attached to this emulator' };
    }
    try {
      await this.#publisher.publish(arn, { subject, message, messageStructure: 'json' });
      return { arn, succeeded: true, publishedMessage: message };
    } catch (error) {
      return {
        arn,
        succeeded: false,
        error: error instanceof Error ? error.message : String(error),
        publishedMessage: message,
      };
    }
  }
}

function actionsFor(alarm: AlarmRecord, state: AlarmStateRecord): readonly string[] {
  switch (state.value) {
    case 'ALARM':
      return alarm.config.alarmActions;
    case 'OK':
      return alarm.config.okActions;
    case 'INSUFFICIENT_DATA':
      return alarm.config.insufficientDataActions;
  }
}
