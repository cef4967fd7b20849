import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LabError } from '../../errors.ts';
import type { Logger } from '../../util/logger.ts';
import type { StateRegistry } from './state-registry.ts';

/**
 * Persistence to `--state-dir`: one JSON file per (service, account, region) plus `clock.json` (the
 * clock offset, so a restarted emulator does not travel back in time), written atomically (temp file
 * + rename). Saves are debounced after changes and forced on stop; a restart restores every file
 * whose service is registered. Services opt in with `StoreSpec.serialize/restore`.
 */
export const STATE_FORMAT_VERSION = 1;
const SAVE_DEBOUNCE_MS = 250;
const SAVE_MAX_DELAY_MS = 2_000;
const GLOBAL_FILE = 'global.json';

interface StoreFile {
  readonly version: number;
  readonly service: string;
  readonly accountId: string;
  readonly region: string;
  readonly data: unknown;
}

/** Service-wide state persisted as `<service>/global.json`. */
export interface GlobalStateHook {
  readonly service: string;
  serialize(): unknown;
  restore(data: unknown): void;
}

export interface ClockState {
  readonly offsetMs: number;
  readonly savedAt: number;
}

export class StatePersistence {
  readonly #dir: string;
  readonly #registry: StateRegistry;
  readonly #logger: Logger;
  readonly #clockState: () => ClockState | undefined;
  readonly #globals: readonly GlobalStateHook[];
  // Real-time I/O scheduling (not domain time): a debounced save must happen even if the lab clock
  // is never advanced.
  #timer: ReturnType<typeof setTimeout> | undefined;
  #firstDirtyAt: number | undefined;
  #saving: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: {
    dir: string;
    registry: StateRegistry;
    logger: Logger;
    clockState: () => ClockState | undefined;
    globals?: readonly GlobalStateHook[];
  }) {
    this.#dir = options.dir;
    this.#globals = options.globals ?? [];
    this.#registry = options.registry;
    this.#logger = options.logger;
    this.#clockState = options.clockState;
  }

  /** Restores every store file; returns the saved clock state, if any. */
  async load(): Promise<ClockState | undefined> {
    await mkdir(this.#dir, { recursive: true });
    const clock = await readJson<ClockState>(join(this.#dir, 'clock.json'));
    for (const hook of this.#globals) {
      const path = join(this.#dir, hook.service, GLOBAL_FILE);
      const parsed = await readJson<StoreFile>(path);
      if (parsed === undefined) continue;
      checkVersion(path, parsed);
      hook.restore(parsed.data);
      this.#logger(`restored ${path}`);
    }
    for (const service of this.#registry.services()) {
      const spec = this.#registry.spec(service);
      if (spec?.restore === undefined) continue;
      let files: string[];
      try {
        files = await readdir(join(this.#dir, service));
      } catch {
        continue;
      }
      for (const file of files.filter((f) => f.endsWith('.json') && f !== GLOBAL_FILE)) {
        const path = join(this.#dir, service, file);
        const parsed = (await readJson<StoreFile>(path))!;
        checkVersion(path, parsed);
        const scope = { accountId: parsed.accountId, region: parsed.region };
        this.#registry.put(service, scope, spec.restore(parsed.data, scope));
        this.#logger(`restored ${path}`);
      }
    }
    this.#registry.onDirty(() => this.#schedule());
    return clock;
  }

  #schedule(): void {
    if (this.#closed) return;
    const now = Date.now();
    this.#firstDirtyAt ??= now;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const delay = Math.max(0, Math.min(SAVE_DEBOUNCE_MS, this.#firstDirtyAt + SAVE_MAX_DELAY_MS - now));
    this.#timer = setTimeout(() => void this.save(), delay);
  }

  /** Writes every store now (serialised with any save in progress). */
  save(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#firstDirtyAt = undefined;
    const run = this.#saving
      .then(() => this.#writeAll())
      .catch((error: unknown) => {
        this.#logger(`saving state to ${this.#dir} failed`, error);
      });
    this.#saving = run;
    return run;
  }

  async close(): Promise<void> {
    await this.save();
    this.#closed = true;
  }

  async #writeAll(): Promise<void> {
    const clock = this.#clockState();
    if (clock) await atomicWrite(join(this.#dir, 'clock.json'), JSON.stringify(clock));
    for (const hook of this.#globals) {
      await mkdir(join(this.#dir, hook.service), { recursive: true });
      const content: StoreFile = {
        version: STATE_FORMAT_VERSION,
        service: hook.service,
        accountId: '',
        region: '',
        data: hook.serialize(),
      };
      await atomicWrite(join(this.#dir, hook.service, GLOBAL_FILE), JSON.stringify(content));
    }
    for (const service of this.#registry.services()) {
      const spec = this.#registry.spec(service);
      if (spec?.serialize === undefined) continue;
      const dir = join(this.#dir, service);
      await mkdir(dir, { recursive: true });
      const written = new Set<string>();
      for (const { scope, store } of this.#registry.entries(service)) {
        const file = `${scope.accountId}-${scope.region}.json`;
        const content: StoreFile = {
          version: STATE_FORMAT_VERSION,
          service,
          accountId: scope.accountId,
          region: scope.region,
          data: spec.serialize(store, scope),
        };
        await atomicWrite(join(dir, file), JSON.stringify(content));
        written.add(file);
      }
      // Stores dropped by a reset must not come back on restart.
      for (const file of await readdir(dir)) {
        if (file.endsWith('.json') && file !== GLOBAL_FILE && !written.has(file))
          await rm(join(dir, file), { force: true });
      }
    }
  }
}

function checkVersion(path: string, parsed: StoreFile): void {
  if (parsed.version !== STATE_FORMAT_VERSION) {
    throw new LabError(
      'LAB_EMULATOR_STATE_INVALID',
      `${path}: state format version ${parsed.version}, expected ${STATE_FORMAT_VERSION}; move the state directory away to start fresh`,
    );
  }
}

/** A state file's content, undefined when it does not exist; a damaged file is an error, never ignored. */
async function readJson<T>(path: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new LabError(
      'LAB_EMULATOR_STATE_INVALID',
      `${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}); move the state directory away to start fresh`,
      { cause: error },
    );
  }
}

async function atomicWrite(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, content);
  await rename(temp, path);
}
