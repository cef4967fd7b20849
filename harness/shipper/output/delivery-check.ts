/**
 * Did events sent earlier reach their stream? The output side answers (by reading the stream back:
 * reconcile.ts); the input side asks it, after a restart, about the requests an earlier run had in
 * flight, so the followers never talk to the Logs API themselves.
 */
export type Presence = 'present' | 'absent' | 'partial';

export interface SentRequest {
  readonly group: string;
  readonly stream: string;
  /** Timestamp range of its events, where to look. */
  readonly firstTs: number;
  readonly lastTs: number;
}

export interface DeliveryCheck {
  /** Whether these messages, sent in `request`, are in the stream. */
  presence(request: SentRequest, messages: readonly string[]): Promise<Presence>;
}
