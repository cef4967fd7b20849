/**
 * What the shipper reports as it works (`startShipper({ onEvent })`, and the debug log). Loss and
 * rejection are always reported here: nothing is dropped silently.
 */
export type ShipperEvent =
  | {
      readonly type: 'file-opened';
      readonly path: string;
      readonly offset: number;
      readonly resumed: boolean;
      readonly identity: string;
    }
  | {
      readonly type: 'rotation';
      readonly path: string;
      /** rename: a new file took the name; removed: the name is gone; truncate: same file, content replaced. */
      readonly kind: 'rename' | 'removed' | 'truncate';
      readonly detail: string;
    }
  | { readonly type: 'file-finished'; readonly path: string; readonly bytes: number }
  | {
      readonly type: 'batch-accepted';
      readonly group: string;
      readonly stream: string;
      readonly events: number;
      readonly bytes: number;
      readonly attempts: number;
      /** Wall ms from the first attempt to acceptance. */
      readonly latencyMs: number;
      /** File byte ranges shipped ([from, to) offsets). */
      readonly ranges: readonly { readonly path: string; readonly from: number; readonly to: number }[];
      readonly foundAfterFailure: boolean;
    }
  | {
      readonly type: 'retry';
      readonly group: string;
      readonly stream: string;
      readonly attempt: number;
      readonly delayMs: number;
      readonly error: string;
    }
  | {
      readonly type: 'rejected';
      readonly group: string;
      readonly stream: string;
      readonly path: string;
      readonly tooNew: number;
      readonly tooOld: number;
      readonly expired: number;
    }
  | {
      readonly type: 'destination-stopped';
      readonly group: string;
      readonly stream: string;
      readonly error: string;
    }
  | {
      readonly type: 'reconciled';
      readonly path: string;
      readonly events: number;
      readonly presence: 'present' | 'absent' | 'partial';
    }
  | {
      readonly type: 'split';
      readonly path: string;
      readonly offset: number;
      readonly parts: number;
      readonly bytes: number;
    }
  | {
      readonly type: 'data-loss';
      readonly path: string;
      readonly bytes: number | undefined;
      readonly reason: string;
    }
  | { readonly type: 'warning'; readonly message: string };

export type ShipperEventListener = (event: ShipperEvent) => void;
