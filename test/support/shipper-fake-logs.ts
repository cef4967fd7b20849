import type {
  GetLogEventsInput,
  LogsApi,
  PutLogEventsInput,
  PutLogEventsOutput,
} from '../../harness/shipper/output/logs-api.ts';

/**
 * An in-memory stand-in for the shipper's narrow `LogsApi` (never the SDK), for unit tests: it stores
 * events per stream ordered by timestamp then arrival, validates like the service (order, sizes,
 * names), and fails on demand. Integration tests use the real emulator over HTTP instead.
 */
export interface StoredEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly seq: number;
}

export type FakeFault =
  | {
      readonly error: string;
      readonly status?: number;
      readonly message?: string;
      readonly storeFirst?: boolean;
    }
  | {
      readonly reject: {
        tooNewLogEventStartIndex?: number;
        tooOldLogEventEndIndex?: number;
        expiredLogEventEndIndex?: number;
      };
    };

export class FakeLogsError extends Error {
  readonly $metadata: { httpStatusCode: number };
  readonly $fault: 'client' | 'server';
  constructor(name: string, status: number, message: string) {
    super(message);
    this.name = name;
    this.$metadata = { httpStatusCode: status };
    this.$fault = status >= 500 ? 'server' : 'client';
  }
}

export class FakeLogs implements LogsApi {
  readonly groups = new Map<
    string,
    { retentionInDays?: number; logGroupClass?: string; streams: Map<string, StoredEvent[]> }
  >();
  readonly calls: { op: string; input: unknown }[] = [];
  /** Faults for the next PutLogEvents calls, consumed in order. */
  readonly putFaults: FakeFault[] = [];
  /** Resolves each PutLogEvents only when the test says so (for concurrency tests). */
  gate: ((input: PutLogEventsInput) => Promise<void>) | undefined;
  #seq = 0;
  inFlight = 0;
  maxInFlight = 0;

  constructor(options: { groups?: readonly string[] } = {}) {
    for (const g of options.groups ?? []) this.groups.set(g, { streams: new Map() });
  }

  events(group: string, stream: string): StoredEvent[] {
    return this.groups.get(group)?.streams.get(stream) ?? [];
  }

  messages(group: string, stream: string): string[] {
    return this.events(group, stream).map((e) => e.message);
  }

  async putLogEvents(input: PutLogEventsInput): Promise<PutLogEventsOutput> {
    this.calls.push({ op: 'PutLogEvents', input });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.gate) await this.gate(input);
      const fault = this.putFaults.shift();
      if (fault && 'error' in fault) {
        if (fault.storeFirst) this.#store(input);
        throw new FakeLogsError(fault.error, fault.status ?? 400, fault.message ?? fault.error);
      }
      const events = input.logEvents;
      for (let i = 1; i < events.length; i++) {
        if (events[i]!.timestamp < events[i - 1]!.timestamp) {
          throw new FakeLogsError(
            'InvalidParameterException',
            400,
            'Log events in a single PutLogEvents request must be in chronological order.',
          );
        }
      }
      const size = events.reduce((n, e) => n + Buffer.byteLength(e.message) + 26, 0);
      if (size > 1_048_576)
        throw new FakeLogsError(
          'InvalidParameterException',
          400,
          `Upload too large: ${size} bytes exceeds limit of 1048576`,
        );
      if (events.length > 10_000 || events.length === 0)
        throw new FakeLogsError('InvalidParameterException', 400, 'bad event count');
      if (!/^[.\-_/#A-Za-z0-9]+$/.test(input.logGroupName)) {
        throw new FakeLogsError(
          'InvalidParameterException',
          400,
          `1 validation error detected: Value '${input.logGroupName}' at 'logGroupName' failed to satisfy constraint`,
        );
      }
      const stream = this.groups.get(input.logGroupName)?.streams.get(input.logStreamName);
      if (stream === undefined)
        throw new FakeLogsError('ResourceNotFoundException', 400, 'The specified log stream does not exist.');
      const reject = fault && 'reject' in fault ? fault.reject : undefined;
      const n = events.length;
      const lo = Math.max(reject?.tooOldLogEventEndIndex ?? 0, reject?.expiredLogEventEndIndex ?? 0);
      const hi = reject?.tooNewLogEventStartIndex ?? n;
      this.#store({ ...input, logEvents: events.slice(lo, hi) });
      return reject ? { rejectedLogEventsInfo: reject } : {};
    } finally {
      this.inFlight--;
    }
  }

  #store(input: PutLogEventsInput): void {
    const stream = this.groups.get(input.logGroupName)?.streams.get(input.logStreamName);
    if (stream === undefined) return;
    for (const e of input.logEvents)
      stream.push({ timestamp: e.timestamp, message: e.message, seq: this.#seq++ });
    stream.sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
  }

  async createLogGroup(input: { logGroupName: string; logGroupClass?: string }): Promise<void> {
    this.calls.push({ op: 'CreateLogGroup', input });
    if (this.groups.has(input.logGroupName))
      throw new FakeLogsError(
        'ResourceAlreadyExistsException',
        400,
        'The specified log group already exists',
      );
    this.groups.set(input.logGroupName, {
      streams: new Map(),
      ...(input.logGroupClass ? { logGroupClass: input.logGroupClass } : {}),
    });
  }

  async createLogStream(input: { logGroupName: string; logStreamName: string }): Promise<void> {
    this.calls.push({ op: 'CreateLogStream', input });
    const group = this.groups.get(input.logGroupName);
    if (group === undefined)
      throw new FakeLogsError('ResourceNotFoundException', 400, 'The specified log group does not exist.');
    if (group.streams.has(input.logStreamName))
      throw new FakeLogsError(
        'ResourceAlreadyExistsException',
        400,
        'The specified log stream already exists',
      );
    group.streams.set(input.logStreamName, []);
  }

  async putRetentionPolicy(input: { logGroupName: string; retentionInDays: number }): Promise<void> {
    this.calls.push({ op: 'PutRetentionPolicy', input });
    const group = this.groups.get(input.logGroupName);
    if (group === undefined)
      throw new FakeLogsError('ResourceNotFoundException', 400, 'The specified log group does not exist.');
    group.retentionInDays = input.retentionInDays;
  }

  async describeLogGroups(input: { logGroupNamePrefix: string }) {
    this.calls.push({ op: 'DescribeLogGroups', input });
    return {
      logGroups: [...this.groups]
        .filter(([name]) => name.startsWith(input.logGroupNamePrefix))
        .map(([logGroupName, g]) => ({
          logGroupName,
          ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}),
        })),
    };
  }

  async getLogEvents(input: GetLogEventsInput) {
    this.calls.push({ op: 'GetLogEvents', input });
    const stream = this.groups.get(input.logGroupName)?.streams.get(input.logStreamName);
    if (stream === undefined)
      throw new FakeLogsError('ResourceNotFoundException', 400, 'The specified log stream does not exist.');
    const inWindow = stream.filter(
      (e) =>
        (input.startTime === undefined || e.timestamp >= input.startTime) &&
        (input.endTime === undefined || e.timestamp < input.endTime),
    );
    const start = input.nextToken ? Number(input.nextToken) : 0;
    const limit = input.limit ?? 10_000;
    const page = inWindow.slice(start, start + limit);
    return {
      events: page.map((e) => ({ timestamp: e.timestamp, message: e.message })),
      nextForwardToken: String(start + page.length),
    };
  }
}
