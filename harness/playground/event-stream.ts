import type { ServerResponse } from 'node:http';

/**
 * The page's one live channel: Server-Sent Events. Each client gets a snapshot first, then every
 * event as it happens; a client that cannot keep up (its socket buffer full) is dropped and its
 * EventSource reconnects to a fresh snapshot, so a slow tab never makes the server hold unbounded data.
 */
export class EventStream {
  readonly #clients = new Set<ServerResponse>();
  readonly #heartbeat: ReturnType<typeof setInterval>;

  constructor(private readonly maxBufferedBytes = 8 * 2 ** 20) {
    this.#heartbeat = setInterval(() => this.#write(': keep-alive\n\n'), 15_000);
    this.#heartbeat.unref();
  }

  get clients(): number {
    return this.#clients.size;
  }

  open(res: ServerResponse, snapshot: unknown): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    res.write(frame('snapshot', snapshot));
    this.#clients.add(res);
    res.on('close', () => this.#clients.delete(res));
  }

  send(event: string, data: unknown): void {
    if (this.#clients.size === 0) return;
    this.#write(frame(event, data));
  }

  close(): void {
    clearInterval(this.#heartbeat);
    for (const res of this.#clients) res.end();
    this.#clients.clear();
  }

  #write(text: string): void {
    for (const res of this.#clients) {
      if (res.writableLength > this.maxBufferedBytes) {
        this.#clients.delete(res);
        res.destroy();
        continue;
      }
      res.write(text);
    }
  }
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
