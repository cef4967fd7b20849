/** A worker thread that scans the pieces its parent sends, one at a time (scan-pool.ts). */
import { parentPort } from 'node:worker_threads';
import { scanPiece } from './scan-piece.ts';
import type { ScanRequest, WorkerMessage } from './scan-pool.ts';

const port = parentPort;
if (port === null) throw new Error('scan-worker.ts runs as a worker thread');

port.on('message', (request: ScanRequest) => {
  let pending = 0;
  const post = (message: WorkerMessage): void => port.postMessage(message);
  const onBytes = (count: number): void => {
    // Progress in ~8 MB steps: a message per read chunk would cost more than it tells.
    pending += count;
    if (pending >= 8 * 1024 * 1024) {
      post({ kind: 'progress', bytes: pending });
      pending = 0;
    }
  };
  scanPiece(request.piece, request.rules, request.window, onBytes, request.causeRequests).then(
    (result) => {
      if (pending > 0) post({ kind: 'progress', bytes: pending });
      post({ kind: 'result', result });
    },
    (error: unknown) =>
      post({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});
