import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { LimiterOptions, LimiterStore } from "./store";

/**
 * Whether the shared store answers, per store (so one outage is noticed, logged and probed once for
 * every limit on it). While it is down, limiters skip it and count in memory at once, instead of
 * every request paying a connection attempt or a timeout; a probe every `retryMs` (a timer, not a
 * request) brings them back to the shared counters as soon as the store answers again.
 */
export class StoreHealth {
  private downSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(up: boolean) => void>();

  constructor(
    private readonly store: LimiterStore,
    private readonly retryMs = 2000,
    private readonly log: (message: string) => void = (message) => console.warn(message),
  ) {}

  get kind() {
    return this.store.kind;
  }

  /** True while the store is believed to answer. */
  isUp(): boolean {
    return this.downSince === null;
  }

  private warming: Promise<void> | null = null;
  private warm = false;

  /**
   * The first call waits (at most the store's connect timeout) for a store that connects at
   * start-up (Redis), so a fresh instance does not count its first requests in memory for nothing.
   */
  warmUp(): Promise<void> | null {
    if (this.warm) return null;
    this.warming ??= this.store
      .ready()
      .catch(() => {})
      .finally(() => {
        this.warm = true;
      });
    return this.warming;
  }

  /** A store call failed (not a limit rejection): count in memory until a probe succeeds. */
  failed(error?: unknown): void {
    if (this.downSince !== null) return;
    this.downSince = Date.now();
    this.log(
      `[rate-limits] the ${this.store.kind} store does not answer (${describe(error) ?? this.store.lastError() ?? "unknown error"}): ` +
        `counting in this instance's memory until it does; limits are not shared meanwhile`,
    );
    this.emit(false);
    this.scheduleProbe();
  }

  /** Resolves once the store is (back) up: for tests and start-up, which wait on state, not on time. */
  whenUp(): Promise<void> {
    return this.when(true);
  }

  /** Resolves once the store has been marked down. */
  whenDown(): Promise<void> {
    return this.when(false);
  }

  /** Stops probing (when the store is closed). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private when(up: boolean): Promise<void> {
    if (this.isUp() === up) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = (now: boolean) => {
        if (now !== up) return;
        this.listeners.delete(listener);
        resolve();
      };
      this.listeners.add(listener);
    });
  }

  private scheduleProbe(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.store.ping().then(
        () => {
          const seconds = this.downSince === null ? 0 : Math.round((Date.now() - this.downSince) / 1000);
          this.downSince = null;
          this.log(`[rate-limits] the ${this.store.kind} store answers again after ${seconds} s: limits are shared again`);
          this.emit(true);
        },
        () => this.scheduleProbe(),
      );
    }, this.retryMs);
    this.timer.unref();
  }

  private emit(up: boolean) {
    for (const listener of [...this.listeners]) listener(up);
  }
}

/**
 * A limit counted in the shared store, with an in-memory insurance limiter (a RateLimiterMemory
 * with the same points and window) that answers while the store is unreachable: a call that fails
 * in the store is answered by the insurance in the same call, and during an outage calls go
 * straight to it (StoreHealth). This is what rate-limiter-flexible's `insuranceLimiter` option
 * does, done here because that option swallows the store's error: it could neither log the outage
 * once nor stop trying (and waiting for) a dead store on every call.
 *
 * Every method resolves with a RateLimiterRes, or rejects with one when over the limit, exactly as
 * rate-limiter-flexible's limiters do; store errors never reach the caller.
 */
export class ResilientLimiter {
  readonly points: number;
  private readonly shared: RateLimiterAbstract;
  private readonly insurance: RateLimiterMemory;

  constructor(
    store: LimiterStore,
    private readonly health: StoreHealth,
    options: LimiterOptions,
  ) {
    this.points = options.points;
    this.shared = store.limiter(options);
    this.insurance = new RateLimiterMemory({ ...options, blockDuration: options.blockDuration ?? 0 });
  }

  /** Which counter answers now: "shared" or "memory" (the insurance, during an outage). */
  mode(): "shared" | "memory" {
    return this.health.isUp() ? "shared" : "memory";
  }

  private async call<T>(operation: (limiter: RateLimiterAbstract) => Promise<T>): Promise<T> {
    const warming = this.health.warmUp();
    if (warming) await warming;
    if (!this.health.isUp()) return operation(this.insurance);
    try {
      return await operation(this.shared);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw error;
      this.health.failed(error);
      return operation(this.insurance);
    }
  }

  consume(key: string, points = 1, options: { customDuration?: number } = {}): Promise<RateLimiterRes> {
    return this.call((limiter) => limiter.consume(key, points, options));
  }

  penalty(key: string, points = 1): Promise<RateLimiterRes> {
    return this.call((limiter) => limiter.penalty(key, points));
  }

  reward(key: string, points = 1): Promise<RateLimiterRes> {
    return this.call((limiter) => limiter.reward(key, points));
  }

  get(key: string): Promise<RateLimiterRes | null> {
    return this.call((limiter) => limiter.get(key));
  }

  delete(key: string): Promise<boolean> {
    return this.call((limiter) => limiter.delete(key));
  }
}

function describe(error: unknown): string | undefined {
  if (error === undefined) return undefined;
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}
