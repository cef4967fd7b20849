import type { StoreScope, StoreSpec } from '../service.ts';

/**
 * Every service's stores, one per (account, region), created on first use, as AWS partitions data
 * (and LocalStack's `AccountRegionBundle`). `POST /_lab/reset` drops them all; persistence
 * (`persistence.ts`) snapshots and restores them through each service's StoreSpec.
 */
export class StateRegistry {
  readonly #specs = new Map<string, StoreSpec<unknown>>();
  readonly #stores = new Map<string, Map<string, { scope: StoreScope; store: unknown }>>();
  readonly #listeners: (() => void)[] = [];

  register<S>(service: string, spec: StoreSpec<S>): void {
    this.#specs.set(service, spec as StoreSpec<unknown>);
    if (!this.#stores.has(service)) this.#stores.set(service, new Map());
  }

  /** The store of `service` for (accountId, region), created if it does not exist yet. */
  get<S>(service: string, accountId: string, region: string): S {
    const stores = this.#stores.get(service);
    const spec = this.#specs.get(service);
    if (stores === undefined || spec === undefined)
      throw new Error(`no store registered for service ${service}`);
    const key = scopeKey(accountId, region);
    let entry = stores.get(key);
    if (entry === undefined) {
      const scope = { accountId, region };
      entry = { scope, store: spec.create(scope) };
      stores.set(key, entry);
    }
    return entry.store as S;
  }

  /** The store if it exists (read paths that must not create state). */
  peek<S>(service: string, accountId: string, region: string): S | undefined {
    return this.#stores.get(service)?.get(scopeKey(accountId, region))?.store as S | undefined;
  }

  /** Every existing store of a service (an alarm evaluator walks all accounts and regions). */
  *entries<S>(service: string): IterableIterator<{ scope: StoreScope; store: S }> {
    for (const entry of this.#stores.get(service)?.values() ?? []) {
      yield entry as { scope: StoreScope; store: S };
    }
  }

  /** A typed view bound to one service: `accessor<LogsStore>('logs').get(ctx)`. */
  accessor<S>(service: string): StoreAccessor<S> {
    return {
      get: (scope) => this.get<S>(service, scope.accountId, scope.region),
      peek: (scope) => this.peek<S>(service, scope.accountId, scope.region),
      entries: () => this.entries<S>(service),
    };
  }

  services(): string[] {
    return [...this.#specs.keys()];
  }

  spec(service: string): StoreSpec<unknown> | undefined {
    return this.#specs.get(service);
  }

  /** Installs a restored store (persistence). */
  put(service: string, scope: StoreScope, store: unknown): void {
    this.#stores.get(service)?.set(scopeKey(scope.accountId, scope.region), { scope, store });
  }

  clear(): void {
    for (const stores of this.#stores.values()) stores.clear();
    this.markDirty();
  }

  /** Something changed that persistence should save (the core calls it after each request). */
  markDirty(): void {
    for (const listener of this.#listeners) listener();
  }

  onDirty(listener: () => void): void {
    this.#listeners.push(listener);
  }
}

export interface StoreAccessor<S> {
  get(scope: StoreScope): S;
  peek(scope: StoreScope): S | undefined;
  entries(): IterableIterator<{ scope: StoreScope; store: S }>;
}

/** Stores of one kind outside any emulator, for an engine driven directly (unit tests, benchmarks). */
export function standaloneStores<S>(create: (scope: StoreScope) => S): StoreAccessor<S> {
  const registry = new StateRegistry();
  registry.register('standalone', { create });
  return registry.accessor<S>('standalone');
}

function scopeKey(accountId: string, region: string): string {
  return `${accountId}/${region}`;
}
